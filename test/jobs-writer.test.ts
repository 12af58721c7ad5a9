import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { inArray } from 'drizzle-orm';
import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { groupCommitWriter } from '../db/group-commit.js';
import { jobRuns, notifications } from '../db/schema/index.js';
import { dbOutbox } from '../jobs/outbox/enqueue.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import { runDueJobs } from '../jobs/run-due.js';
import { outboxNotifier } from '../jobs/urgent-alert.js';
import type { PlannedNotification } from '../jobs/types.js';
import { makePerson, makeWorld } from './helpers/fixtures.js';
import { addIdentity, fakeSender, makeHazard, sh } from './helpers/jobs-fixtures.js';

const msg = (personId: number, key: string): PlannedNotification => ({
  dedupeKey: `w:${key}:${personId}`, personId, kind: 'digest', urgent: false, title: '今日待办', text: `待办 ${key}`, expiresAt: null,
});

// An import's write holds SQLite's write lock on its own connection (db/off-thread-batch.ts) for
// a second or more at city scale. A job or outbox statement run on the main connection meanwhile
// waits for that lock synchronously (busy_timeout, 10 s): the whole process stalls. Through the
// process's group-commit writer it waits in the queue instead, and the event loop stays free.
describe('job and outbox writes during a bulk write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridsafe-jobs-writer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('queue behind it through the writer, without blocking the event loop, and all commit afterwards', async () => {
    const url = `file:${join(dir, 'jobs.db')}`;
    const { db, close } = await openDb(url);
    const now = sh(23, 9, 0);
    await migrateDb(db);
    await bootstrapDb(db, { districtName: '测试区', now });
    const w = await makeWorld(db);
    const worker = await makePerson(db, 'worker');
    await addIdentity(db, worker.id, 'dingtalk');
    const hazard = await makeHazard(db, w.entA1, w.workerA1.id, { level: 'major' });

    // Stands in for the import's thread: another connection that holds the write lock until released.
    const other = createClient({ url });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    const writer = groupCommitWriter(db, {
      bulk: async () => {
        const tx = await other.transaction('write');
        await tx.execute("insert into server_settings (key, value, created_at) values ('bulk-test', 'x', 0)");
        locked();
        await released;
        await tx.commit();
      },
    });
    const importing = writer.bulk([]);
    await holding;

    const settled: string[] = [];
    const track = <T>(name: string, p: Promise<T>) => p.then((v) => (settled.push(name), v));
    let last = performance.now();
    let stallMs = 0;
    const ticker = setInterval(() => {
      stallMs = Math.max(stallMs, performance.now() - last);
      last = performance.now();
    }, 1);
    const ding = fakeSender('dingtalk');
    const work = [
      track('enqueue', dbOutbox(db, writer).enqueue([msg(worker.id, 'a')], now)),
      track('jobs', runDueJobs({ db, writer, now, table: [{ name: 'writer-test', cron: '0 9 * * *', kind: 'routine', summary: '测试',
        run: async ({ outbox }) => ({ planned: [msg(worker.id, 'b')], enqueued: await outbox!.enqueue([msg(worker.id, 'b')], now) }) }] })),
      track('drain', drainOutbox({ db, writer, senders: { dingtalk: ding }, now })),
      track('urgent', outboxNotifier({ db, writer, clock: () => now }).urgent({ kind: 'major_hazard', hazardId: hazard.id })),
    ];
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(ticker);
    // Nothing could commit while the lock was held, and nobody waited for it on the event loop.
    expect(settled).toEqual([]);
    expect(stallMs).toBeLessThan(250);

    release();
    await importing;
    const [enqueued, jobs] = await Promise.all(work);
    expect(enqueued).toBe(1);
    expect(jobs).toEqual([expect.objectContaining({ job: 'writer-test', enqueued: 1 })]);
    expect(await db.select().from(jobRuns)).toEqual([expect.objectContaining({ job: 'writer-test', finishedAt: now })]);
    const rows = await db.select().from(notifications).where(inArray(notifications.dedupeKey, [`w:a:${worker.id}`, `w:b:${worker.id}`]));
    expect(rows).toHaveLength(2);
    expect((await db.select().from(notifications)).some((r) => r.kind === 'urgent_major_hazard')).toBe(true);

    // The drain's claims and settles go the same way: everything due is sent once.
    await drainOutbox({ db, writer, senders: { dingtalk: ding }, now });
    expect((await db.select().from(notifications).where(inArray(notifications.dedupeKey, [`w:a:${worker.id}`, `w:b:${worker.id}`]))).map((r) => r.status)).toEqual(['sent', 'sent']);
    other.close();
    close();
  }, 30_000);
});
