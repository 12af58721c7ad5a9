import { describe, it, expect, afterAll } from 'vitest';
import { readdirSync } from 'node:fs';
import { localD1, wranglerApply } from './helpers/d1.js';
import { BUNDLED_MIGRATIONS } from '../db/migrations-bundle.js';
import { migrateOnFirstUse, migrationFailed } from '../db/migrate-on-first-use.js';
import { MIGRATIONS_DIR, migrateDb } from '../db/migrate.js';
import { missingTables } from '../db/schema-check.js';
import { openDb } from '../db/client.js';
import { dbWriter } from '../api/core/write.js';
import { testApp } from './helpers/deps.js';
import worker from '../entry/worker.js';
import { REQUIRED_TABLES } from '../db/schema-check.js';
import { makeWorld } from './helpers/fixtures.js';
import { HOSTILE, INTERNALS } from './helpers/hostile.js';

describe('the Worker on a database without migrations (local D1 in miniflare)', () => {
  const open: { dispose: () => Promise<void> }[] = [];
  afterAll(async () => { await Promise.all(open.map((o) => o.dispose())); });
  const ctx = { waitUntil: () => undefined };
  const call = async (env: Record<string, unknown>, path: string, init?: RequestInit) => {
    const res = await worker.fetch(new Request(`http://worker${path}`, init), env, ctx);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  it('migrates a fresh D1 on first use: hostile requests get no 5xx and no internals, /health 200, a write works', async () => {
    const t = await localD1({ migrate: false });
    open.push(t);
    const env = { DB: t.binding, BOOTSTRAP_ADMIN_TOKEN: 'gs_worker_bootstrap_token_0123456789' };
    // `wrangler dev` before `wrangler d1 migrations apply`: the very first requests are hostile ones.
    for (const [path, init] of HOSTILE) {
      const r = await call(env, path, init);
      expect(r.status, `${init?.method ?? 'GET'} ${path} → ${r.text}`).toBeLessThan(500);
      expect(r.text).not.toMatch(INTERNALS);
    }
    expect((await call(env, '/health')).status).toBe(200);
    const me = await call(env, '/v1/me', { headers: { authorization: `Bearer ${env.BOOTSTRAP_ADMIN_TOKEN}` } });
    expect(me.status).toBe(200);
    const w = await makeWorld(t.db);
    const report = await call(env, '/v1/hazards', {
      method: 'POST',
      headers: { authorization: `Bearer ${w.workerA1.token}`, 'content-type': 'application/json', 'idempotency-key': 'first-report' },
      body: JSON.stringify({ enterpriseId: w.entA1.id, description: '消防通道堵塞' }),
    });
    expect(report.status, report.text).toBe(201);

    // Recorded as wrangler records it: a later `wrangler d1 migrations apply` has nothing to do.
    const ledger = await t.binding.prepare('select name from d1_migrations order by id').all<{ name: string }>();
    expect(ledger.results.map((r) => r.name)).toEqual(BUNDLED_MIGRATIONS.map((m) => m.name));
    expect(BUNDLED_MIGRATIONS.map((m) => m.name)).toEqual(readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort());
    expect(await wranglerApply(t.binding)).toEqual([]);
  }, 60_000);

  it('concurrent first requests migrate once (single flight), and two isolates at once do not apply anything twice', async () => {
    const t = await localD1({ migrate: false });
    open.push(t);
    const real = t.binding as unknown as { prepare(q: string): unknown; batch(s: unknown[]): Promise<unknown[]> };
    let migrationBatches = 0;
    // Two bindings over one database, as two isolates of the Worker would see it.
    const isolate = () => ({
      prepare: (q: string) => real.prepare(q),
      batch: (s: unknown[]) => {
        if ((s as { statement?: string }[]).length > 2) migrationBatches += 1;
        return real.batch(s);
      },
    });
    const a = { DB: isolate() };
    const b = { DB: isolate() };
    const first = await Promise.all([
      ...Array.from({ length: 8 }, () => call(a, '/health')),
      ...Array.from({ length: 8 }, () => call(b, '/health')),
    ]);
    expect(first.map((r) => r.status)).toEqual(first.map(() => 200));
    const ledger = await t.binding.prepare('select name from d1_migrations order by id').all<{ name: string }>();
    expect(ledger.results.map((r) => r.name)).toEqual(BUNDLED_MIGRATIONS.map((m) => m.name));
    // Each isolate migrated in one flight: at most one attempt per migration each, the loser's rolled back.
    expect(migrationBatches).toBeGreaterThanOrEqual(BUNDLED_MIGRATIONS.length);
    expect(migrationBatches).toBeLessThanOrEqual(2 * BUNDLED_MIGRATIONS.length);
    const drizzleLedger = await t.binding.prepare('select count(*) as n from "__drizzle_migrations"').first<{ n: number }>();
    expect(drizzleLedger?.n).toBe(BUNDLED_MIGRATIONS.length);
  }, 60_000);

  it('only a migration that fails gets 503 database_not_migrated, in Chinese and without internals; it is retried', async () => {
    const t = await localD1({ migrate: false });
    open.push(t);
    // Tables made by hand (`wrangler d1 execute --file`), no ledger: the first migration cannot run.
    await t.binding.prepare('create table towns (id integer primary key)').run();
    const env = { DB: t.binding };
    // A few of the hostile requests: each one tries the migration again (the next request's retry), ~1 s each.
    for (const [path, init] of HOSTILE.slice(0, 4)) {
      const r = await call(env, path, init);
      expect(r.status, `${init?.method ?? 'GET'} ${path}`).toBe(503);
      expect(r.type).toContain('application/json');
      expect(JSON.parse(r.text)).toEqual({ error: { code: 'database_not_migrated', message: migrationFailed().message } });
      expect(r.text).not.toMatch(INTERNALS);
    }
    // Nothing half-applied: the failed batch rolled back, so dropping the stray table lets the next request migrate.
    expect((await t.binding.prepare('select count(*) as n from d1_migrations').first<{ n: number }>())?.n).toBe(0);
    await t.binding.prepare('drop table towns').run();
    expect((await call(env, '/health')).status).toBe(200);
  }, 60_000);

  it('on libsql, what the Worker applied is what drizzle’s migrator (npm start on the same server) sees as applied', async () => {
    const handle = await openDb(':memory:');
    const writer = dbWriter(handle.db);
    expect(await migrateOnFirstUse({ db: handle.db, writer, migrationWriter: writer, migrations: BUNDLED_MIGRATIONS })).toHaveLength(BUNDLED_MIGRATIONS.length);
    // It would fail on "table already exists" if it tried to apply any of them again.
    await migrateDb(handle.db);
    expect(await missingTables(handle.db)).toEqual([]);
    // And the other way round: a database migrated by `npm start` gets nothing applied by the Worker.
    const node = await openDb(':memory:');
    await migrateDb(node.db);
    expect(await migrateOnFirstUse({ db: node.db, writer: dbWriter(node.db), migrationWriter: dbWriter(node.db), migrations: BUNDLED_MIGRATIONS })).toEqual([]);
    handle.close();
    node.close();
  });

  it('a database whose ledger says migrated but lacks a table says so (503), without applying anything', async () => {
    const t = await localD1();
    open.push(t);
    await t.binding.prepare('drop table stats_daily').run();
    const r = await call({ DB: t.binding }, '/health');
    expect(r.status).toBe(503);
    expect(JSON.parse(r.text).error).toEqual({ code: 'database_not_migrated', message: expect.stringContaining('数据库结构不完整') });
    expect(r.text).not.toMatch(INTERNALS);
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
