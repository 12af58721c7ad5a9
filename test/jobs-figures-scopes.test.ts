import { describe, it, expect, beforeAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { enterprises, patrols, people } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { ctxFor, makeEnterprise, makeGrid, makePerson, makeTown } from './helpers/fixtures.js';
import { makeStatsWorld, sh } from './helpers/stats-world.js';
import { makeHazard } from './helpers/jobs-fixtures.js';
import { patrolDueAtSql } from '../api/patrols/due-at.js';
import { assessment, DEFAULT_ASSESSMENT_WEIGHTS } from '../api/stats/assessment.js';
import { assessmentRows, assessmentRowsByScope, assessmentWindow } from '../api/stats/assessment-query.js';
import { statsReader } from '../jobs/queries/stats-reader.js';
import { monthlyAssessment } from '../jobs/monthly-assessment.js';
import { weeklySummary } from '../jobs/weekly-summary.js';
import { defaultJobsConfig } from '../jobs/config.js';
import type { Job, PlannedNotification } from '../jobs/types.js';

// The monthly job computes every scope in one grouped pass (assessmentRowsByScope); each scope must
// equal what assessment() gives an admin of that scope, whatever the weights.
describe('assessment for every scope at once', () => {
  let t: Awaited<ReturnType<typeof testDeps>>;
  let s: Awaited<ReturnType<typeof makeStatsWorld>>;
  const now = sh('2026-12-01T09:00');

  beforeAll(async () => {
    t = await testDeps({ now: now.toISOString() });
    s = await makeStatsWorld(t.db);
    // A worker holding grids in both towns, and a retired one whose old work must not be ranked.
    const both = await makePerson(t.db, 'worker', { townId: s.townB.id });
    const gA = await makeGrid(t.db, s.townA.id, both.id);
    const gB = await makeGrid(t.db, s.townB.id, both.id);
    const retired = await makePerson(t.db, 'worker', { townId: s.townA.id });
    for (const [g, at, by] of [[gA, '2026-11-02T10:00', both.id], [gB, '2026-11-03T10:00', both.id], [gA, '2026-11-06T10:00', retired.id]] as const) {
      const e = await makeEnterprise(t.db, g, { class: 'above', riskColor: 'orange', registeredAt: sh('2026-10-01T09:00') });
      await t.db.insert(patrols).values({ enterpriseId: e.id, gridId: e.gridId, townId: e.townId, workerId: by, patrolledAt: sh(at), result: 'normal', createdAt: sh(at), dueAt: patrolDueAtSql(e.id, sh(at)) });
      await t.db.update(enterprises).set({ lastPatrolAt: sh(at) }).where(eq(enterprises.id, e.id));
      await makeHazard(t.db, e, by, { level: 'major', status: 'closed', reportedAt: sh(at) });
    }
    await t.db.update(people).set({ active: false }).where(eq(people.id, retired.id));
  });

  it('equals assessment() for the district and for each town, with the default and other weights', async () => {
    const district = await ctxFor(t.deps, s.district.id);
    const window = assessmentWindow('2026-11', now);
    for (const weights of [DEFAULT_ASSESSMENT_WEIGHTS, { completion: 50, majorBonus: 1, falsePenalty: 3 }]) {
      const all = await assessmentRowsByScope(t.db, window, weights);
      expect(all.district).toEqual((await assessment(district, { month: '2026-11' }, weights)).rows);
      expect(all.district).toEqual(await assessmentRows(t.db, window, null, weights));
      for (const town of [s.townA, s.townB]) {
        const api = (await assessment(district, { month: '2026-11', townId: town.id }, weights)).rows;
        expect(all.towns.get(town.id)).toEqual(api);
        expect(await assessmentRows(t.db, window, town.id, weights)).toEqual(api);
      }
    }
  });

  it('splits a two-town worker by town and sums them for the district; a retired worker is not ranked', async () => {
    const all = await assessmentRowsByScope(t.db, assessmentWindow('2026-11', now), DEFAULT_ASSESSMENT_WEIGHTS);
    const [both] = await t.db.all<{ id: number }>(sql`select id from people where role = 'worker' and active = 1 order by id desc limit 1`);
    const row = (rows: { personId: number }[] | undefined) => rows?.find((r) => r.personId === both.id);
    expect(row(all.towns.get(s.townA.id))).toMatchObject({ patrolsDone: 1, majorVerified: 1 });
    expect(row(all.towns.get(s.townB.id))).toMatchObject({ patrolsDone: 1, majorVerified: 1 });
    expect(row(all.district)).toMatchObject({ patrolsDone: 2, majorVerified: 2 });
    expect(all.district.map((r) => r.name)).not.toContain(undefined);
    expect(all.district).toHaveLength(4);
  });
});

describe('monthly and weekly jobs: who gets a message', () => {
  const capture = async (job: Job, deps: { db: Awaited<ReturnType<typeof testDeps>>['db'] }, now: Date) => {
    const planned: PlannedNotification[] = [];
    await job({ db: deps.db, now, config: defaultJobsConfig, outbox: { enqueue: async (p) => (planned.push(...p), p.length) } });
    return planned;
  };

  it('a town with no workers and an admin without a town get no 考核 or 周报; others do, once per key', async () => {
    const t = await testDeps();
    const s = await makeStatsWorld(t.db);
    const empty = await makePerson(t.db, 'town_admin', { townId: (await makeTown(t.db)).id });
    const homeless = await makePerson(t.db, 'town_admin');
    const monthly = await capture(monthlyAssessment, t, sh('2026-12-01T09:00'));
    expect(monthly.map((p) => p.personId).sort()).toEqual([s.adminA.id, s.adminB.id, s.district.id].sort());
    expect(monthly.find((p) => p.personId === s.adminA.id)!.dedupeKey).toBe(`assessment:${s.adminA.id}:2026-11`);
    const weekly = await capture(weeklySummary, t, sh('2026-11-23T09:00'));
    expect(weekly.map((p) => p.personId)).not.toContain(homeless.id);
    expect(weekly.map((p) => p.personId)).toContain(empty.id); // a town with nothing is still told its week
    expect(weekly.find((p) => p.personId === s.adminB.id)!.dedupeKey).toBe(`weekly:${s.adminB.id}:2026-11-23`);
  });

  it('reads statistics through a context that cannot write', async () => {
    const t = await testDeps();
    const ctx = statsReader(t.db, sh('2026-11-23T09:00'));
    expect(ctx.actor.role).toBe('district_admin');
    expect(ctx.clock()).toEqual(sh('2026-11-23T09:00'));
    await expect(ctx.writer.batch([t.db.insert(people).values({ name: 'x', role: 'worker', createdAt: new Date() })])).rejects.toThrow(/cannot write/);
    expect(await t.db.select().from(people).where(eq(people.name, 'x'))).toEqual([]);
  });
});
