import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { enterprises, hazardDepartments, hazardEvents, hazards, patrols } from '../../db/schema/index.js';
import type { HazardLevel, HazardStatus } from '../../db/schema/index.js';
import { makeDepartment, makeEnterprise, makeGrid, makePerson, makeTown } from './fixtures.js';
import { patrolDueAtSql } from '../../api/patrols/due-at.js';

/** A Shanghai wall-clock time ("2026-11-05T10:00") as an instant. */
export const sh = (local: string) => new Date(`${local}:00+08:00`);
/** The end (24:00) of a Shanghai day: how deadlines are stored. */
export const endOf = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000);

let codeSeq = 0;

/**
 * A hand-built district for statistics tests (clock: Monday 2026-11-23 10:00 Shanghai). The expected
 * figures in the stats tests are worked out by hand from this data; see the comments there.
 */
export async function makeStatsWorld(db: Db) {
  const townA = await makeTown(db);
  const townB = await makeTown(db);
  const w1 = await makePerson(db, 'worker', { townId: townA.id });
  const w2 = await makePerson(db, 'worker', { townId: townA.id });
  const w3 = await makePerson(db, 'worker', { townId: townB.id });
  const g1 = await makeGrid(db, townA.id, w1.id);
  const g2 = await makeGrid(db, townA.id, w2.id);
  const g3 = await makeGrid(db, townB.id, w3.id);
  const adminA = await makePerson(db, 'town_admin', { townId: townA.id });
  const adminB = await makePerson(db, 'town_admin', { townId: townB.id });
  const district = await makePerson(db, 'district_admin');
  const dept = await makeDepartment(db);
  const deptUser = await makePerson(db, 'department', { departmentId: dept.id });

  const jan1 = sh('2026-01-01T09:00');
  const e1 = await makeEnterprise(db, g1, { class: 'key', riskColor: 'yellow', registeredAt: jan1 });
  const e2 = await makeEnterprise(db, g1, { class: 'above', riskColor: 'blue', registeredAt: jan1 });
  const e3 = await makeEnterprise(db, g1, { class: 'below', riskColor: 'red', registeredAt: sh('2026-11-02T08:00') });
  const e4 = await makeEnterprise(db, g2, { class: 'key', riskColor: 'orange', registeredAt: sh('2026-11-10T08:00') });
  const e5 = await makeEnterprise(db, g2, { class: 'above', riskColor: 'yellow', registeredAt: sh('2026-11-23T08:00') });
  const e6 = await makeEnterprise(db, g2, { class: 'above', riskColor: 'yellow', registeredAt: jan1 });
  const e7 = await makeEnterprise(db, g3, { class: 'key', riskColor: 'yellow', registeredAt: jan1 });

  const patrol = async (e: typeof e1, worker: { id: number }, at: string, note?: string) => {
    // Patrols are inserted in time order per enterprise, so the due day computed at insert is the
    // one logPatrol would store.
    const [p] = await db.insert(patrols).values({
      enterpriseId: e.id, gridId: e.gridId, townId: e.townId, workerId: worker.id, patrolledAt: sh(at), result: 'normal', note, createdAt: sh(at),
      dueAt: patrolDueAtSql(e.id, sh(at)),
    }).returning();
    await db.update(enterprises).set({ lastPatrolAt: sql`max(coalesce(${enterprises.lastPatrolAt}, 0), ${sh(at).getTime()})` }).where(eq(enterprises.id, e.id));
    return p;
  };
  await patrol(e1, w1, '2026-10-01T10:00');
  await patrol(e2, w1, '2026-09-01T10:00');
  await patrol(e2, w1, '2026-11-05T10:00');
  await patrol(e3, w1, '2026-11-02T15:00');
  await patrol(e3, w1, '2026-11-09T18:00');
  await patrol(e3, w1, '2026-11-20T10:00', '复查配电箱');
  await patrol(e6, w2, '2026-09-15T10:00');
  await patrol(e6, w2, '2026-11-01T10:00');
  await patrol(e7, w3, '2026-10-20T10:00');
  await patrol(e7, w3, '2026-11-10T10:00');

  const hazard = async (
    e: typeof e1, reporter: { id: number }, o: { level?: HazardLevel; status: HazardStatus; reported: string; deadline?: string; closed?: string; description?: string },
  ) => {
    const [h] = await db.insert(hazards).values({
      code: `YH20261100-${String(++codeSeq).padStart(4, '0')}`, enterpriseId: e.id, gridId: e.gridId, townId: e.townId, reporterId: reporter.id,
      description: o.description ?? `隐患${codeSeq}`, level: o.level ?? 'general', status: o.status,
      deadlineAt: o.deadline ? endOf(o.deadline) : null, reportedAt: sh(o.reported), closedAt: o.closed ? sh(o.closed) : null, updatedAt: sh(o.reported),
    }).returning();
    return h;
  };
  const h1 = await hazard(e1, w1, { status: 'rectifying', reported: '2026-11-10T10:00', deadline: '2026-11-20', description: '配电箱未接地' });
  const h2 = await hazard(e2, w1, { level: 'major', status: 'reported', reported: '2026-11-15T10:00', description: '消防通道堵塞' });
  const h3 = await hazard(e3, w1, { status: 'closed', reported: '2026-11-03T10:00', deadline: '2026-11-10', closed: '2026-11-08T16:00' });
  const h4 = await hazard(e3, w1, { status: 'closed', reported: '2026-10-20T10:00', deadline: '2026-10-25', closed: '2026-11-05T09:00' });
  const h5 = await hazard(e4, w2, { status: 'void', reported: '2026-11-12T10:00' });
  const h6 = await hazard(e6, w2, { level: 'major', status: 'review', reported: '2026-10-01T10:00', deadline: '2026-12-31' });
  const h7 = await hazard(e7, w3, { status: 'rectifying', reported: '2026-11-20T10:00', deadline: '2026-11-22' });
  const h8 = await hazard(e3, w1, { level: 'major', status: 'rectifying', reported: '2026-11-18T10:00', deadline: '2026-12-18' });
  const h9 = await hazard(e1, w1, { status: 'void', reported: '2026-11-13T10:00' });
  const h10 = await hazard(e2, w1, { status: 'rectifying', reported: '2026-11-01T10:00', deadline: '2026-11-05' });

  const voidEvent = (h: { id: number }, reason: string) => db.insert(hazardEvents).values({
    hazardId: h.id, action: 'void', fromStatus: 'reported', toStatus: 'void', actorId: adminA.id, at: sh('2026-11-14T10:00'), data: { reason }, channel: 'api',
  });
  await voidEvent(h5, 'false_report');
  await voidEvent(h9, 'duplicate');
  await db.insert(hazardEvents).values({
    hazardId: h3.id, action: 'rectify', fromStatus: 'rectifying', toStatus: 'review', actorId: w1.id, at: sh('2026-11-07T11:30'), channel: 'api',
  });
  await db.insert(hazardDepartments).values({ hazardId: h2.id, departmentId: dept.id, whistledAt: sh('2026-11-15T11:00'), whistledBy: adminA.id });

  return {
    townA, townB, w1, w2, w3, g1, g2, g3, adminA, adminB, district, dept, deptUser,
    e1, e2, e3, e4, e5, e6, e7, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10,
  };
}
