import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Miniflare } from 'miniflare';
import { workerdWorker } from './helpers/workerd.js';
import { wranglerApply } from './helpers/d1.js';
import { HOSTILE, INTERNALS } from './helpers/hostile.js';

// The Worker as Cloudflare runs it: entry/worker.ts bundled (as wrangler bundles it, with esbuild)
// and run by workerd inside miniflare, so an exception that escaped would get the runtime's own
// answer, whose body is what leaked the stack trace and SQL before.
describe('the bundled Worker in workerd, on a D1 without migrations (migrated on first use)', () => {
  let mf: Miniflare;
  beforeAll(async () => {
    mf = await workerdWorker({ BOOTSTRAP_ADMIN_TOKEN: 'gs_worker_bootstrap_token_0123456789' });
  }, 60_000);
  afterAll(async () => { await mf?.dispose(); });

  it('migrates its D1 on first use, under concurrent hostile first requests: no 5xx, no internals; wrangler then finds nothing to apply', async () => {
    // All at once, as the first requests after `wrangler dev` or a deploy: one migration serves them all.
    const first = await Promise.all(HOSTILE.map(async ([path, init]) => {
      const res = await mf.dispatchFetch(`http://worker${path}`, init as never);
      return { path, method: init?.method ?? 'GET', status: res.status, text: await res.text() };
    }));
    for (const r of first) {
      expect(r.status, `${r.method} ${r.path} → ${r.text}`).toBeLessThan(500);
      expect(r.text).not.toMatch(INTERNALS);
    }
    expect((await mf.dispatchFetch('http://worker/health')).status).toBe(200);
    const me = await mf.dispatchFetch('http://worker/v1/me', { headers: { authorization: 'Bearer gs_worker_bootstrap_token_0123456789' } });
    expect(me.status).toBe(200);
    const d1 = await mf.getD1Database('DB');
    expect(await wranglerApply(d1)).toEqual([]);
  }, 60_000);
});
