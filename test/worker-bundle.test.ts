import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { MIGRATIONS_DIR } from '../db/migrate.js';
import { HOSTILE, INTERNALS } from './helpers/hostile.js';

// The Worker as Cloudflare runs it: entry/worker.ts bundled (as wrangler bundles it, with esbuild)
// and run by workerd inside miniflare, so an exception that escaped would get the runtime's own
// answer, whose body is what leaked the stack trace and SQL before.
describe('the bundled Worker in workerd, on a D1 without migrations', () => {
  let mf: Miniflare;
  beforeAll(async () => {
    const bundle = await build({
      entryPoints: ['entry/worker.ts'], bundle: true, write: false, format: 'esm', target: 'es2022',
      platform: 'browser', conditions: ['workerd', 'worker', 'browser'], external: ['node:*', 'cloudflare:*'], logLevel: 'error',
    });
    mf = new Miniflare({
      modules: true, script: bundle.outputFiles[0].text, compatibilityDate: '2026-04-28', compatibilityFlags: ['nodejs_compat'],
      d1Databases: ['DB'], bindings: { BOOTSTRAP_ADMIN_TOKEN: 'gs_worker_bootstrap_token_0123456789' },
    });
  }, 60_000);
  afterAll(async () => { await mf?.dispose(); });

  it('answers 503 database_not_migrated to everything, then serves once `migrations apply` ran; no body holds internals', async () => {
    for (const [path, init] of HOSTILE) {
      const res = await mf.dispatchFetch(`http://worker${path}`, init as never);
      const text = await res.text();
      expect(res.status, `${init?.method ?? 'GET'} ${path} → ${text}`).toBe(503);
      expect(JSON.parse(text).error.code).toBe('database_not_migrated');
      expect(text).not.toMatch(INTERNALS);
    }
    const d1 = await mf.getD1Database('DB');
    for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
      for (const statement of readFileSync(join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint')) {
        if (statement.trim()) await d1.prepare(statement).run();
      }
    }
    expect((await mf.dispatchFetch('http://worker/health')).status).toBe(200);
    for (const [path, init] of HOSTILE) {
      const res = await mf.dispatchFetch(`http://worker${path}`, init as never);
      const text = await res.text();
      expect(res.status, `${init?.method ?? 'GET'} ${path} → ${text}`).toBeLessThan(500);
      expect(text).not.toMatch(INTERNALS);
    }
    const me = await mf.dispatchFetch('http://worker/v1/me', { headers: { authorization: 'Bearer gs_worker_bootstrap_token_0123456789' } });
    expect(me.status).toBe(200);
  }, 60_000);
});
