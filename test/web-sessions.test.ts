import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDeps, TEST_NOW } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { issueLoginTicket, MAX_TICKETS_PER_WINDOW, TICKET_TTL_MS, ticketUrl } from '../web/auth/issue-ticket.js';
import { exchangeTicket, revokeSession, sessionActor, SESSION_IDLE_MS, SESSION_MAX_MS } from '../web/auth/sessions.js';
import { loginTickets, people, webSessions } from '../db/schema/index.js';
import { sha256Hex } from '../lib/hash.js';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { createApp } from '../api/app.js';
import { eq } from 'drizzle-orm';
import { postTicket } from './helpers/web-sign-in.js';

let now = new Date(TEST_NOW).getTime();
let t: Awaited<ReturnType<typeof testDeps>>;
let w: Awaited<ReturnType<typeof makeWorld>>;
const at = (ms: number) => new Date(new Date(TEST_NOW).getTime() + ms);

beforeEach(async () => {
  now = new Date(TEST_NOW).getTime();
  t = await testDeps({ clock: () => new Date(now) });
  w = await makeWorld(t.db);
});
afterEach(() => t.close());

describe('sign-in tickets and sessions', () => {
  it('stores tickets and sessions only as hashes', async () => {
    const { ticket } = await issueLoginTicket(t.deps, w.workerA1.id, at(0));
    const [row] = await t.db.select().from(loginTickets);
    expect(row.ticketHash).toBe(sha256Hex(ticket));
    expect(JSON.stringify(row)).not.toContain(ticket);
    const s = await exchangeTicket(t.deps, ticket, at(1000));
    const [srow] = await t.db.select().from(webSessions);
    expect(srow.sessionHash).toBe(sha256Hex(s.token));
  });

  it('a ticket works once, and not after ten minutes', async () => {
    const a = await issueLoginTicket(t.deps, w.workerA1.id, at(0));
    await expect(exchangeTicket(t.deps, a.ticket, at(TICKET_TTL_MS - 1))).resolves.toMatchObject({ personId: w.workerA1.id });
    await expect(exchangeTicket(t.deps, a.ticket, at(TICKET_TTL_MS - 1))).rejects.toMatchObject({ code: 'unauthorized' });
    const b = await issueLoginTicket(t.deps, w.workerA1.id, at(0));
    await expect(exchangeTicket(t.deps, b.ticket, at(TICKET_TTL_MS))).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(exchangeTicket(t.deps, 'x'.repeat(64), at(0))).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('of two concurrent exchanges of one ticket exactly one wins', async () => {
    const { ticket } = await issueLoginTicket(t.deps, w.workerA1.id, at(0));
    const results = await Promise.allSettled([exchangeTicket(t.deps, ticket, at(5)), exchangeTicket(t.deps, ticket, at(5))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('issuing tickets is rate-limited per person', async () => {
    for (let i = 0; i < MAX_TICKETS_PER_WINDOW; i++) await issueLoginTicket(t.deps, w.workerA1.id, at(i));
    await expect(issueLoginTicket(t.deps, w.workerA1.id, at(10))).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(issueLoginTicket(t.deps, w.workerA2.id, at(10))).resolves.toBeDefined();
    await expect(issueLoginTicket(t.deps, w.workerA1.id, at(TICKET_TTL_MS + 10))).resolves.toBeDefined();
  });

  it('sessions end when idle, at the absolute limit, when revoked and when the person is deactivated', async () => {
    const open = async () => exchangeTicket(t.deps, (await issueLoginTicket(t.deps, w.workerA1.id, at(0))).ticket, at(0));
    const idle = await open();
    expect((await sessionActor(t.deps, idle.token, at(SESSION_IDLE_MS - 1)))?.actor.personId).toBe(w.workerA1.id);
    expect(await sessionActor(t.deps, idle.token, at(2 * SESSION_IDLE_MS - 2))).not.toBeNull(); // kept alive by use
    expect(await sessionActor(t.deps, idle.token, at(4 * SESSION_IDLE_MS))).toBeNull();

    const busy = await open();
    for (let ms = 0; ms < SESSION_MAX_MS; ms += SESSION_IDLE_MS / 2) expect(await sessionActor(t.deps, busy.token, at(ms))).not.toBeNull();
    expect(await sessionActor(t.deps, busy.token, at(SESSION_MAX_MS))).toBeNull();

    const revoked = await open();
    const s = await sessionActor(t.deps, revoked.token, at(1));
    await revokeSession(t.deps, s!.sessionId, at(2));
    expect(await sessionActor(t.deps, revoked.token, at(3))).toBeNull();

    const gone = await open();
    await t.db.update(people).set({ active: false }).where(eq(people.id, w.workerA1.id));
    expect(await sessionActor(t.deps, gone.token, at(1))).toBeNull();
  });

  it('`登录` is a command', () => {
    expect(parseMessage('登录', new Date(TEST_NOW))).toEqual({ intent: 'login' });
    expect(parseMessage('请帮我登录', new Date(TEST_NOW))).toEqual({ intent: 'login' });
  });

  it('a link preview (GET) spends nothing: only the confirm page\'s POST exchanges the ticket, once', async () => {
    const app = createApp(t.deps);
    const { ticket } = await issueLoginTicket(t.deps, w.workerA1.id, new Date(now));
    const link = `/auth/ticket?t=${ticket}&next=${encodeURIComponent('/app/hazards/YH1')}`; // the older link form
    // DingTalk, WeChat and WeCom fetch the link to draw a card, maybe more than once.
    for (let i = 0; i < 3; i++) {
      const preview = await app.request(link, { headers: { 'user-agent': 'DingTalkBot-LinkService/1.0' } });
      expect(preview.status).toBe(200);
      expect(preview.headers.get('set-cookie')).toBeNull();
      expect(preview.headers.get('cache-control')).toBe('no-store');
      const html = await preview.text();
      expect(html).toContain('<form method="post" action="/auth/ticket">');
      expect(html).toContain(`name="t" value="${ticket}"`);
      expect(html).toContain('name="next" value="/app/hazards/YH1"');
      expect(html).toContain('进入安全网格');
      expect(html).not.toContain('<script');
    }
    const [row] = await t.db.select().from(loginTickets);
    expect(row.usedAt).toBeNull();
    expect(await t.db.select().from(webSessions)).toHaveLength(0);

    // Another site cannot post a ticket (it would sign the browser in as the ticket's person).
    expect((await postTicket(app, ticket, { origin: 'https://evil.example' })).status).toBe(403);
    const tapped = await postTicket(app, ticket, { next: '/app/hazards/YH1' });
    expect(tapped.status).toBe(303);
    expect(tapped.headers.get('location')).toBe('/app/hazards/YH1');
    expect(tapped.headers.get('set-cookie')).toMatch(/^gs_session=/);
    // Spent: the link now says so on GET, and a second POST is refused.
    const after = await app.request(link);
    expect(after.status).toBe(401);
    expect(await after.text()).toContain('登录链接无效');
    expect((await postTicket(app, ticket)).status).toBe(401);
    // Expired links read the same on GET, without a form.
    const old = await issueLoginTicket(t.deps, w.workerA1.id, new Date(now));
    now += TICKET_TTL_MS;
    const expired = await app.request(`/auth/ticket?t=${old.ticket}`);
    expect(expired.status).toBe(401);
    expect(await expired.text()).not.toContain('action="/auth/ticket"');
    expect((await postTicket(app, old.ticket)).status).toBe(401);
  });

  it('the short link /t/<ticket> opens the page stored with the ticket; a foreign next is never stored', async () => {
    const app = createApp(t.deps);
    const { ticket } = await issueLoginTicket(t.deps, w.workerA1.id, new Date(now), { next: '/app/hazards/YH2' });
    expect(ticketUrl('https://x.gov.cn/', ticket)).toBe(`https://x.gov.cn/t/${ticket}`);
    expect(ticket).toMatch(/^[0-9a-f]{32}$/);
    const preview = await app.request(`/t/${ticket}`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await preview.text()).not.toContain('name="next"');
    const tapped = await postTicket(app, ticket);
    expect(tapped.headers.get('location')).toBe('/app/hazards/YH2');
    expect((await app.request(`/t/${ticket}`)).status).toBe(401);
    const evil = await issueLoginTicket(t.deps, w.workerA1.id, new Date(now), { next: 'https://evil.example/' });
    expect((await postTicket(app, evil.ticket)).headers.get('location')).toBe('/app');
  });

  it('signing in as someone else on the same browser ends the earlier session', async () => {
    const app = createApp(t.deps);
    const a = await postTicket(app, (await issueLoginTicket(t.deps, w.workerA1.id, new Date(now))).ticket);
    const cookieA = a.headers.get('set-cookie')!.split(';')[0];
    expect((await app.request('/app', { headers: { cookie: cookieA } })).status).toBe(200);
    const b = await app.request('/auth/ticket', {
      method: 'POST', body: new URLSearchParams({ t: (await issueLoginTicket(t.deps, w.workerA2.id, new Date(now))).ticket }),
      headers: { cookie: cookieA, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
    });
    const cookieB = b.headers.get('set-cookie')!.split(';')[0];
    expect(await (await app.request('/app', { headers: { cookie: cookieB } })).text()).toContain(w.workerA2.name);
    expect((await app.request('/app', { headers: { cookie: cookieA } })).status).toBe(303);
    // A failed sign-in (spent ticket) leaves the current session as it was.
    const spent = await issueLoginTicket(t.deps, w.workerA1.id, new Date(now));
    await postTicket(app, spent.ticket);
    const again = await app.request('/auth/ticket', {
      method: 'POST', body: new URLSearchParams({ t: spent.ticket }),
      headers: { cookie: cookieB, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(again.status).toBe(401);
    expect((await app.request('/app', { headers: { cookie: cookieB } })).status).toBe(200);
  });

  it('pages send secure headers, refuse forms from another origin and require a session', async () => {
    const app = createApp(t.deps, { web: { publicUrl: 'https://anquan.example.gov.cn' } });
    const login = await app.request('/auth/login');
    expect(login.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(login.headers.get('content-security-policy')).not.toMatch(/https?:\/\//);
    expect((await app.request('/app')).status).toBe(303);
    const { ticket } = await issueLoginTicket(t.deps, w.workerA1.id, new Date(now));
    const signed = await postTicket(app, ticket, { next: 'https://evil.example/', origin: 'https://anquan.example.gov.cn' });
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe('/app');
    const cookie = signed.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    const session = cookie.split(';')[0];
    const form = new URLSearchParams({ enterpriseId: String(w.entA1.id), description: '跨站伪造', _csrf: 'x' });
    const cross = await app.request('/app/report', {
      method: 'POST', body: form, headers: { cookie: session, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(cross.status).toBe(403);
    const noToken = await app.request('/app/report', {
      method: 'POST', body: form, headers: { cookie: session, origin: 'https://anquan.example.gov.cn', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain('页面已过期');
  });
});
