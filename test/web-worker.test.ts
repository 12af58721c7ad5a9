import { afterAll, describe, expect, it } from 'vitest';
import worker from '../entry/worker.js';
import { localD1 } from './helpers/d1.js';
import { makeWorld } from './helpers/fixtures.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { d1Writer } from '../db/d1-writer.js';

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
    const signed = await worker.fetch(new Request(`https://anquan.example.gov.cn/auth/ticket?t=${ticket}`), env, ctx);
    expect(signed.status).toBe(303);
    const cookie = signed.headers.get('set-cookie')!;
    expect(cookie).toMatch(/Secure/);
    const page = await worker.fetch(new Request('https://anquan.example.gov.cn/app/dashboard', { headers: { cookie: cookie.split(';')[0] } }), env, ctx);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<svg');
    expect(html).toContain('id="fig-found"');
  }, 30_000);
});
