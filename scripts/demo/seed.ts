import { count, eq } from 'drizzle-orm';
import type { Deps, Ctx, Channel } from '../../api/core/context.js';
import { loadActor } from '../../api/core/actor.js';
import { districts, towns, grids, people, departments, enterprises, hazards, patrols } from '../../db/schema/index.js';
import { fixedClock } from '../../lib/clock.js';
import { DAY_MS, shanghaiMidnight } from '../../lib/time.js';
import { createApiToken } from '../../api/people/create-api-token.js';
import { reportHazard } from '../../api/hazards/report.js';
import { assignHazard } from '../../api/hazards/assign.js';
import { rectifyHazard } from '../../api/hazards/rectify.js';
import { reviewHazard } from '../../api/hazards/review.js';
import { whistleHazard } from '../../api/hazards/whistle.js';
import { voidHazard } from '../../api/hazards/void.js';
import { logPatrol } from '../../api/patrols/log.js';
import { DEMO_DISTRICT, DEMO_TOWNS, DEMO_DEPARTMENTS, DEMO_DISTRICT_ADMIN, DEMO_PATROL_AGE, DEMO_HAZARDS, parseEnterpriseLine, type DemoHazardStep } from '../demo-data.js';
import { creditCode } from '../seed/names.js';

export type DemoPerson = { id: number; name: string; token: string };
export type DemoSeed = {
  tokens: { districtAdmin: DemoPerson; townAdmin: DemoPerson; worker: DemoPerson; department: DemoPerson };
  counts: { towns: number; grids: number; enterprises: number; patrols: number; hazards: number };
  /** 华美: the first worker's obvious demo enterprise. */
  demoEnterpriseId: number;
};

/**
 * Seeds the demo district into a migrated, bootstrapped database: the organisation and enterprises
 * as rows, then patrols and hazards through the same verbs the API and chat use, each at its own
 * moment in the past (a clock per step), so the data is what the product itself would have written.
 */
