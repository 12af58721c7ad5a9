import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../api/app.js';
import { testDeps, TEST_NOW } from './helpers/deps.js';
import { makeWorld, ctxFor } from './helpers/fixtures.js';
import { issueLoginTicket, ticketUrl } from '../web/auth/issue-ticket.js';
import { handleMessage } from '../bot/dialog/handle.js';
import { loadActor } from '../api/core/actor.js';
import { reportHazard } from '../api/hazards/report.js';
import { storePhoto } from '../api/files/store-photo.js';
import { nodeDocsAssets } from '../web/docs-assets-node.js';
import { launchChromium, pageContext, VIEWPORTS, type TestBrowser } from './helpers/browser.js';

// A 1×1 PNG: enough for the photo verb's magic-byte check and for <img> to render.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let now = new Date(TEST_NOW).getTime();
let t: Awaited<ReturnType<typeof testDeps>>;
let w: Awaited<ReturnType<typeof makeWorld>>;
let server: ServerType;
let base = '';
let tb: TestBrowser;
const foreign: string[] = [];

beforeAll(async () => {
  t = await testDeps({ clock: () => new Date(now) });
  w = await makeWorld(t.db);
  let app = createApp(t.deps);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: (r: Request) => app.fetch(r), port: 0, hostname: '127.0.0.1' }, (info) => { base = `http://127.0.0.1:${info.port}`; resolve(); });
  });
  t.deps.publicUrl = base;
  app = createApp(t.deps, { web: { publicUrl: base, docsAssets: nodeDocsAssets() } });
  tb = await launchChromium();
});

afterAll(async () => {
  await tb?.close();
  await new Promise((r) => server?.close(r));
  t?.close();
});

async function chatLoginLink(personId: number): Promise<string> {
  const actor = await loadActor(t.db, personId);
  const reply = await handleMessage({ deps: t.deps }, {
    platform: 'terminal', messageId: `m${Math.random()}`, senderId: `terminal:${personId}`, senderName: actor!.name, text: '登录',
    images: [], conversation: { kind: 'direct' }, mentioned: false, receivedAt: new Date(now), replyTo: '',
  }, { sender: actor, photoIds: [] });
  const m = /(http:\/\/\S+\/t\/[0-9a-f]{32})/.exec(reply?.text ?? '');
  if (!m) throw new Error(`no link in reply: ${reply?.text}`);
  return m[1];
}

