import { describe, it, expect, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { localD1 } from './helpers/d1.js';
import { ctxFor, makeWorld } from './helpers/fixtures.js';
import worker from '../entry/worker.js';
import { d1Writer } from '../db/d1-writer.js';
import { dbWriter } from '../api/core/write.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { recordingNotifier } from '../api/core/notifier.js';
import { memoryFileStore } from '../api/core/file-store.js';
import { fixedClock } from '../lib/clock.js';
import { reportHazard } from '../api/hazards/report.js';
import { hazardEvents, hazards } from '../db/schema/index.js';
import type { Deps } from '../api/core/context.js';

// "The same code must run on D1": the intake's grouped statements, the stats triggers and the
// Worker entry, on a real local D1.
describe('on Cloudflare D1 (local workerd via miniflare)', () => {
  const open: { dispose: () => Promise<void> }[] = [];
  afterAll(async () => { await Promise.all(open.map((o) => o.dispose())); });

  it('concurrent reports are grouped and written with distinct codes, events and rollup rows', async () => {
    const t = await localD1();
    open.push(t);
    const clock = fixedClock('2026-11-23T02:00:00Z');
    await bootstrapDb(t.db, { districtName: '测试区', now: clock() });
    const w = await makeWorld(t.db);
    const deps: Deps = { db: t.db, writer: d1Writer(t.d1), clock, notifier: recordingNotifier(), files: memoryFileStore() };
    const a1 = await ctxFor(deps, w.workerA1.id);
    const b1 = await ctxFor(deps, w.workerB1.id);
    const results = await Promise.all([
      reportHazard(a1, { enterpriseId: w.entA1.id, description: '消防通道堵塞', deadlineDays: 3 }),
      reportHazard(a1, { enterpriseId: w.entA1.id, description: '配电箱未接地' }),
      reportHazard(b1, { enterpriseId: w.entB1.id, description: '危化品未分区存放', level: 'major' }),
      reportHazard(b1, { enterpriseId: w.entA1.id, description: '越权上报' }).catch((e) => e.code as string),
    ]);
    expect(results[3]).toBe('not_found');
    const codes = results.slice(0, 3).map((r) => (r as { hazard: { code: string } }).hazard.code).sort();
    expect(codes).toEqual(['YH20261123-0001', 'YH20261123-0002', 'YH20261123-0003']);
    const rows = await t.db.select().from(hazards);
    const events = await t.db.select().from(hazardEvents);
    expect(rows).toHaveLength(3);
    expect(events.map((e) => e.hazardId).sort()).toEqual(rows.map((h) => h.id).sort());
    const rollup = await t.db.all<{ n: number }>(sql`select sum(hazards_found) as n from stats_daily`);
    expect(rollup[0].n).toBe(3);
  }, 30_000);

  it('a group of 60 chat reports stays under D1’s 100 bound parameters per statement', async () => {
    const t = await localD1();
    open.push(t);
    const clock = fixedClock('2026-11-23T02:00:00Z');
    await bootstrapDb(t.db, { districtName: '测试区', now: clock() });
    const w = await makeWorld(t.db);
    // Counts refused batches: without packing, the 40-row insert (120 parameters) is refused and
    // intake falls back to one report at a time, which would hide the problem behind slowness.
    const refused: unknown[] = [];
    const writer = d1Writer(t.d1);
    const counting: typeof writer = { batch: (s) => writer.batch(s).catch((e) => { refused.push(e); throw e; }) };
    const deps: Deps = { db: t.db, writer: counting, clock, notifier: recordingNotifier(), files: memoryFileStore() };
    const a1 = await ctxFor(deps, w.workerA1.id, 'dingtalk');
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => reportHazard(a1, {
      enterpriseId: w.entA1.id, description: `钉钉上报第${i}条，编号${i * 7919}`, source: { platform: 'dingtalk', messageId: `d1-${i}` }, force: true,
    })));
    expect(new Set(results.map((r) => r.hazard.code)).size).toBe(60);
    expect(await t.db.select().from(hazardEvents)).toHaveLength(60);
    expect(refused).toEqual([]);
  }, 30_000);

  it('drizzle’s own D1 batch still cannot run raw statements (why db/d1-writer.ts exists)', async () => {
    const t = await localD1();
    open.push(t);
    await expect(dbWriter(t.db).batch([t.db.run(sql`select ${1}`)])).rejects.toThrow(/bind/);
    await expect(d1Writer(t.d1).batch([t.db.run(sql`select ${1}`)])).resolves.toHaveLength(1);
  }, 30_000);

  it('the Worker entry bootstraps the database and serves reports and statistics', async () => {
    const t = await localD1();
    open.push(t);
    const token = 'gs_worker_bootstrap_token_0123456789';
    const env = { DB: t.binding, BOOTSTRAP_ADMIN_TOKEN: token, DISTRICT_NAME: '云端区' };
    const ctx = { waitUntil: () => undefined };
    const call = async (path: string, init: RequestInit & { as?: string } = {}) => {
      const headers = { authorization: `Bearer ${init.as ?? token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) };
      const res = await worker.fetch(new Request(`http://worker${path}`, { ...init, headers }), env, ctx);
      return { status: res.status, body: await res.json() as Record<string, any> };
    };
    expect((await call('/v1/me')).body).toMatchObject({ role: 'district_admin' });
    const w = await makeWorld(t.db);
    const report = await call('/v1/hazards', { method: 'POST', as: w.workerA1.token, body: JSON.stringify({ enterpriseId: w.entA1.id, description: '消防通道堵塞' }) });
    expect(report.status).toBe(201);
    expect(report.body.hazard.code).toMatch(/^YH\d{8}-0001$/);
    const summary = await call('/v1/stats/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.hazards).toMatchObject({ found: 1, open: 1 });
  }, 30_000);

  it('photos uploaded through the Worker go to R2 and a later request reads them back; without the bucket uploads are refused', async () => {
    const t = await localD1();
    open.push(t);
    const token = 'gs_worker_bootstrap_token_0123456789';
    const ctx = { waitUntil: () => undefined };
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 64 }, (_, i) => i)]);
    const upload = (env: Record<string, unknown>) => worker.fetch(new Request('http://worker/v1/photos', {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, body: png,
    }), env, ctx);

    const withBucket = { DB: t.binding, FILES: t.files, BOOTSTRAP_ADMIN_TOKEN: token };
    const stored = await upload(withBucket);
    expect(stored.status).toBe(201);
    const photo = await stored.json() as { id: number; sha256: string };
    expect(await t.files.head(`${photo.sha256.slice(0, 2)}/${photo.sha256}`)).not.toBeNull();
    const back = await worker.fetch(new Request(`http://worker/v1/photos/${photo.id}`, { headers: { authorization: `Bearer ${token}` } }), withBucket, ctx);
    expect(back.status).toBe(200);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(png);

    const refused = await upload({ DB: t.binding, BOOTSTRAP_ADMIN_TOKEN: token });
    expect(refused.status).toBe(500);
    expect(await refused.json()).toEqual({ error: { code: 'internal', message: '服务器未配置照片存储，暂时无法上传或查看照片' } });
  }, 30_000);
});
