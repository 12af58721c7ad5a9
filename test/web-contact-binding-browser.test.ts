import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { createApp } from '../api/app.js';
import { testDeps } from './helpers/deps.js';
import { ctxFor, makeWorld } from './helpers/fixtures.js';
import { issueLoginTicket, ticketUrl } from '../web/auth/issue-ticket.js';
import { reportHazard } from '../api/hazards/report.js';
import { redeemBindingCode } from '../api/people/redeem-binding-code.js';
import { people } from '../db/schema/index.js';
import { launchChromium, pageContext, VIEWPORTS, type TestBrowser } from './helpers/browser.js';

// On a phone: the worker opens the hazard, makes the contact's QR code, and the QR code as Chromium
// paints it is read back from a screenshot (as another phone's camera would) and opened with no
// session: the binding page says what to send. Nothing comes from another origin, no CSP violation.

let t: Awaited<ReturnType<typeof testDeps>>;
let server: ServerType;
let base = '';
let tb: TestBrowser;
const foreign: string[] = [];

beforeAll(async () => {
  t = await testDeps();
  let app = createApp(t.deps);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: (r: Request) => app.fetch(r), port: 0, hostname: '127.0.0.1' }, (info) => { base = `http://127.0.0.1:${info.port}`; resolve(); });
  });
  t.deps.publicUrl = base;
  app = createApp(t.deps, { web: { publicUrl: base } });
  tb = await launchChromium();
});

afterAll(async () => {
  await tb?.close();
  await new Promise((r) => server?.close(r));
  t?.close();
});

describe('the binding QR code in a browser', () => {
  it('phone: worker shows the QR code, the contact scans it and is told what to send; once bound the page says so', async () => {
    const w = await makeWorld(t.db);
    const [contact] = await t.db.insert(people).values({ name: '李联络', role: 'enterprise', enterpriseId: w.entA1.id, createdAt: new Date() }).returning();
    const { hazard } = await reportHazard(await ctxFor(t.deps, w.workerA1.id), { enterpriseId: w.entA1.id, description: '灭火器过期', deadline: '2026-11-30' });
    const context = await pageContext(tb.browser, VIEWPORTS[0], base, foreign);
    const page = await context.newPage();
    const { ticket } = await issueLoginTicket(t.deps, w.workerA1.id, t.clock(), { next: `/app/hazards/${hazard.code}` });
    // The link opens a confirm page (a chat preview must not spend the ticket); the tap signs in.
    await page.goto(ticketUrl(base, ticket));
    await page.click('#enter');
    await page.waitForURL(`**/app/hazards/${hazard.code}`);
    expect(new URL(page.url()).pathname).toBe(`/app/hazards/${hazard.code}`);
    await page.getByRole('button', { name: '生成绑定二维码' }).click();
    const qr = page.locator('#binding-qr svg');
    await qr.waitFor();
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThan(150); // large enough to scan off a phone screen
    const shot = PNG.sync.read(await qr.screenshot());
    const scanned = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)?.data;
    const code = /绑定 (\d{10})/.exec(await page.locator('#binding-qr').innerText())![1];
    expect(scanned).toBe(`${base}/auth/bind?code=${code}`);

    // The contact's phone: a fresh browser, no session.
    const phone = await (await pageContext(tb.browser, VIEWPORTS[0], base, foreign)).newPage();
    await phone.goto(scanned!);
    expect(await phone.locator('#bind-message').innerText()).toBe(`绑定 ${code}`);
    expect(await phone.locator('body').innerText()).toContain('微信、钉钉或企业微信');

    // They send it on WeChat; the worker's page now shows them bound.
    await redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wxid_li', code });
    await page.goto(`${base}/app/hazards/${hazard.code}`);
    expect(await page.locator('#contact-binding').innerText()).toContain(`${contact.name} 已绑定：微信`);
    expect(foreign).toEqual([]);
  }, 60_000);
});
