import { describe, it, expect, afterAll } from 'vitest';
import { localD1 } from './helpers/d1.js';
import { testApp } from './helpers/deps.js';
import worker from '../entry/worker.js';
import { REQUIRED_TABLES } from '../db/schema-check.js';
import { makeWorld } from './helpers/fixtures.js';
import { HOSTILE, INTERNALS } from './helpers/hostile.js';

describe('the Worker before its migrations are applied (local D1 in miniflare)', () => {
  const open: { dispose: () => Promise<void> }[] = [];
  afterAll(async () => { await Promise.all(open.map((o) => o.dispose())); });
  const ctx = { waitUntil: () => undefined };
  const call = async (env: Record<string, unknown>, path: string, init?: RequestInit) => {
    const res = await worker.fetch(new Request(`http://worker${path}`, init), env, ctx);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  it('answers every request, /health included, with 503 database_not_migrated and no internals; works once migrated', async () => {
    const t = await localD1({ migrate: false });
    open.push(t);
    const env = { DB: t.binding, BOOTSTRAP_ADMIN_TOKEN: 'gs_worker_bootstrap_token_0123456789' };
    for (const [path, init] of HOSTILE) {
      const r = await call(env, path, init);
      expect(r.status, `${init?.method ?? 'GET'} ${path}`).toBe(503);
      expect(r.type).toContain('application/json');
      expect(JSON.parse(r.text)).toEqual({
        error: { code: 'database_not_migrated', message: '数据库尚未初始化：请先执行数据库迁移（wrangler d1 migrations apply），然后重试' },
      });
      expect(r.text).not.toMatch(INTERNALS);
    }

    // `wrangler d1 migrations apply` while the Worker runs: the next request finds the tables.
    await t.migrate();
    const health = await call(env, '/health');
    expect(health.status).toBe(200);
    for (const [path, init] of HOSTILE) {
      const r = await call(env, path, init);
      expect(r.status, `${init?.method ?? 'GET'} ${path} → ${r.text}`).toBeLessThan(500);
      expect(r.text).not.toMatch(INTERNALS);
    }
    const me = await call(env, '/v1/me', { headers: { authorization: `Bearer ${env.BOOTSTRAP_ADMIN_TOKEN}` } });
    expect(me.status).toBe(200);
  }, 30_000);

  it('a database missing only a later migration’s table is not migrated either', async () => {
    const t = await localD1();
    open.push(t);
    await t.binding.prepare('drop table stats_daily').run();
    const r = await call({ DB: t.binding }, '/health');
    expect(r.status).toBe(503);
    expect(JSON.parse(r.text).error.code).toBe('database_not_migrated');
    expect(REQUIRED_TABLES).toContain('hazards');
  }, 30_000);

  it('a D1 that never answers gets database_unavailable after DATABASE_TIMEOUT_MS, not a hung request', async () => {
    const never = new Promise<never>(() => {});
    const statement = { bind: () => statement, all: () => never, run: () => never, first: () => never, raw: () => never };
    const stalled = { prepare: () => statement, batch: () => never, exec: () => never };
    const t0 = Date.now();
    const r = await call({ DB: stalled, DATABASE_TIMEOUT_MS: '200' }, '/health');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.status).toBe(503);
    expect(JSON.parse(r.text)).toEqual({ error: { code: 'database_unavailable', message: '数据库暂时无响应，请稍后重试' } });
  });

  it('a D1 whose writes stall: the report gets database_unavailable and the next one, once D1 answers, is written', async () => {
    const t = await localD1();
    open.push(t);
    const token = 'gs_worker_bootstrap_token_0123456789';
    let stalled = false;
    const never = new Promise<never>(() => {});
    const real = t.binding as unknown as { prepare(q: string): unknown; batch(s: unknown[]): Promise<unknown[]> };
    const DB = { prepare: (q: string) => real.prepare(q), batch: (s: unknown[]) => (stalled ? never : real.batch(s)) };
    const env = { DB, BOOTSTRAP_ADMIN_TOKEN: token, DATABASE_TIMEOUT_MS: '300' };
    expect((await call(env, '/health')).status).toBe(200);
    const w = await makeWorld(t.db);
    const report = (description: string) => call(env, '/v1/hazards', {
      method: 'POST',
      headers: { authorization: `Bearer ${w.workerA1.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ enterpriseId: w.entA1.id, description }),
    });
    stalled = true;
    const t0 = Date.now();
    const stuck = await report('消防通道堵塞');
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(stuck.status).toBe(503);
    expect(JSON.parse(stuck.text).error.code).toBe('database_unavailable');
    stalled = false;
    const next = await report('配电箱未接地');
    expect(next.status).toBe(201);
  }, 30_000);

  it('a Worker without any database binding says so, without internals', async () => {
    const r = await call({}, '/health');
    expect(r.status).toBe(500);
    expect(JSON.parse(r.text).error.code).toBe('internal');
    expect(r.text).not.toMatch(INTERNALS);
  });

  it('the Node app gives no 5xx and no internals for the same requests', async () => {
    const t = await testApp();
    for (const [path, init] of HOSTILE) {
      const res = await t.app.request(path, init);
      const text = await res.text();
      expect(res.status, `${init?.method ?? 'GET'} ${path} → ${text}`).toBeLessThan(500);
      expect(text).not.toMatch(INTERNALS);
    }
    expect(t.errors).toEqual([]);
    t.close();
  });
});