export async function seedDemo(deps: Deps): Promise<DemoSeed> {
  const { db } = deps;
  const now = deps.clock();
  await db.update(districts).set({ name: DEMO_DISTRICT }).where(eq(districts.id, 1));
  const person = async (name: string, role: 'worker' | 'town_admin' | 'district_admin' | 'department', extra: { townId?: number; departmentId?: number } = {}) => {
    const [p] = await db.insert(people).values({ name, role, ...extra, preferredPlatform: 'terminal', createdAt: now }).returning({ id: people.id });
    return p.id;
  };

  const districtAdminId = await person(DEMO_DISTRICT_ADMIN, 'district_admin');
  const departmentIds = new Map<string, { id: number; userId: number }>();
  for (const d of DEMO_DEPARTMENTS) {
    const [row] = await db.insert(departments).values({ name: d.name, keywords: d.keywords, industries: d.industries, createdAt: now }).returning({ id: departments.id });
    departmentIds.set(d.name, { id: row.id, userId: await person(d.user, 'department', { departmentId: row.id }) });
  }
  const byShortName = new Map<string, { id: number; workerId: number; adminId: number }>();
  const firstPeople: { townAdmin?: number; worker?: number } = {};
  let gridCount = 0;
  let entCount = 0;
  for (const town of DEMO_TOWNS) {
    const [t] = await db.insert(towns).values({ districtId: 1, name: town.name, createdAt: now }).returning({ id: towns.id });
    const adminId = await person(town.admin, 'town_admin', { townId: t.id });
    firstPeople.townAdmin ??= adminId;
    for (const g of town.grids) {
      const workerId = await person(g.worker, 'worker', { townId: t.id });
      firstPeople.worker ??= workerId;
      const [grid] = await db.insert(grids).values({ townId: t.id, name: `${g.village}网格`, village: g.village, workerId, createdAt: now }).returning({ id: grids.id });
      gridCount++;
      for (const line of g.enterprises) {
        const e = parseEnterpriseLine(line);
        const [row] = await db.insert(enterprises).values({
          ...e, creditCode: creditCode(9000 + ++entCount, '320405'), address: `${town.name}${g.village}${e.shortName}厂区`,
          gridId: grid.id, townId: t.id, contactName: `${e.shortName}安全员`, contactPhone: `1390519${String(entCount).padStart(4, '0')}`,
          registeredAt: new Date(now.getTime() - 3 * 365 * DAY_MS), createdAt: now,
        }).returning({ id: enterprises.id });
        byShortName.set(e.shortName, { id: row.id, workerId, adminId });
      }
    }
  }

  const at = async (personId: number, when: number, channel: Channel = 'terminal'): Promise<Ctx> => {
    const actor = await loadActor(db, personId);
    if (!actor) throw new Error(`demo person ${personId} missing`);
    return { ...deps, clock: fixedClock(new Date(when)), actor, channel };
  };
  const today = shanghaiMidnight(now).getTime();
  // 10:00 Shanghai on the day `daysAgo` days back (plus any fraction of a day), never later than now.
  const daysAgoAt = (days: number) => Math.min(now.getTime(), today - Math.floor(days) * DAY_MS + 10 * 3_600_000 + (days % 1) * DAY_MS);

  let patrolCount = 0;
  for (const [short, ent] of byShortName) {
    const age = DEMO_PATROL_AGE[short] ?? (ent.id % 9) + 1;
    for (const back of [age + 60, age]) {
      const when = daysAgoAt(back);
      await logPatrol(await at(ent.workerId, when), { enterpriseId: ent.id, result: 'normal', note: '现场检查未发现问题', patrolledAt: new Date(when).toISOString() });
      patrolCount++;
    }
  }

  for (const h of DEMO_HAZARDS) {
    const ent = byShortName.get(h.enterprise);
    if (!ent) throw new Error(`demo hazard for unknown enterprise ${h.enterprise}`);
    const reportedAt = daysAgoAt(h.daysAgo);
    const { hazard } = await reportHazard(await at(ent.workerId, reportedAt), {
      enterpriseId: ent.id, description: h.description, level: h.level, deadlineDays: h.deadlineDays, force: true,
    });
    for (const step of h.steps) await playStep(step, hazard.id, ent, reportedAt + step.at * DAY_MS);
  }

  async function playStep(step: DemoHazardStep, id: number, ent: { workerId: number; adminId: number }, when: number) {
    const ref = { id };
    if (step.action === 'assign') await assignHazard(await at(ent.adminId, when), ref, { deadlineDays: step.deadlineDays });
    if (step.action === 'rectify') await rectifyHazard(await at(ent.workerId, when), ref, { note: step.note });
    if (step.action === 'review') await reviewHazard(await at(ent.workerId, when), ref, { pass: step.pass, reason: step.reason });
    if (step.action === 'void') await voidHazard(await at(ent.adminId, when), ref, { reason: 'false_report', note: '现场核实不属实' });
    if (step.action === 'whistle') {
      await whistleHazard(await at(ent.workerId, when), ref, { departmentId: departmentIds.get(step.department)!.id });
    }
  }

  const fire = departmentIds.get(DEMO_DEPARTMENTS[0].name)!;
  const token = async (id: number, label: string): Promise<DemoPerson> => {
    const [p] = await db.select({ name: people.name }).from(people).where(eq(people.id, id));
    return { id, name: p.name, token: (await createApiToken(deps, id, label)).token };
  };
  return {
    tokens: {
      districtAdmin: await token(districtAdminId, 'demo'),
      townAdmin: await token(firstPeople.townAdmin!, 'demo'),
      worker: await token(firstPeople.worker!, 'demo'),
      department: await token(fire.userId, 'demo'),
    },
    demoEnterpriseId: byShortName.get('华美')!.id,
    counts: { towns: DEMO_TOWNS.length, grids: gridCount, enterprises: entCount, patrols: patrolCount, hazards: DEMO_HAZARDS.length },
  };
}

/**
 * The demo people of a database seeded before (a restarted demo keeps its data): the same four
 * people seedDemo returns, found by role in creation order, each with a fresh token (tokens are
 * stored hashed only, so the earlier ones cannot be shown again). Null when nothing was seeded.
 */
export async function reopenDemo(deps: Deps): Promise<DemoSeed | null> {
  const { db } = deps;
  const first = async (role: 'worker' | 'town_admin' | 'district_admin' | 'department') =>
    (await db.select({ id: people.id }).from(people).where(eq(people.role, role)).orderBy(people.id).limit(1))[0]?.id;
  const [districtAdmin, townAdmin, worker, department] = await Promise.all([first('district_admin'), first('town_admin'), first('worker'), first('department')]);
  const huamei = (await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.shortName, '华美')).limit(1))[0];
  if (!districtAdmin || !townAdmin || !worker || !department || !huamei) return null;
  const token = async (id: number): Promise<DemoPerson> => {
    const [p] = await db.select({ name: people.name }).from(people).where(eq(people.id, id));
    return { id, name: p.name, token: (await createApiToken(deps, id, 'demo')).token };
  };
  const n = async (table: typeof towns | typeof grids | typeof enterprises | typeof patrols | typeof hazards) => (await db.select({ n: count() }).from(table))[0].n;
  return {
    tokens: { districtAdmin: await token(districtAdmin), townAdmin: await token(townAdmin), worker: await token(worker), department: await token(department) },
    demoEnterpriseId: huamei.id,
    counts: { towns: await n(towns), grids: await n(grids), enterprises: await n(enterprises), patrols: await n(patrols), hazards: await n(hazards) },
  };
}
