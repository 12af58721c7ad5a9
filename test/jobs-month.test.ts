import { describe, it, expect, beforeAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { testDeps } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { addIdentity, fakeSender, makeHazard, sh } from './helpers/jobs-fixtures.js';
import { enterprises, hazards, notifications } from '../db/schema/index.js';
import { runDueJobs } from '../jobs/run-due.js';
import { drainOutbox } from '../jobs/outbox/drain.js';

// A simulated November on a real database: ticks at 08:30, 09:00 and 10:00 Shanghai each day,
// workers patrol when due at 10:00, one hazard runs overdue and is closed on day 20.
describe('a month of scheduled jobs', () => {
  let t: Awaited<ReturnType<typeof testDeps>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  const ding = fakeSender('dingtalk', { batch: true });
  let hazardId: number;
  const workerIdentities: string[] = [];

  beforeAll(async () => {
    t = await testDeps({ now: sh(1).toISOString() });
    w = await makeWorld(t.db);
    for (const p of [w.workerA1, w.workerA2, w.workerB1]) workerIdentities.push(await addIdentity(t.db, p.id, 'dingtalk'));
    for (const p of [w.adminA, w.adminB, w.district, w.deptUser]) await addIdentity(t.db, p.id, 'dingtalk');
    // entA1 key/yellow (30 d) due 11-04; entA2 above/yellow (60 d) due 11-09; entB1 red (7 d) due 11-06.
    await t.db.update(enterprises).set({ lastPatrolAt: sh(5, 10, 0, 10) }).where(eq(enterprises.id, w.entA1.id));
    await t.db.update(enterprises).set({ lastPatrolAt: sh(10, 10, 0, 9) }).where(eq(enterprises.id, w.entA2.id));
    await t.db.update(enterprises).set({ lastPatrolAt: sh(30, 10, 0, 10) }).where(eq(enterprises.id, w.entB1.id));
    // Deadline: end of 11-11 (the instant 11-12 00:00 Shanghai).
    hazardId = (await makeHazard(t.db, w.entA1, w.workerA1.id, { deadlineAt: sh(12, 0, 0) })).id;

    for (let day = 1; day <= 30; day++) {
      for (const [hh, mm] of [[8, 30], [9, 0], [10, 0]]) {
        const now = sh(day, hh, mm);
        await runDueJobs({ db: t.db, now });
        await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now });
      }
      const at = sh(day, 10, 0);
      const patrol = async (id: number, days: number[]) => {
        if (days.includes(day)) await t.db.update(enterprises).set({ lastPatrolAt: at }).where(eq(enterprises.id, id));
      };
      await patrol(w.entA1.id, [6]);
      await patrol(w.entA2.id, [13]);
      await patrol(w.entB1.id, [6, 13, 20, 27]);
      if (day === 21) await t.db.update(hazards).set({ status: 'closed', closedAt: at }).where(eq(hazards.id, hazardId));
    }
  }, 60_000);

  const daysOf = async (kind: string, personId: number) => {
    const rows = await t.db
      .select({ key: notifications.dedupeKey, status: notifications.status })
      .from(notifications)
      .where(sql`${notifications.kind} = ${kind} and ${notifications.personId} = ${personId}`);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    return rows.map((r) => Number(r.key.slice(-2))).sort((a, b) => a - b);
  };
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

  it('sends each worker exactly one digest on each day something is due, none otherwise', async () => {
    // A1: patrol due 4–6, hazard deadline within 2 days from 11-09 until closed on 11-21.
    expect(await daysOf('digest', w.workerA1.id)).toEqual([4, 5, 6, ...range(9, 21)]);
    expect(await daysOf('digest', w.workerA2.id)).toEqual(range(9, 13));
    expect(await daysOf('digest', w.workerB1.id)).toEqual([6, 13, 20, 27]);
  });

  it('never sends a worker more than one message a day', async () => {
    const perDay = new Map<string, number>();
    for (const s of ding.sent) {
      for (const to of s.to.filter((u) => workerIdentities.includes(u))) {
        const day = `${to}:${s.message.title}`;
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
      }
    }
    expect(perDay.size).toBe(16 + 5 + 4);
    expect([...perDay.values()].every((n) => n === 1)).toBe(true);
    const workerIds = [w.workerA1.id, w.workerA2.id, w.workerB1.id];
    const rows = await t.db.all<{ n: number }>(sql`select count(*) as n from notifications
      where person_id in (${sql.join(workerIds.map((id) => sql`${id}`), sql`, `)}) group by person_id, substr(dedupe_key, -10)`);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('escalates to the town admin from overdue day 3 and to the district from day 7, and stops at closing', async () => {
    // Deadline day 11-11: overdue day 3 = 11-14, day 7 = 11-18, closed 11-21 10:00.
    expect(await daysOf('town_escalation', w.adminA.id)).toEqual(range(14, 21));
    expect(await daysOf('town_escalation', w.adminB.id)).toEqual([]);
    expect(await daysOf('district_escalation', w.district.id)).toEqual(range(18, 21));
  });

  it('sends the Monday summaries and the monthly assessment to admins once each', async () => {
    const weekly = await t.db.select({ key: notifications.dedupeKey }).from(notifications)
      .where(sql`${notifications.kind} = 'weekly_summary' and ${notifications.personId} = ${w.adminA.id}`);
    expect(weekly.map((r) => r.key.slice(-10)).sort()).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    const assessment = await t.db.select({ key: notifications.dedupeKey }).from(notifications)
      .where(sql`${notifications.kind} = 'monthly_assessment' and ${notifications.personId} = ${w.district.id}`);
    expect(assessment.map((r) => r.key)).toEqual([`assessment:${w.district.id}:2026-10`]);
  });

  it('names the most urgent items with codes in the digest', async () => {
    const [row] = await t.db.select().from(notifications).where(eq(notifications.dedupeKey, `digest:worker:${w.workerA1.id}:2026-11-14`));
    expect(row.text).toMatch(/^今日待办（11月14日）/);
    expect(row.text).toContain('隐患整改：逾期 1 条');
    expect(row.text).toMatch(/YH20261001-\S+ .+ 逾期 3 天/);
    expect(row.text.split('\n').at(-1)).toBe('回复“我的任务”查看全部');
  });
});
