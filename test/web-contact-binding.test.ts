import { startFakeH5LoginApi, type FakeH5LoginApi } from './fakes/dingtalk/h5-login-api.js';
import { sessionCookie } from './helpers/web-sign-in.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Resvg } from '@resvg/resvg-js';
import jsQR from 'jsqr';
import { testDeps } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { call } from './helpers/org-request.js';
import { createApp } from '../api/app.js';
import { apiTokens, chatIdentities, people } from '../db/schema/index.js';
import { newApiToken, sha256Hex } from '../lib/hash.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { reportHazard } from '../api/hazards/report.js';
import { ctxFor } from './helpers/fixtures.js';
import { redeemBindingCode } from '../api/people/redeem-binding-code.js';

// The hazard page's QR code: the worker issues a binding code for the enterprise's safety contact,
// the page shows it as a QR code of the binding page, which tells the contact what to send and,
// inside DingTalk, binds through 免登. A fake DingTalk on loopback answers the two 免登 calls.

let fake: FakeH5LoginApi;
let fakeBase = '';
beforeAll(async () => {
  fake = await startFakeH5LoginApi({ 'code-contact': 'staff-contact' });
  fakeBase = fake.base;
});
afterAll(() => fake.close());

const PUBLIC = 'https://anquan.example.gov.cn';

async function setup() {
  const t = await testDeps();
  const w = await makeWorld(t.db);
  const deps = { ...t.deps, publicUrl: PUBLIC };
  const app = createApp(deps, { web: { publicUrl: PUBLIC, dingtalk: { clientId: 'ding-app', clientSecret: 's3cret', apiBase: fakeBase, oapiBase: fakeBase, corpId: 'ding-corp' } } });
  const [contact] = await t.db.insert(people).values({ name: '李联络', role: 'enterprise', enterpriseId: w.entA1.id, createdAt: new Date() }).returning();
  const [contactA2] = await t.db.insert(people).values({ name: '赵联络', role: 'enterprise', enterpriseId: w.entA2.id, createdAt: new Date() }).returning();
  const { hazard } = await reportHazard(await ctxFor(deps, w.workerA1.id), { enterpriseId: w.entA1.id, description: '配电箱未接地', deadline: '2026-11-30' });
  const signIn = async (personId: number) => {
    const { ticket } = await issueLoginTicket(t.deps, personId, t.clock());
    return sessionCookie(app, ticket);
  };
  const page = async (cookie: string, path: string) => {
    const res = await app.request(path, { headers: { cookie } });
    return { status: res.status, html: await res.text(), headers: res.headers };
  };
  const post = async (cookie: string, path: string, form: Record<string, string>) => {
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await page(cookie, '/app')).html)![1];
    const res = await app.request(path, {
      method: 'POST', body: new URLSearchParams({ ...form, _csrf: csrf }),
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
    });
    return { status: res.status, html: await res.text(), headers: res.headers };
  };
  return { t, w, app, contact, contactA2, hazard, signIn, page, post };
}

/** Reads the QR code back: the SVG rasterised (resvg), then decoded (jsQR) as a phone camera would. */
function decodeQr(html: string): string | null {
  const svg = /<svg[\s\S]*?<\/svg>/.exec(/id="binding-qr"[\s\S]*/.exec(html)![0])![0];
  const img = new Resvg(svg, { background: '#ffffff', fitTo: { mode: 'width', value: 400 } }).render();
  return jsQR(new Uint8ClampedArray(img.pixels), img.width, img.height)?.data ?? null;
}

