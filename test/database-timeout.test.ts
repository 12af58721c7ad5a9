import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../db/schema/index.js';
import type { Db } from '../db/client.js';
import { openDb } from '../db/client.js';
import { timeoutClient } from '../db/timeout.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { groupCommitWriter } from '../db/group-commit.js';
import { createApp } from '../api/app.js';
import { reportHazard } from '../api/hazards/report.js';
import { recordingNotifier } from '../api/core/notifier.js';
import { memoryFileStore } from '../api/core/file-store.js';
import { fixedClock } from '../lib/clock.js';
import type { Deps } from '../api/core/context.js';
import { domainErrorOf } from '../api/core/errors.js';
import { ctxFor, makeWorld } from './helpers/fixtures.js';
import { TEST_NOW } from './helpers/deps.js';
import { parseConfig } from '../lib/config.js';

const TIMEOUT = 150;

/** How long `p` takes to settle, and how. */
async function timed<T>(p: Promise<T>) {
  const t0 = Date.now();
  try {
    return { ok: true as const, value: await p, ms: Date.now() - t0 };
  } catch (error) {
    // drizzle wraps what the driver threw; the API's error handler unwraps it the same way.
    return { ok: false as const, error: domainErrorOf(error) ?? (error as Error), ms: Date.now() - t0 };
  }
}

describe('a stalled remote database', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('a libsql server over HTTP that accepts and never answers: every call fails with database_unavailable after the timeout', async () => {
    // Speaks nothing: takes the request of @libsql/client's HTTP protocol and holds it.
    const held: { destroy(): void }[] = [];
    const server: Server = createServer((req) => void held.push(req.socket));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const handle = await openDb(url, 'token-not-used', { timeoutMs: TIMEOUT });
    cleanups.push(() => handle.close());
    const raw = await timed(handle.client.execute('select 1'));
    const viaDrizzle = await timed(handle.db.select().from(schema.people).limit(1));
    const batch = await timed(handle.client.batch(['select 1', 'select 2'], 'write'));
    for (const r of [raw, viaDrizzle, batch]) {
      expect(r.ok).toBe(false);
      expect(r.error).toMatchObject({ code: 'database_unavailable', status: 503 });
      expect(r.ok || r.error.message).toMatch(/数据库/);
      expect(r.ms).toBeGreaterThanOrEqual(TIMEOUT - 5);
      expect(r.ms).toBeLessThan(TIMEOUT + 1000);
    }
    expect(held.length).toBeGreaterThanOrEqual(1); // the requests did reach the server
  });

  // A real libsql database behind a switch that makes every call hang (as a stalled server's
  // answers never come), wrapped by the same timeout as a remote client.
  async function stallable() {
    const real = createClient({ url: ':memory:' });
    let stalled = false;
    const never = new Promise<never>(() => {});
    const switchable = new Proxy(real, {
      get(t, prop) {
        const v = Reflect.get(t, prop, t) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => (stalled && prop !== 'close' ? never : (v as (...a: unknown[]) => unknown).apply(t, args));
      },
    }) as Client;
    const client = timeoutClient(switchable, TIMEOUT);
    const db = drizzle(client, { schema }) as Db;
    await migrateDb(db);
    const clock = fixedClock(TEST_NOW);
    const token = 'gs_bootstrap_admin_token_for_timeout_test';
    await bootstrapDb(db, { districtName: '测试区', adminToken: token, now: clock() });
    const deps: Deps = { db, writer: groupCommitWriter(db), clock, notifier: recordingNotifier(), files: memoryFileStore() };
    cleanups.push(() => real.close());
    return { deps, db, token, stall: (s: boolean) => void (stalled = s) };
  }

  it('the intake queue answers the stalled reports with database_unavailable and takes the next ones once the database answers', async () => {
    const t = await stallable();
    const w = await makeWorld(t.db);
    const ctx = await ctxFor(t.deps, w.workerA1.id);

    t.stall(true);
    // Two groups' worth: one submitted while the first is stuck inside its group.
    const first = timed(reportHazard(ctx, { enterpriseId: w.entA1.id, description: '消防通道堵塞' }));
    await new Promise((r) => setTimeout(r, 20));
    const second = timed(reportHazard(ctx, { enterpriseId: w.entA1.id, description: '配电箱未接地' }));
    const [a, b] = await Promise.all([first, second]);
    for (const r of [a, b]) {
      expect(r.ok).toBe(false);
      expect(r.error).toMatchObject({ code: 'database_unavailable' });
    }
    // Each waits at most a few timeouts (its group's reads, then the one-by-one retry), not forever.
    expect(Math.max(a.ms, b.ms)).toBeLessThan(TIMEOUT * 8);

    t.stall(false);
    const after = await timed(reportHazard(ctx, { enterpriseId: w.entA1.id, description: '灭火器过期' }));
    expect(after.ok).toBe(true);
    expect(after.ok && after.value.hazard.description).toBe('灭火器过期');
    const rows = await t.db.select().from(schema.hazards);
    // Nothing half-written: only the report made after the stall, or also a stalled one whose batch
    // went through whole; each hazard has its events.
    expect(rows.map((h) => h.description)).toContain('灭火器过期');
  });

  it('DATABASE_TIMEOUT_MS defaults to 10 s and refuses what is not a sane number of milliseconds', () => {
    expect(parseConfig({}).DATABASE_TIMEOUT_MS).toBe(10_000);
    expect(parseConfig({ DATABASE_TIMEOUT_MS: '2500' }).DATABASE_TIMEOUT_MS).toBe(2500);
    expect(() => parseConfig({ DATABASE_TIMEOUT_MS: 'abc' })).toThrow(/DATABASE_TIMEOUT_MS: 必须是毫秒数/);
    expect(() => parseConfig({ DATABASE_TIMEOUT_MS: '5' })).toThrow(/至少 100 毫秒/);
  });

  it('the API answers 503 with a Chinese message and a stable code, and nothing of the internals', async () => {
    const t = await stallable();
    const errors: unknown[] = [];
    const app = createApp(t.deps, { logError: (e) => errors.push(e) });
    const auth = { headers: { authorization: `Bearer ${t.token}` } };
    expect((await app.request('/v1/me', auth)).status).toBe(200);
    t.stall(true);
    const res = await app.request('/v1/me', auth);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toEqual({ error: { code: 'database_unavailable', message: '数据库暂时无响应，请稍后重试' } });
    t.stall(false);
    expect((await app.request('/v1/me', auth)).status).toBe(200);
    expect(errors).toEqual([]); // an expected condition, not an unhandled error
  });
});
