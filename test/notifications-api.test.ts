import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { addIdentity, fakeSender, fakePacing } from './helpers/jobs-fixtures.js';
import { dbOutbox } from '../jobs/outbox/enqueue.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import { jobsConfig } from '../jobs/config.js';

describe('GET /v1/notifications', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  const now = new Date('2026-11-23T02:00:00Z');
  const get = async (who: { auth: Record<string, string> }, qs = '') => {
    const res = await t.app.request(`/v1/notifications${qs}`, { headers: who.auth });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
    const msg = (personId: number, key: string) => ({ dedupeKey: `test:${key}:${personId}`, personId, kind: 'digest', urgent: false, title: '今日待办', text: '巡查：到期 1 家', expiresAt: null });
    await dbOutbox(t.db).enqueue([msg(w.workerA1.id, 'a'), msg(w.workerB1.id, 'b'), msg(w.adminA.id, 'c'), msg(w.deptUser.id, 'd')], now);
    // workerB1 can be reached but DingTalk keeps throttling: after maxAttempts the row fails for good.
    for (const p of [w.workerA1, w.workerB1, w.adminA, w.deptUser]) await addIdentity(t.db, p.id, 'dingtalk');
    const config = jobsConfig({ outbox: { maxAttempts: 2, backoffMinutes: [1] } });
    const ding = fakeSender('dingtalk', { respond: (u) => (u.startsWith(`dingtalk-${w.workerB1.id}-`) ? { ok: false, retryable: true, error: '钉钉限流' } : { ok: true }) });
    for (const m of [0, 2]) await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: new Date(+now + m * 60_000), config, pacing: fakePacing() });
  });

  it('shows failed sends with their last error to the district admin', async () => {
    const { status, body } = await get(w.district, '?status=failed');
    expect(status).toBe(200);
    expect(body.items.map((n: any) => n.personId)).toEqual([w.workerB1.id]);
    expect(body.items[0]).toMatchObject({ status: 'failed', attempts: 2, lastError: '钉钉限流' });
    const all = await get(w.district);
    expect(all.body.total).toBeGreaterThanOrEqual(4);
  });

  it('limits a town admin to people of their town and others to their own', async () => {
    const town = await get(w.adminA);
    expect(town.body.items.map((n: any) => n.personId).sort()).toEqual([w.workerA1.id, w.adminA.id].sort());
    expect((await get(w.adminB, '?status=failed')).body.items.map((n: any) => n.personId)).toEqual([w.workerB1.id]);
    const own = await get(w.workerA1);
    expect(own.body.items.map((n: any) => n.personId)).toEqual([w.workerA1.id]);
    expect((await get(w.deptUser)).body.items.map((n: any) => n.personId)).toEqual([w.deptUser.id]);
  });

  it('refuses a worker asking for someone else and rejects bad filters', async () => {
    const other = await get(w.workerA1, `?personId=${w.workerB1.id}`);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    const bad = await get(w.district, '?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await get(w.district, '?nope=1')).status).toBe(400);
    expect((await t.app.request('/v1/notifications')).status).toBe(401);
  });
});

describe('POST /v1/notifications/{id}/resend and the 通知 page', () => {
  it('puts a failed row back in the queue for an admin in scope; the next drain sends it', async () => {
    const t = await testApp();
    const w = await makeWorld(t.db);
    const now = new Date('2026-11-23T02:00:00Z');
    // A routine message whose sending window has passed by the time an admin resends it.
    await dbOutbox(t.db).enqueue([{ dedupeKey: 'test:resend', personId: w.workerB1.id, kind: 'digest', urgent: false, title: '今日待办', text: '巡查：到期 1 家', expiresAt: new Date(+now + 3600_000) }], now);
    await addIdentity(t.db, w.workerB1.id, 'dingtalk');
    const config = jobsConfig({ outbox: { maxAttempts: 1, backoffMinutes: [1] } });
    let down = true;
    const ding = fakeSender('dingtalk', { respond: () => (down ? { ok: false, retryable: true, error: '钉钉接口不可用' } : { ok: true }) });
    await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now, config, pacing: fakePacing() });
    const [failed] = (await (await t.app.request('/v1/notifications?status=failed', { headers: w.district.auth })).json()).items;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    const resend = (who: { auth: Record<string, string> }, id = failed.id) =>
      t.app.request(`/v1/notifications/${id}/resend`, { method: 'POST', headers: { ...who.auth, 'idempotency-key': `k${Math.random()}` } });

    expect((await resend(w.workerB1)).status).toBe(403);
    // Town A's admin cannot see town B's worker's messages, so cannot resend them.
    expect((await resend(w.adminA)).status).toBe(404);
    expect((await resend(w.district, 999_999)).status).toBe(404);
    const ok = await resend(w.adminB);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: failed.id, status: 'pending' });
    // Only failed rows: a pending one is not resent again.
    expect((await resend(w.adminB)).status).toBe(400);

    down = false;
    const later = new Date(+now + 2 * 3600_000);
    const report = await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: later, config, pacing: fakePacing() });
    expect(report).toMatchObject({ sent: 1, dropped: 0 });
    const [sent] = (await (await t.app.request('/v1/notifications', { headers: w.district.auth })).json()).items;
    expect(sent.status).toBe('sent');
  });
});
