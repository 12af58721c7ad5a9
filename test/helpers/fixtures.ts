import { people, towns, grids, departments, enterprises, apiTokens } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import type { Role, EnterpriseClass, RiskColor } from '../../db/schema/index.js';
import { newApiToken, sha256Hex } from '../../lib/hash.js';
import { loadActor } from '../../api/core/actor.js';
import type { Ctx, Channel } from '../../api/core/context.js';
import type { Deps } from '../../api/core/context.js';

let seq = 0;
const uniq = (p: string) => `${p}${++seq}`;

export async function makeTown(db: Db, name = uniq('测试镇')) {
  const [t] = await db.insert(towns).values({ districtId: 1, name, createdAt: new Date() }).returning();
  return t;
}

export async function makePerson(db: Db, role: Role, extra: { townId?: number; departmentId?: number; name?: string } = {}) {
  const [p] = await db
    .insert(people)
    .values({ name: extra.name ?? uniq('人员'), role, townId: extra.townId, departmentId: extra.departmentId, createdAt: new Date() })
    .returning();
  const token = newApiToken();
  await db.insert(apiTokens).values({ personId: p.id, tokenHash: sha256Hex(token), createdAt: new Date() });
  return { ...p, token, auth: { authorization: `Bearer ${token}` } };
}

export async function makeGrid(db: Db, townId: number, workerId?: number, name = uniq('网格')) {
  const [g] = await db.insert(grids).values({ townId, name, workerId, createdAt: new Date() }).returning();
  return g;
}

export async function makeDepartment(db: Db, name = uniq('部门'), keywords: string[] = []) {
  const [d] = await db.insert(departments).values({ name, keywords, createdAt: new Date() }).returning();
  return d;
}

export async function makeEnterprise(
  db: Db,
  grid: { id: number; townId: number },
  extra: { name?: string; shortName?: string; aliases?: string[]; class?: EnterpriseClass; riskColor?: RiskColor; registeredAt?: Date } = {},
) {
  const [e] = await db
    .insert(enterprises)
    .values({
      name: extra.name ?? uniq('测试企业有限公司'),
      shortName: extra.shortName,
      aliases: extra.aliases ?? [],
      gridId: grid.id,
      townId: grid.townId,
      class: extra.class ?? 'above',
      riskColor: extra.riskColor ?? 'yellow',
      registeredAt: extra.registeredAt ?? new Date('2026-01-01T00:00:00Z'),
      createdAt: new Date(),
    })
    .returning();
  return e;
}

/**
 * A small world for scope tests: two towns, each with two grids and workers, a town admin each,
 * a district admin, a department user, and an enterprise per grid.
 */
export async function makeWorld(db: Db) {
  const townA = await makeTown(db);
  const townB = await makeTown(db);
  const workerA1 = await makePerson(db, 'worker', { townId: townA.id });
  const workerA2 = await makePerson(db, 'worker', { townId: townA.id });
  const workerB1 = await makePerson(db, 'worker', { townId: townB.id });
  const gridA1 = await makeGrid(db, townA.id, workerA1.id);
  const gridA2 = await makeGrid(db, townA.id, workerA2.id);
  const gridB1 = await makeGrid(db, townB.id, workerB1.id);
  const adminA = await makePerson(db, 'town_admin', { townId: townA.id });
  const adminB = await makePerson(db, 'town_admin', { townId: townB.id });
  const district = await makePerson(db, 'district_admin');
  const fireDept = await makeDepartment(db, uniq('消防救援大队'), ['消防']);
  const deptUser = await makePerson(db, 'department', { departmentId: fireDept.id });
  const entA1 = await makeEnterprise(db, gridA1, { class: 'key', riskColor: 'yellow' });
  const entA2 = await makeEnterprise(db, gridA2);
  const entB1 = await makeEnterprise(db, gridB1, { riskColor: 'red' });
  return { townA, townB, workerA1, workerA2, workerB1, gridA1, gridA2, gridB1, adminA, adminB, district, fireDept, deptUser, entA1, entA2, entB1 };
}

/** A verb context acting as the given person. */
export async function ctxFor(deps: Deps, personId: number, channel: Channel = 'api'): Promise<Ctx> {
  const actor = await loadActor(deps.db, personId);
  if (!actor) throw new Error(`no actor ${personId}`);
  return { ...deps, actor, channel };
}