describe.each(VIEWPORTS)('pages on $name ($width×$height)', (vp) => {
  it('worker: sign in from chat, report with a photo, find it in 我的任务, rectify, review, close', async () => {
    const context = await pageContext(tb.browser, vp, base, foreign);
    const page = await context.newPage();
    const link = await chatLoginLink(w.workerA1.id);
    // The chat app's link preview fetches the link before the person taps it: that spends nothing.
    expect((await fetch(link)).status).toBe(200);
    await page.goto(link);
    expect(new URL(page.url()).pathname).toMatch(/^\/t\/[0-9a-f]{32}$/);
    await page.click('#enter');
    await page.waitForURL(/\/app$/);
    expect(new URL(page.url()).pathname).toBe('/app');
    expect(page.url()).not.toContain('t=');
    await expect(page.locator('h1').textContent()).resolves.toContain('我的任务');
    const cookie = (await context.cookies()).find((c) => c.name === 'gs_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');

    // The ticket is single-use: its link now says so, with no button to press.
    const again = await page.goto(link);
    expect(again?.status()).toBe(401);
    await expect(page.locator('#enter').count()).resolves.toBe(0);
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('登录链接无效');

    await page.goto(`${base}/app/report`);
    await page.selectOption('#enterpriseId', String(w.entA1.id));
    await page.fill('#description', `消防通道堵塞-${vp.name}`);
    await page.check('input[name=deadline][value=now]');
    await page.setInputFiles('#photos', { name: 'before.png', mimeType: 'image/png', buffer: PNG });
    await page.click('form[enctype] button[type=submit]');
    await page.waitForURL(/\/app\/hazards\/YH/);
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await expect(page.locator('.timeline img').count()).resolves.toBe(1);

    await page.goto(`${base}/app`);
    await expect(page.locator(`a[href="/app/hazards/${code}"]`).count()).resolves.toBeGreaterThan(0);

    await page.goto(`${base}/app/hazards/${code}`);
    await page.fill('#rectify-note', '通道已清理');
    await page.setInputFiles('#rectify-photos', { name: 'after.png', mimeType: 'image/png', buffer: PNG });
    await page.click('form[action$="/rectify"] button');
    await page.waitForURL(/ok=1/);
    await expect(page.locator('.tag.review').count()).resolves.toBe(1);
    await expect(page.locator('.compare img').count()).resolves.toBe(2);
    await page.check('input[name=pass][value=yes]');
    await page.click('form[action$="/review"] button');
    await page.waitForURL(/ok=1/);
    await expect(page.locator('.tag.closed').count()).resolves.toBe(1);
    await expect(page.locator('.timeline li').count()).resolves.toBe(3);
    await expect(page.locator('.timeline img').count()).resolves.toBe(2);
    await page.screenshot({ path: `/tmp/gridsafe-hazard-${vp.name}.png`, fullPage: true });
    const ownSrc = await page.locator('.timeline img').first().getAttribute('src');

    // Another grid's hazard reads as absent.
    const ctxB = await ctxFor(t.deps, w.workerB1.id);
    const theirPhoto = await storePhoto(ctxB, { bytes: new Uint8Array(PNG) });
    const { hazard } = await reportHazard(ctxB, { enterpriseId: w.entB1.id, description: `别的网格的隐患-${vp.name}`, photoIds: [theirPhoto.id] });
    const res = await page.goto(`${base}/app/hazards/${hazard.code}`);
    expect(res?.status()).toBe(404);
    await expect(page.content()).resolves.not.toContain('别的网格的隐患');
    // Photos are served only in scope: the worker's own before-photo, not the other grid's.
    const ownPhoto = await page.request.get(`${base}${ownSrc}`);
    expect(ownPhoto.status()).toBe(200);
    expect(ownPhoto.headers()['content-type']).toBe('image/png');
    expect((await page.request.get(`${base}/app/photos/${theirPhoto.id}`)).status()).toBe(404);

    // 退出 ends the session.
    await page.goto(`${base}/app`);
    await page.click('header form button');
    await page.waitForURL(/\/auth\/login/);
    await page.goto(`${base}/app`);
    expect(new URL(page.url()).pathname).toBe('/auth/login');
    await context.close();
  });

  it('admin: dashboard equals GET /v1/stats/summary; import shows the bad row; expired ticket refused', async () => {
    const context = await pageContext(tb.browser, vp, base, foreign);
    const page = await context.newPage();
    const expired = await issueLoginTicket(t.deps, w.adminA.id, new Date(now));
    await page.goto(ticketUrl(base, expired.ticket));
    now += 11 * 60_000;
    try {
      // Pressed after the ten minutes: refused, and so is opening the link again.
      const [pressed] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#enter')]);
      expect(pressed.status()).toBe(401);
      await expect(page.locator('[role=alert]').textContent()).resolves.toContain('登录链接无效');
      const res = await page.goto(ticketUrl(base, expired.ticket));
      expect(res?.status()).toBe(401);
      expect((await context.cookies()).find((c) => c.name === 'gs_session')).toBeUndefined();
    } finally {
      now -= 11 * 60_000;
    }
    await page.goto(await chatLoginLink(w.adminA.id));
    await page.click('#enter');
    await page.waitForURL(/\/app$/);
    await page.goto(`${base}/app/dashboard`);
    const api = await (await fetch(`${base}/v1/stats/summary`, { headers: w.adminA.auth })).json();
    const fig = async (id: string) => Number(await page.locator(`#${id}`).textContent());
    expect(await fig('fig-patrols-due')).toBe(api.patrols.due);
    expect(await fig('fig-patrols-done')).toBe(api.patrols.done);
    expect(await fig('fig-found')).toBe(api.hazards.found);
    expect(await fig('fig-closed')).toBe(api.hazards.closed);
    expect(await fig('fig-open')).toBe(api.hazards.open);
    expect(await fig('fig-overdue')).toBe(api.hazards.overdue);
    expect(await fig('fig-major')).toBe(api.hazards.majorOpen);
    expect(api.hazards.found).toBeGreaterThan(0);
    await expect(page.locator('.chart svg').count()).resolves.toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `/tmp/gridsafe-dashboard-${vp.name}.png`, fullPage: true });

    await page.goto(`${base}/app/admin/import`);
    await page.selectOption('#kind', 'grids');
    const csv = `镇（街道）,网格,网格员\n${w.townA.name},新网格-${vp.name},\n不存在的镇,坏网格,\n`;
    await page.setInputFiles('#file', { name: 'grids.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('button[value=dry]');
    await page.waitForSelector('#row-errors');
    const rows = await page.locator('#row-errors tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^3/);

    // A binding code is shown once, and works in chat as `绑定 123456`.
    await page.goto(`${base}/app/admin/people/${w.workerA2.id}`);
    await page.click('form[action$="/binding-code"] button');
    const code = (await page.locator('#shown-secret').textContent())!;
    expect(code).toMatch(/^\d{10}$/);
    await page.goto(`${base}/app/admin/people/${w.workerA2.id}`);
    await expect(page.locator('#shown-secret').count()).resolves.toBe(0);
    const bound = await handleMessage({ deps: t.deps }, {
      platform: 'wechat', messageId: `b${vp.name}`, senderId: `wechat:wx-${vp.name}`, senderName: '新人', text: `绑定 ${code}`,
      images: [], conversation: { kind: 'direct' }, mentioned: false, receivedAt: new Date(now), replyTo: '',
    }, { sender: null, photoIds: [] });
    expect(bound?.title).toBe('绑定成功');
    await context.close();
  });

  it('/docs renders Swagger UI from the app itself', async () => {
    const context = await pageContext(tb.browser, vp, base, foreign);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    await page.goto(`${base}/docs`);
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 });
    await expect(page.locator('.swagger-ui .info .title').textContent()).resolves.toContain('gridsafe API');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('loads nothing from another origin', () => {
    expect(foreign).toEqual([]);
  });
});
