import { describe, it, expect } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { testDeps } from './helpers/deps.js';
import { makePerson, makeWorld } from './helpers/fixtures.js';
import { addIdentity, fakeSender, makeHazard, sh } from './helpers/jobs-fixtures.js';
import { hazardDepartments, notifications } from '../db/schema/index.js';
import { runDueJobs } from '../jobs/run-due.js';
import { drainOutbox } from '../jobs/outbox/drain.js';

describe('department report-in reminder', () => {
  it('reminds the department and the town admin once, 24 h after an unanswered whistle, held over the night', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const colleague = await makePerson(t.db, 'department', { departmentId: w.fireDept.id });
    for (const p of [w.deptUser, colleague, w.adminA, w.adminB]) await addIdentity(t.db, p.id, 'dingtalk');
    const open = await makeHazard(t.db, w.entA1, w.workerA1.id);
    const answered = await makeHazard(t.db, w.entA2, w.workerA2.id);
    // Whistled at 01:30 on 11-22; the answered one reported in at once.
    await t.db.insert(hazardDepartments).values([
      { hazardId: open.id, departmentId: w.fireDept.id, whistledAt: sh(22, 1, 30), whistledBy: w.adminA.id },
      { hazardId: answered.id, departmentId: w.fireDept.id, whistledAt: sh(22, 1, 30), whistledBy: w.adminA.id, acknowledgedAt: sh(22, 9), acknowledgedBy: w.deptUser.id },
    ]);
    const ding = fakeSender('dingtalk', { batch: true });
    const tick = async (day: number, hh: number) => {
      await runDueJobs({ db: t.db, now: sh(day, hh, 0), only: ['department-reminder'] });
      await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: sh(day, hh, 0) });
    };
    await tick(23, 1);
    expect(await t.db.select().from(notifications)).toEqual([]);
    await tick(23, 2); // 24 h passed, but it is night: enqueued and held
    const rows = await t.db.select().from(notifications).where(eq(notifications.kind, 'department_reminder'));
    expect(rows.map((r) => r.personId).sort()).toEqual([w.deptUser.id, colleague.id, w.adminA.id].sort());
    expect(rows.every((r) => r.dedupeKey.startsWith(`dept-reminder:${open.id}:${w.fireDept.id}:`))).toBe(true);
    expect(ding.sent).toHaveLength(0);
    for (const hh of [3, 4, 5, 6, 7, 8, 9]) await tick(23, hh);
    expect(ding.sent.flatMap((s) => s.to)).toHaveLength(3);
    expect(ding.sent[0].message.text).toContain('尚未报到');
    const count = await t.db.all<{ n: number }>(sql`select count(*) as n from notifications where kind = 'department_reminder'`);
    expect(count[0].n).toBe(3);
  });
});
