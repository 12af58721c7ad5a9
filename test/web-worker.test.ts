import { afterAll, describe, expect, it } from 'vitest';
import worker from '../entry/worker.js';
import { localD1 } from './helpers/d1.js';
import { makeWorld } from './helpers/fixtures.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { d1Writer } from '../db/d1-writer.js';
import { Miniflare } from 'miniflare';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkerAssets } from '../scripts/worker-assets.js';

const open: { dispose: () => Promise<void> }[] = [];
afterAll(async () => { for (const t of open) await t.dispose(); });

describe('pages on the Worker', () => {
  it('signs in with a ticket on D1 and renders the dashboard with its charts', async () => {
    const t = await localD1();
    open.push(t);
    const env = { DB: t.binding, DISTRICT_NAME: '云端区', PUBLIC_URL: 'https://anquan.example.gov.cn' };
    const ctx = { waitUntil: () => undefined };
    await worker.fetch(new Request('http://worker/health'), env, ctx);
    const w = await makeWorld(t.db);
    const { ticket } = await issueLoginTicket({ db: t.db, writer: d1Writer(t.d1) }, w.adminA.id, new Date());
    const preview = await worker.fetch(new Request(`https://anquan.example.gov.cn/auth/ticket?t=${ticket}`), env, ctx);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('set-cookie')).toBeNull();
    const signed = await worker.fetch(new Request('https://anquan.example.gov.cn/auth/ticket', {
      method: 'POST', body: new URLSearchParams({ t: ticket, next: '/app/dashboard' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://anquan.example.gov.cn' },
    }), env, ctx);
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe('/app/dashboard');
    const cookie = signed.headers.get('set-cookie')!;
    expect(cookie).toMatch(/Secure/);
    const page = await worker.fetch(new Request('https://anquan.example.gov.cn/app/dashboard', { headers: { cookie: cookie.split(';')[0] } }), env, ctx);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<svg');
    expect(html).toContain('id="fig-found"');
  }, 30_000);

  it('serves /docs from its static assets (wrangler [assets]), nothing from a CDN', async () => {
    const t = await localD1();
    open.push(t);
    // The build step's own output, in a temporary directory, behind miniflare's real assets binding.
    const dir = buildWorkerAssets(mkdtempSync(join(tmpdir(), 'gs-assets-')));
    const mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response(null, { status: 404 }) } }', assets: { directory: dir, binding: 'ASSETS' } });
    open.push(mf);
    const { ASSETS } = await mf.getBindings<{ ASSETS: { fetch(u: string): Promise<Response> } }>();
    const env = { DB: t.binding, ASSETS };
    const ctx = { waitUntil: () => undefined };
    const docs = await worker.fetch(new Request('https://anquan.example.gov.cn/docs'), env, ctx);
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain('/docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    const js = await worker.fetch(new Request('https://anquan.example.gov.cn/docs/assets/swagger-ui-bundle.js'), env, ctx);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(500_000);
    expect((await worker.fetch(new Request('https://anquan.example.gov.cn/docs/assets/swagger-ui.css'), env, ctx)).status).toBe(200);
    // Without the binding (deployed without [assets]) the page is Swagger UI's CDN one.
    const bare = await (await worker.fetch(new Request('https://anquan.example.gov.cn/docs'), { DB: t.binding }, ctx)).text();
    expect(bare).toMatch(/https:\/\//);
  }, 30_000);
});
