import { describe, it, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDeps } from './helpers/deps.js';
import { makeEnterprise, makeGrid, makePerson, makeTown } from './helpers/fixtures.js';
import { addIdentity, fakePacing, fakeSender, sh } from './helpers/jobs-fixtures.js';
import { jobRuns, notifications } from '../db/schema/index.js';
import { runDueJobs } from '../jobs/run-due.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import { dbOutbox } from '../jobs/outbox/enqueue.js';
import type { OutboxSink } from '../jobs/types.js';

/** A town with `n` workers, each with a never-patrolled (so due) enterprise, reachable on `platform`. */
async function dueWorkers(n: number, platform: 'dingtalk' | 'wechat' = 'dingtalk') {
  const t = await testDeps();
  const town = await makeTown(t.db);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = await makePerson(t.db, 'worker', { townId: town.id });
    const g = await makeGrid(t.db, town.id, p.id);
    await makeEnterprise(t.db, g, { registeredAt: new Date('2026-11-20T00:00:00Z') });
    await addIdentity(t.db, p.id, platform);
    ids.push(p.id);
  }
  return { t, ids };
}
const digestCount = async (t: Awaited<ReturnType<typeof testDeps>>) =>
  (await t.db.all<{ day: string; n: number }>(sql`select substr(dedupe_key, -10) as day, count(*) as n from notifications
    where kind = 'digest' group by day order by day`));

/** Inserts the first `n` rows of an enqueue, then dies like a killed process. */
const abortAfter = (db: Parameters<typeof dbOutbox>[0], n: number): OutboxSink => ({
  async enqueue(rows, now) {
    await dbOutbox(db).enqueue(rows.slice(0, n), now);
    throw new Error('进程被杀死（模拟）');
  },
});

describe('resilience of the scheduled run', () => {
  it('re-runs a job killed after some enqueues: everyone once, nobody twice', async () => {
    const { t, ids } = await dueWorkers(8);
    const first = await runDueJobs({ db: t.db, now: sh(23), only: ['worker-digest'], outbox: abortAfter(t.db, 3) });
    expect(first[0].error).toContain('进程被杀死');
    // Within the lease nobody else takes the slot; after it, the catch-up re-runs the job.
    expect(await runDueJobs({ db: t.db, now: sh(23, 8, 35), only: ['worker-digest'] })).toEqual([]);
    const again = await runDueJobs({ db: t.db, now: sh(23, 8, 41), only: ['worker-digest'] });
    expect(again[0]).toMatchObject({ planned: 8, enqueued: 5 });
    const ding = fakeSender('dingtalk', { batch: true });
    await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: sh(23, 8, 41) });
    const to = ding.sent.flatMap((s) => s.to);
    expect(to).toHaveLength(ids.length);
    expect(new Set(to).size).toBe(ids.length);
  });

  it('resumes a drain killed mid-way after the lease without resending what went out', async () => {
    const { t, ids } = await dueWorkers(4, 'wechat');
    await runDueJobs({ db: t.db, now: sh(23) });
    const wechat = fakeSender('wechat');
    const killing = { ...fakePacing(), sleep: async () => { throw new Error('进程被杀死（模拟）'); } };
    await expect(drainOutbox({ db: t.db, senders: { wechat }, now: sh(23), pacing: killing })).rejects.toThrow('进程被杀死');
    expect(wechat.sent).toHaveLength(1);
    await drainOutbox({ db: t.db, senders: { wechat }, now: sh(23, 8, 31), pacing: fakePacing() });
    expect(wechat.sent).toHaveLength(1);
    await drainOutbox({ db: t.db, senders: { wechat }, now: sh(23, 8, 36), pacing: fakePacing() });
    const to = wechat.sent.flatMap((s) => s.to);
    expect(new Set(to).size).toBe(ids.length);
    expect(to).toHaveLength(ids.length);
  });

  it('retries rows whose sender threw and sends each exactly once in the end', async () => {
    const { t, ids } = await dueWorkers(5);
    await runDueJobs({ db: t.db, now: sh(23) });
    const flaky = fakeSender('dingtalk', { throwAfter: 2 });
    const r = await drainOutbox({ db: t.db, senders: { dingtalk: flaky }, now: sh(23) });
    expect(r).toMatchObject({ sent: 2, retried: 3 });
    const ok = fakeSender('dingtalk');
    await drainOutbox({ db: t.db, senders: { dingtalk: ok }, now: sh(23, 8, 31) });
    expect(new Set([...flaky.sent, ...ok.sent].flatMap((s) => s.to)).size).toBe(ids.length);
    expect(ok.sent).toHaveLength(3);
  });

  it('catches up once after a six-hour outage over 08:30, and not on another day', async () => {
    const { t, ids } = await dueWorkers(3);
    // Down 06:00–12:00 on 11-23: no tick at 08:30. Back at 12:00: one catch-up.
    expect((await runDueJobs({ db: t.db, now: sh(23, 6, 0) })).map((r) => r.job)).toEqual(['department-reminder']);
    const back = await runDueJobs({ db: t.db, now: sh(23, 12, 0) });
    expect(back.map((r) => r.job).sort()).toEqual(['department-reminder', 'district-escalation', 'enterprise-reminder', 'town-escalation', 'weekly-summary', 'worker-digest']);
    expect(back.find((r) => r.job === 'worker-digest')?.enqueued).toBe(ids.length);
    expect((await runDueJobs({ db: t.db, now: sh(23, 12, 5) })).filter((r) => r.job !== 'department-reminder')).toEqual([]);
    expect(await digestCount(t)).toEqual([{ day: '2026-11-23', n: 3 }]);
    // Down from 11-24 07:00 to 11-25 07:00: 11-24's 08:30 run is stale and never happens.
    expect((await runDueJobs({ db: t.db, now: sh(25, 7, 0) })).filter((r) => r.job !== 'department-reminder')).toEqual([]);
    await runDueJobs({ db: t.db, now: sh(25, 8, 30) });
    expect(await digestCount(t)).toEqual([{ day: '2026-11-23', n: 3 }, { day: '2026-11-25', n: 3 }]);
  });

  it('lets only one of two schedulers run a slot', async () => {
    const { t, ids } = await dueWorkers(3);
    const [a, b] = await Promise.all([runDueJobs({ db: t.db, now: sh(23) }), runDueJobs({ db: t.db, now: sh(23) })]);
    const ran = [...a, ...b].map((r) => r.job).sort();
    expect(ran).toEqual([...new Set(ran)]);
    expect(ran).toContain('worker-digest');
    expect(await digestCount(t)).toEqual([{ day: '2026-11-23', n: ids.length }]);
    const runs = await t.db.select().from(jobRuns).where(sql`${jobRuns.job} = 'worker-digest'`);
    expect(runs).toEqual([expect.objectContaining({ slot: '2026-11-23 08:30', finishedAt: sh(23) })]);
    const pending = await t.db.select().from(notifications).where(sql`${notifications.status} = 'pending'`);
    expect(pending.length).toBeGreaterThanOrEqual(ids.length);
  });
});
