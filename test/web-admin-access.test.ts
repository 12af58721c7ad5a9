import { describe, expect, it } from 'vitest';
import { testDeps } from './helpers/deps.js';
import { makeWorld, ctxFor } from './helpers/fixtures.js';
import { createApp } from '../api/app.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { csrfTokenFor } from '../web/auth/sessions.js';
import { mintToken } from '../api/people/mint-token.js';
import { logPatrol } from '../api/patrols/log.js';
import { reportHazard } from '../api/hazards/report.js';
import { dbOutbox } from '../jobs/outbox/enqueue.js';
import { notifications } from '../db/schema/index.js';
import { personForIdentity } from '../api/people/identity.js';
import { sessionCookie } from './helpers/web-sign-in.js';

async function world() {
  const t = await testDeps();
  const w = await makeWorld(t.db);
  const app = createApp(t.deps);
  const signIn = async (id: number) => {
    const token = (await sessionCookie(app, (await issueLoginTicket(t.deps, id, t.clock())).ticket)).split('=')[1];
    return { cookie: `gs_session=${token}`, csrf: csrfTokenFor(token) };
  };
  type S = Awaited<ReturnType<typeof signIn>>;
  const get = (s: S, path: string) => app.request(path, { headers: { cookie: s.cookie } });
  const post = (s: S, path: string, form: Record<string, string> = {}) => app.request(path, {
    method: 'POST', body: new URLSearchParams({ ...form, _csrf: s.csrf }),
    headers: { cookie: s.cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { t, w, app, signIn, get, post };
}

describe('admin pages: API tokens and web sessions', () => {
  it('a district admin lists, mints and revokes a person\'s tokens on the page; a revoked token stops working', async () => {
    const { t, w, app, signIn, get, post } = await world();
    const admin = await signIn(w.district.id);
    const minted = await post(admin, `/app/admin/people/${w.workerA1.id}/token`, { label: '台账系统对接' });
    const token = /<b id="shown-secret">([^<]+)<\/b>/.exec(await minted.text())![1];
    const me = () => app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    const html = await (await get(admin, `/app/admin/people/${w.workerA1.id}`)).text();
    expect(html).toContain('台账系统对接');
    expect(html).not.toContain(token);
    const revokeAction = /action="(\/app\/admin\/people\/\d+\/tokens\/\d+\/revoke)"/.exec(html)![1];
    const revoked = await post(admin, revokeAction);
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain('已吊销');
    expect((await me()).status).toBe(401);

    // Another person's token id through this person's page: not found, and it keeps working.
    const other = await mintToken(await ctxFor(t.deps, w.district.id), w.workerB1.id, { label: '别人的' });
    const theirs = await (await get(admin, `/app/admin/people/${w.workerB1.id}`)).text();
    const theirId = /\/tokens\/(\d+)\/revoke/.exec(theirs)![1];
    expect((await post(admin, `/app/admin/people/${w.workerA1.id}/tokens/${theirId}/revoke`)).status).toBe(404);
    expect((await app.request('/v1/me', { headers: { authorization: `Bearer ${other.token}` } })).status).toBe(200);
    t.close();
  });

  it('a town admin sees no token forms it could not use and cannot revoke tokens', async () => {
    const { t, w, signIn, get, post } = await world();
    const minted = await mintToken(await ctxFor(t.deps, w.district.id), w.workerA1.id, { label: '对接' });
    const townAdmin = await signIn(w.adminA.id);
    const html = await (await get(townAdmin, `/app/admin/people/${w.workerA1.id}`)).text();
    expect(html).not.toContain('/token"');
    expect(html).not.toContain('/revoke"><input type="hidden" name="_csrf"');
    expect((await post(townAdmin, `/app/admin/people/${w.workerA1.id}/tokens/${minted.id}/revoke`)).status).toBe(404);
    t.close();
  });

  it('an admin ends all web sessions of a person in scope (a lost phone); out of scope nothing ends', async () => {
    const { w, t, signIn, get, post } = await world();
    const phone = await signIn(w.workerA1.id);
    const desk = await signIn(w.workerA1.id);
    const b = await signIn(w.workerB1.id);
    const townAdmin = await signIn(w.adminA.id);
    const page = await (await get(townAdmin, `/app/admin/people/${w.workerA1.id}`)).text();
    expect(/<b id="live-sessions">(\d+)<\/b>/.exec(page)![1]).toBe('2');
    // Town A's admin cannot reach town B's worker.
    expect((await post(townAdmin, `/app/admin/people/${w.workerB1.id}/sessions/revoke`)).status).toBe(404);
    expect((await get(b, '/app')).status).toBe(200);
    // A worker is not an admin.
    expect((await post(b, `/app/admin/people/${w.workerA1.id}/sessions/revoke`)).status).toBe(403);

    const done = await post(townAdmin, `/app/admin/people/${w.workerA1.id}/sessions/revoke`);
    expect(done.status).toBe(200);
    expect(/<b id="live-sessions">(\d+)<\/b>/.exec(await done.text())![1]).toBe('0');
    for (const s of [phone, desk]) {
      const res = await get(s, '/app');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/auth/login');
    }
    expect((await get(b, '/app')).status).toBe(200);
    t.close();
  });
});

describe('人员 page: chat identities', () => {
  it('an admin fills in the DingTalk staffId and WeCom userid, clears one, and is told when an id is taken', async () => {
    const { t, w, signIn, get, post } = await world();
    const admin = await signIn(w.adminA.id);
    const saved = await post(admin, `/app/admin/people/${w.workerA1.id}/identities`, { dingtalk: 'staff-0421', wecom: 'zhangsan' });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('聊天身份已保存');
    expect(await personForIdentity(t.db, 'dingtalk', 'staff-0421')).toBe(w.workerA1.id);
    expect(await personForIdentity(t.db, 'wecom', 'zhangsan')).toBe(w.workerA1.id);
    expect(await (await get(admin, `/app/admin/people/${w.workerA1.id}`)).text()).toContain('value="staff-0421"');

    await post(admin, `/app/admin/people/${w.workerA1.id}/identities`, { dingtalk: 'staff-0421', wecom: '' });
    expect(await personForIdentity(t.db, 'wecom', 'zhangsan')).toBeNull();
    expect(await personForIdentity(t.db, 'dingtalk', 'staff-0421')).toBe(w.workerA1.id);

    const taken = await post(admin, `/app/admin/people/${w.workerA2.id}/identities`, { dingtalk: 'staff-0421' });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toMatch(/role="alert"[^>]*>[^<]*钉钉/);
    // Another town's worker is out of reach.
    expect((await post(admin, `/app/admin/people/${w.workerB1.id}/identities`, { dingtalk: 'staff-9' })).status).toBe(404);
    expect(await personForIdentity(t.db, 'dingtalk', 'staff-9')).toBeNull();
    t.close();
  });
});

describe('通知 page', () => {
  it('lists failed notifications with a 重新发送 button that queues them again', async () => {
    const { t, w, signIn, get, post } = await world();
    await dbOutbox(t.db).enqueue([{ dedupeKey: 'web:resend', personId: w.workerA1.id, kind: 'digest', urgent: false, title: '今日待办', text: '巡查', expiresAt: null }], t.clock());
    await t.db.update(notifications).set({ status: 'failed', lastError: '未绑定任何聊天账号', attempts: 1 });
    const admin = await signIn(w.adminA.id);
    const html = await (await get(admin, '/app/admin/notifications')).text();
    expect(html).toContain('未绑定任何聊天账号');
    const action = /action="(\/app\/admin\/notifications\/\d+\/resend)"/.exec(html)![1];
    const done = await post(admin, action);
    expect(done.status).toBe(303);
    expect((await t.db.select().from(notifications))[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await (await get(admin, '/app/admin/notifications?ok=1')).text()).toContain('没有发送失败的通知');
    // A worker is no admin.
    const worker = await signIn(w.workerA1.id);
    expect((await post(worker, action)).status).toBe(403);
    t.close();
  });
});

describe('list pages', () => {
  it('隐患: town, grid and date filters as the API has them, paged, and the ledger of the same filters', async () => {
    const { t, w, signIn, get } = await world();
    const a1 = await ctxFor(t.deps, w.workerA1.id);
    for (let i = 0; i < 52; i++) await reportHazard(a1, { enterpriseId: w.entA1.id, description: `甲镇隐患第${i}条`, force: true });
    await reportHazard(await ctxFor(t.deps, w.workerB1.id), { enterpriseId: w.entB1.id, description: '乙镇的隐患' });
    const district = await signIn(w.district.id);
    const all = await (await get(district, '/app/hazards')).text();
    expect(all).toContain(`<option value="${w.townB.id}"`);
    expect(all).not.toContain('id="gridId"');
    const next = /<a id="next-page" href="([^"]+)"/.exec(all)![1];
    expect(next).toBe('/app/hazards?offset=50');
    const second = await (await get(district, next)).text();
    expect((second.match(/<li>/g) ?? []).length).toBe(3);
    expect(second).toContain('id="prev-page"');

    const townB = await (await get(district, `/app/hazards?townId=${w.townB.id}`)).text();
    expect(townB).toContain('乙镇的隐患');
    expect(townB).not.toContain('甲镇隐患');
    expect(townB).toContain(`href="/app/exports/hazards.xlsx?townId=${w.townB.id}"`);
    const ledger = await (await get(district, `/app/exports/hazards.csv?townId=${w.townB.id}`)).text();
    expect(ledger).toContain('乙镇的隐患');
    expect(ledger).not.toContain('甲镇隐患');

    const today = new Date(t.clock().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(await (await get(district, `/app/hazards?from=${today}&to=${today}&townId=${w.townB.id}`)).text()).toContain('乙镇的隐患');
    const before = await (await get(district, '/app/hazards?to=2020-01-31')).text();
    expect(before).toContain('没有隐患');
    expect(before).toContain('href="/app/exports/hazards.xlsx?to=2020-01-31"');

    // A town admin picks among the town's grids only, and another town's id lists nothing.
    const townAdmin = await signIn(w.adminA.id);
    const mine = await (await get(townAdmin, `/app/hazards?gridId=${w.gridA1.id}`)).text();
    expect(mine).toContain(`<option value="${w.gridA1.id}" selected`);
    expect(mine).not.toContain(`<option value="${w.gridB1.id}"`);
    expect(mine).not.toContain('id="townId"');
    expect(await (await get(townAdmin, `/app/hazards?townId=${w.townB.id}`)).text()).toContain('没有隐患');
    t.close();
  });

  it('lists patrols in the viewer\'s scope with the API\'s filters, and the ledger links keep them', async () => {
    const { t, w, signIn, get } = await world();
    const a1 = await ctxFor(t.deps, w.workerA1.id);
    await logPatrol(a1, { enterpriseId: w.entA1.id, result: 'normal', note: '一切正常-甲' });
    await logPatrol(a1, { enterpriseId: w.entA1.id, result: 'issues', note: '消防通道堵塞-乙' });
    await logPatrol(await ctxFor(t.deps, w.workerB1.id), { enterpriseId: w.entB1.id, result: 'normal', note: '别的网格-丙' });
    const worker = await signIn(w.workerA1.id);
    const all = await (await get(worker, '/app/patrols')).text();
    expect(all).toContain('一切正常-甲');
    expect(all).toContain('消防通道堵塞-乙');
    expect(all).not.toContain('别的网格-丙');
    const issues = await (await get(worker, '/app/patrols?result=issues')).text();
    expect(issues).toContain('消防通道堵塞-乙');
    expect(issues).not.toContain('一切正常-甲');
    expect(issues).toContain('href="/app/exports/patrols.xlsx?result=issues"');
    const today = new Date(t.clock().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(await (await get(worker, `/app/patrols?from=${today}&to=${today}`)).text()).toContain('一切正常-甲');
    expect(await (await get(worker, '/app/patrols?to=2020-01-01')).text()).toContain('没有巡查记录');
    const district = await signIn(w.district.id);
    expect(await (await get(district, '/app/patrols')).text()).toContain('别的网格-丙');
    const ledger = await get(worker, '/app/exports/patrols.csv?result=issues');
    expect(ledger.status).toBe(200);
    const csv = await ledger.text();
    expect(csv).toContain('消防通道堵塞-乙');
    expect(csv).not.toContain('一切正常-甲');
    t.close();
  });
});