describe('binding QR code on the hazard page', () => {
  it('worker → QR of the binding page → the contact binds in DingTalk by 免登 and is signed in', async () => {
    const { t, w, app, contact, hazard, signIn, page, post } = await setup();
    const worker = await signIn(w.workerA1.id);
    const before = await page(worker, `/app/hazards/${hazard.code}`);
    expect(before.html).toContain('企业联系人绑定');
    expect(before.html).toContain('李联络');
    expect(before.html).toContain('未绑定聊天');
    expect(before.html).not.toContain('赵联络'); // another enterprise's contact

    const issued = await post(worker, `/app/hazards/${hazard.code}/bind-code`, { contactId: String(contact.id) });
    expect(issued.status).toBe(200);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const code = /绑定 (\d{10})/.exec(issued.html)![1];
    expect(issued.html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org|anquan\.example)/); // nothing from another origin
    expect(decodeQr(issued.html)).toBe(`${PUBLIC}/auth/bind?code=${code}`);

    // What the contact's phone opens: no session needed, it says what to send.
    const bind = await app.request(`/auth/bind?code=${code}`);
    const bindHtml = await bind.text();
    expect(bind.status).toBe(200);
    expect(bind.headers.get('cache-control')).toBe('no-store');
    expect(bindHtml).toContain(`绑定 ${code}`);
    expect(bindHtml).toContain('src="/assets/dingtalk-bind.js"');
    expect(bindHtml).toContain('data-corp="ding-corp"');
    expect(await (await app.request('/assets/dingtalk-bind.js')).text()).toContain('DingTalk');

    // Inside DingTalk the page posts the 免登 code with the binding code.
    const dd = (authCode: string) => app.request('/auth/bind/dingtalk', {
      method: 'POST', body: new URLSearchParams({ code: authCode, bind: code }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    });
    expect((await dd('code-wrong')).status).toBe(401);
    const ok = await dd('code-contact');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/app\?ok=/);
    expect(await t.db.select().from(chatIdentities).where(eq(chatIdentities.personId, contact.id))).toMatchObject([{ platform: 'dingtalk', externalId: 'staff-contact' }]);
    const cookie = ok.headers.get('set-cookie')!.split(';')[0];
    const home = await page(cookie, '/app');
    expect(home.html).toContain('本企业隐患');
    expect(home.html).toContain(hazard.code);
    expect(home.html).not.toContain('我的任务');

    // The code is spent; the worker's page now shows the contact as bound.
    const again = await dd('code-contact');
    expect(again.status).toBe(400);
    expect(await again.text()).toMatch(/已使用|已失效|无效/);
    expect((await page(worker, `/app/hazards/${hazard.code}`)).html).toContain('已绑定：钉钉');
    await t.close();
  });

  it('the code on the page is the one `绑定 …` redeems in chat; a bad code on the binding page says so', async () => {
    const { t, w, app, contact, hazard, signIn, post } = await setup();
    const issued = await post(await signIn(w.workerA1.id), `/app/hazards/${hazard.code}/bind-code`, { contactId: String(contact.id) });
    const code = /绑定 (\d{10})/.exec(issued.html)![1];
    expect(await redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wxid_contact', code })).toMatchObject({ personId: contact.id });
    const bad = await (await app.request('/auth/bind?code=12ab')).text();
    expect(bad).toContain('绑定码无效');
    expect(bad).not.toContain('绑定 12ab');
    await t.close();
  });

  it('only those who look after the enterprise get a code or see its contacts, by page and by API', async () => {
    const { t, w, app, contact, contactA2, hazard, signIn, page, post } = await setup();
    // Another town's worker cannot open the hazard, so gets no code.
    const workerB = await signIn(w.workerB1.id);
    expect((await post(workerB, `/app/hazards/${hazard.code}/bind-code`, { contactId: String(contact.id) })).status).toBe(404);
    // The hazard's own worker cannot smuggle another enterprise's contact through this hazard's form.
    const workerA = await signIn(w.workerA1.id);
    const smuggled = await post(workerA, `/app/hazards/${hazard.code}/bind-code`, { contactId: String(contactA2.id) });
    expect(smuggled.status).toBe(404);
    expect(smuggled.html).not.toMatch(/绑定 \d{10}/);
    // The contact themself sees no binding card and may not post the form.
    const asContact = await signIn(contact.id);
    expect((await page(asContact, `/app/hazards/${hazard.code}`)).html).not.toContain('企业联系人绑定');
    expect((await post(asContact, `/app/hazards/${hazard.code}/bind-code`, { contactId: String(contact.id) })).status).toBe(403);

    // API: the same verbs.
    // An enterprise contact of A reaches neither A's nor B's contacts, nor codes (default deny).
    const token = newApiToken();
    await t.db.insert(apiTokens).values({ personId: contact.id, tokenHash: sha256Hex(token), createdAt: new Date() });
    const contactAuth = { authorization: `Bearer ${token}` };
    for (const path of [`/v1/enterprises/${w.entA1.id}/contacts`, `/v1/enterprises/${w.entB1.id}/contacts`]) {
      expect((await call(app, 'GET', path, contactAuth)).status).toBe(403);
    }
    expect((await call(app, 'POST', `/v1/people/${contactA2.id}/binding-codes`, contactAuth)).status).toBe(403);
    expect((await call(app, 'POST', `/v1/people/${contact.id}/binding-codes`, w.workerA1.auth)).status).toBe(201);
    expect((await call(app, 'POST', `/v1/people/${contactA2.id}/binding-codes`, w.workerA1.auth)).status).toBe(404); // entA2 is gridA2's
    expect((await call(app, 'POST', `/v1/people/${contactA2.id}/binding-codes`, w.workerA2.auth)).status).toBe(201);
    expect((await call(app, 'POST', `/v1/people/${w.workerA2.id}/binding-codes`, w.workerA1.auth)).status).toBe(404); // workers: contacts only
    expect((await call(app, 'POST', `/v1/people/${contact.id}/binding-codes`, w.workerB1.auth)).status).toBe(404);
    expect((await call(app, 'POST', `/v1/people/${contact.id}/binding-codes`, w.deptUser.auth)).status).toBe(403);

    const list = await call(app, 'GET', `/v1/enterprises/${w.entA1.id}/contacts`, w.workerA1.auth);
    expect(list.body.items).toEqual([{ id: contact.id, name: '李联络', phone: null, boundPlatforms: [] }]);
    expect((await call(app, 'GET', `/v1/enterprises/${w.entA1.id}/contacts`, w.adminA.auth)).status).toBe(200);
    expect((await call(app, 'GET', `/v1/enterprises/${w.entA1.id}/contacts`, w.workerB1.auth)).status).toBe(404);
    expect((await call(app, 'GET', `/v1/enterprises/${w.entA1.id}/contacts`, w.adminB.auth)).status).toBe(404);
    expect((await call(app, 'GET', `/v1/enterprises/${w.entA1.id}/contacts`, w.deptUser.auth)).status).toBe(403);
    await t.close();
  });
});
