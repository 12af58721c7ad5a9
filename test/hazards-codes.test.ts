import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { testApp, testDeps } from './helpers/deps.js';
import { ctxFor, makeWorld } from './helpers/fixtures.js';
import { insertPhoto, post, reportVia } from './helpers/hazards-fixtures.js';
import { groupCommitWriter } from '../db/group-commit.js';
import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { dbWriter } from '../api/core/write.js';
import { recordingNotifier } from '../api/core/notifier.js';
import { memoryFileStore } from '../api/core/file-store.js';
import { fixedClock } from '../lib/clock.js';
import { reportHazard } from '../api/hazards/report.js';
import { attachments, hazardCodeCounters, hazardEvents, hazards } from '../db/schema/index.js';
import type { Deps } from '../api/core/context.js';

describe('hazard codes', () => {
  it('YH<Shanghai day>-<4-digit sequence>, restarting at Shanghai midnight', async () => {
    let now = '2026-11-22T15:59:58Z';
    const t = await testApp({ clock: () => new Date(now) });
    const w = await makeWorld(t.db);
    const report = async (description: string) =>
      reportVia(t.app, w.workerA1, { enterpriseId: w.entA1.id, description, force: true });
    expect((await report('第一条')).code).toBe('YH20261122-0001');
    now = '2026-11-22T15:59:59Z';
    const second = await report('第二条');
    expect(second.code).toBe('YH20261122-0002');
    expect(second.reportedAt).toBe('2026-11-22T15:59:59.000Z');
    now = '2026-11-22T16:00:00Z'; // 00:00 on 23 Nov in Shanghai
    expect((await report('第三条')).code).toBe('YH20261123-0001');
    expect((await report('第四条')).code).toBe('YH20261123-0002');
  });

  it('40 concurrent reports through the app get 40 distinct consecutive codes', async () => {
    const t = await testApp();
    const w = await makeWorld(t.db);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: w.entA1.id, description: `并发隐患 ${i}`, force: true })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(201));
    const codes = await Promise.all(responses.map(async (r) => (await r.json()).hazard.code as string));
    expect(new Set(codes).size).toBe(40);
    expect(codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('40 concurrent reports from two separate clients on one database file get distinct codes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridsafe-codes-'));
    const url = `file:${join(dir, 'test.db')}`;
    const a = await openDb(url);
    const b = await openDb(url);
    try {
      await migrateDb(a.db);
      const clock = fixedClock('2026-11-23T02:00:00Z');
      await bootstrapDb(a.db, { districtName: '测试区', now: clock() });
      const w = await makeWorld(a.db);
      const deps = (h: typeof a): Deps => ({ db: h.db, writer: dbWriter(h.db), clock, notifier: recordingNotifier(), files: memoryFileStore() });
      const ctxA = await ctxFor(deps(a), w.workerA1.id);
      const ctxB = await ctxFor(deps(b), w.workerA1.id);
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          reportHazard(i % 2 ? ctxA : ctxB, { enterpriseId: w.entA1.id, description: `双客户端并发 ${i}`, force: true })),
      );
      const codes = results.map((r) => r.hazard.code);
      expect(new Set(codes).size).toBe(40);
      const stored = await b.db.select({ code: hazards.code }).from(hazards);
      expect(new Set(stored.map((s) => s.code)).size).toBe(40);
      const [counter] = await a.db.select().from(hazardCodeCounters).where(eq(hazardCodeCounters.day, '20261123'));
      expect(counter.seq).toBe(40);
    } finally {
      a.close();
      b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with the group-commit writer, concurrent reports keep distinct codes and each photo lands on its own hazard', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const writer = groupCommitWriter(t.db);
    const ctx = { ...(await ctxFor(t.deps, w.workerA1.id)), writer };
    const photos = await Promise.all(Array.from({ length: 30 }, () => insertPhoto(t.db, w.workerA1.id)));
    const results = await Promise.all(photos.map((p, i) =>
      reportHazard(ctx, { enterpriseId: w.entA1.id, description: `合并提交 ${i}`, photoIds: [p.id], force: true })));
    expect(writer.stats.commits).toBeLessThan(30);
    expect(new Set(results.map((r) => r.hazard.code)).size).toBe(30);
    for (const [i, r] of results.entries()) {
      const a = await t.db.select().from(attachments).where(eq(attachments.id, photos[i].id)).get();
      const ev = await t.db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, r.hazard.id)).get();
      expect(a).toMatchObject({ hazardId: r.hazard.id, eventId: ev!.id });
    }
    t.close();
  });
});

