import { describe, it, expect, beforeAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { enterprises, patrols } from '../db/schema/index.js';
import { dialogWorld, bindIdentity, type DialogWorld } from './helpers/dialog-world.js';
import { ctxFor, makeEnterprise, makeGrid, makePerson } from './helpers/fixtures.js';
import { makeStatsWorld, sh } from './helpers/stats-world.js';
import { makeHazard } from './helpers/jobs-fixtures.js';
import { patrolDueAtSql } from '../api/patrols/due-at.js';
import { assessment, type Assessment } from '../api/stats/assessment.js';
import { statsSummary, type StatsSummary } from '../api/stats/summary.js';
import { parsePeriod } from '../lib/period.js';
import { percent } from '../bot/present/format.js';
import { monthlyAssessment } from '../jobs/monthly-assessment.js';
import { weeklySummary } from '../jobs/weekly-summary.js';
import { defaultJobsConfig } from '../jobs/config.js';
import type { Job, PlannedNotification } from '../jobs/types.js';

// A town office reads the job's message, then asks the bot: both must show the same numbers. Each
// scope's figures come from the API verb (what `排名` / `统计` answer with) and are looked for, worded
// the job's way, in the job's message, and worded the bot's way in the bot's real reply.

type W = Awaited<ReturnType<typeof makeStatsWorld>>;

async function run(job: Job, c: DialogWorld) {
  const planned: PlannedNotification[] = [];
  await job({ db: c.db, now: c.clock(), config: defaultJobsConfig, outbox: { enqueue: async (p) => (planned.push(...p), p.length) } });
  return (personId: number) => {
    const mine = planned.filter((p) => p.personId === personId);
    expect(mine).toHaveLength(1);
    return mine[0].text;
  };
}

/** A stats world beside the dialog world's, its admins able to talk to the bot. */
async function world(c: DialogWorld) {
  const s = await makeStatsWorld(c.db);
  for (const p of [s.adminA, s.adminB, s.district]) await bindIdentity(c.db, p.id, 'terminal', `t${p.id}`);
  return s;
}

async function patrol(c: DialogWorld, e: { id: number; gridId: number; townId: number }, workerId: number, at: Date) {
  await c.db.insert(patrols).values({
    enterpriseId: e.id, gridId: e.gridId, townId: e.townId, workerId, patrolledAt: at, result: 'normal', createdAt: at,
    dueAt: patrolDueAtSql(e.id, at),
  });
  await c.db.update(enterprises).set({ lastPatrolAt: sql`max(coalesce(${enterprises.lastPatrolAt}, 0), ${at.getTime()})` }).where(eq(enterprises.id, e.id));
}

describe('monthly 考核 message = 排名 for the same worker and month', () => {
  let c: DialogWorld;
  let s: W;
  let w4: { id: number; name: string };
  let text: (personId: number) => string;

  beforeAll(async () => {
    c = await dialogWorld();
    s = await world(c);
    // W4 lives in town A and holds a grid in each town: each town's 排名 counts only that town's work.
    w4 = await makePerson(c.db, 'worker', { townId: s.townA.id });
    const gA = await makeGrid(c.db, s.townA.id, w4.id);
    const gB = await makeGrid(c.db, s.townB.id, w4.id);
    const eA = await makeEnterprise(c.db, gA, { class: 'below', riskColor: 'blue', registeredAt: sh('2026-01-01T09:00') });
    const eB = await makeEnterprise(c.db, gB, { class: 'below', riskColor: 'blue', registeredAt: sh('2026-01-01T09:00') });
    await patrol(c, eA, w4.id, sh('2026-11-03T10:00'));
    await patrol(c, eA, w4.id, sh('2026-11-25T10:00'));
    await patrol(c, eB, w4.id, sh('2026-11-04T10:00'));
    await makeHazard(c.db, eB, w4.id, { level: 'major', status: 'rectifying', reportedAt: sh('2026-11-05T10:00') });
    c.advance(sh('2026-12-01T09:00').getTime() - c.clock().getTime());
    text = await run(monthlyAssessment, c);
  });

  const expectSame = async (admin: { id: number }) => {
    const api: Assessment = await assessment(await ctxFor(c.deps, admin.id), { month: '2026-11' });
    const message = text(admin.id);
    const reply = await c.say(admin, '排名 上月'); // what the message's last line says to send
    expect(message).toContain(`【2026年11月考核】`);
    expect(message).toContain(`网格员 ${api.rows.length} 人`);
    expect(message).toContain('回复“排名 上月”查看全部');
    expect(reply).toContain('网格员考核（2026年11月）');
    expect(message).toContain(`得分 = 按期巡查率×${api.weights.completion} + 核实重大隐患×${api.weights.majorBonus} − 不属实上报×${api.weights.falsePenalty}`);
    api.rows.forEach((r, i) => {
      // The message names the lowest five (the job's choice); the bot lists the first ten.
      if (i >= api.rows.length - 5) expect(message).toContain(`第 ${i + 1} 名 ${r.name} ${r.score} 分：应巡查 ${r.patrolsDue}，按期完成 ${r.patrolsOnTime}，` +
        `按期巡查率 ${percent(r.completionRate)}，重大隐患 +${r.majorVerified}，不属实 −${r.falseReports}`);
      expect(reply).toContain(`${i + 1}. ${r.name} ${r.score} 分（应巡 ${r.patrolsDue}，按时 ${r.patrolsOnTime}，完成率 ${percent(r.completionRate)}）`);
    });
    return api.rows;
  };

  it('for each town admin, with each town counting only its own work', async () => {
    const a = await expectSame(s.adminA);
    const b = await expectSame(s.adminB);
    expect(a.map((r) => r.personId).sort()).toEqual([s.w1.id, s.w2.id, w4.id].sort());
    expect(b.map((r) => r.personId).sort()).toEqual([s.w3.id, w4.id].sort());
    expect(a.find((r) => r.personId === w4.id)).toMatchObject({ patrolsDone: 2, majorVerified: 0 });
    expect(b.find((r) => r.personId === w4.id)).toMatchObject({ patrolsDone: 1, majorVerified: 1 });
  });

  it('for the district admin, each worker over all towns', async () => {
    const all = await expectSame(s.district);
    expect(all.find((r) => r.personId === w4.id)).toMatchObject({ patrolsDone: 3, majorVerified: 1 });
    // W2's 不属实 report costs the API's penalty, not a job-only weight.
    const w2 = all.find((r) => r.personId === s.w2.id)!;
    expect(w2.falseReports).toBe(1);
    expect(w2.score).toBe(Math.round((100 * w2.completionRate - 10) * 10) / 10);
  });
});

describe('weekly 周报 = 统计 上周 for the same place', () => {
  let c: DialogWorld;
  let s: W;
  let text: (personId: number) => string;

  beforeAll(async () => {
    c = await dialogWorld(); // Monday 2026-11-23 10:00: the 09:00 run caught up
    s = await world(c);
    text = await run(weeklySummary, c);
  });

  const expectSame = async (admin: { id: number }, townId?: number) => {
    const week = parsePeriod('上周', c.clock())!;
    const api: StatsSummary = await statsSummary(await ctxFor(c.deps, admin.id), { from: week.from, to: week.to, label: week.label, townId });
    const message = text(admin.id);
    const reply = await c.say(admin, '统计 上周');
    const p = api.patrols, h = api.hazards;
    expect(message).toContain(`巡查：应巡查 ${p.due}，已巡查 ${p.done}，按期完成 ${p.onTime}，按期巡查率 ${percent(p.completionRate)}`);
    expect(message).toContain(`隐患：新发现 ${h.found}，销号 ${h.closed}，逾期未整改 ${h.overdue}`);
    expect(reply).toContain(`巡查：应巡 ${p.due}，已巡 ${p.done}，按时 ${p.onTime}，完成率 ${percent(p.completionRate)}`);
    expect(reply).toContain(`隐患：新发现 ${h.found}，已销号 ${h.closed}，未销号 ${h.open}，逾期 ${h.overdue}`);
    for (const r of api.rows.filter((x) => message.includes(`· ${x.name}：`))) {
      expect(message).toContain(`· ${r.name}：按期巡查率 ${percent(r.patrols.completionRate)}（${r.patrols.onTime}÷${r.patrols.due}），逾期隐患 ${r.hazards.overdue}`);
    }
    return { api, message };
  };

  it('for a town admin, with its weakest grids first', async () => {
    const { api, message } = await expectSame(s.adminA);
    // Town A, 11-16..11-22: W1 patrolled E3 on 11-20, late (due 11-16 after its 11-09 patrol); E1
    // (due 10-31) and E4 (registered 11-10, never patrolled) were still outstanding. Both grids are at
    // 0%, so the one with more overdue hazards (G1: H1, H10) comes first, as in 统计.
    expect(api.patrols).toEqual({ due: 3, done: 1, onTime: 0, completionRate: 0 });
    expect(message).toContain('按期巡查率 0%');
    expect(message.indexOf(`· ${s.g1.name}：按期巡查率 0%（0÷2），逾期隐患 2`)).toBeGreaterThan(-1);
    expect(message.indexOf(`· ${s.g1.name}：`)).toBeLessThan(message.indexOf(`· ${s.g2.name}：按期巡查率 0%（0÷1），逾期隐患 0`));
  });

  it('for the district admin, over every town', async () => {
    const { api } = await expectSame(s.district);
    expect(api.scope.townId).toBeNull();
  });
});
