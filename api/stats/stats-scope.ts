import { denyEnterpriseContact } from '../core/enterprise-role.js';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { departments, grids, towns } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { forbidden, notFound } from '../core/errors.js';
import { MSG } from './messages.js';

/**
 * Where a statistics question applies, resolved from the actor and the optional town/grid asked
 * about. The filters are raw SQL over table aliases (e = enterprises, p = patrols, h = hazards)
 * because the statistics are hand-written GROUP BY queries.
 */
export type StatsScope = {
  label: string;
  townId: number | null;
  gridId: number | null;
  /** The column rows are broken down by, or null for a single place. */
  breakdown: 'town' | 'grid' | null;
  /** No place filter at all (district admin, whole district): enterprise counts may use dueArmsSql. */
  wholeDistrict: boolean;
  /**
   * When the scope is exactly one town's rows or the whole district's (no department filter), the
   * town the per-town rollups (stats_daily) can answer for, null for all towns; else undefined.
   */
  rollupTown?: number | null;
  /** Equal keys mean equal filters, hence equal figures (identical concurrent summaries coalesce on it). */
  key: string;
  /** The places of the breakdown, in display order (zero rows included). */
  groups: { id: number; name: string }[];
  where: (alias: 'e' | 'p' | 'h') => SQL;
};

const none = sql`0 = 1`;
const ids = (list: number[]) => sql.join(list.map((id) => sql`${id}`), sql`, `);
const col = (alias: string, name: string) => sql.raw(`${alias}.${name}`);

export async function resolveStatsScope(ctx: Ctx, q: { townId?: number; gridId?: number }): Promise<StatsScope> {
  const { actor, db } = ctx;
  denyEnterpriseContact(actor);
  const grid = q.gridId ? await db.select().from(grids).where(eq(grids.id, q.gridId)).get() : undefined;
  if (q.gridId && !grid) throw notFound(MSG.grid);
  const townId = q.townId ?? grid?.townId;
  if (grid && q.townId && grid.townId !== q.townId) throw notFound(MSG.grid);
  const town = townId ? await db.select().from(towns).where(eq(towns.id, townId)).get() : undefined;
  if (townId && !town) throw notFound(MSG.town);

  if (actor.role === 'worker') {
    if (q.townId || (grid && !actor.gridIds.includes(grid.id))) throw forbidden(MSG.workerOnlyOwnGrids);
  } else if (actor.role === 'town_admin') {
    if (actor.townId == null || (town && town.id !== actor.townId)) throw forbidden(MSG.townAdminOnlyOwnTown);
  }

  const deptFilter = (alias: string) => actor.role !== 'department' ? undefined : alias !== 'h' || actor.departmentId == null
    ? none
    : sql`exists (select 1 from hazard_departments hd where hd.hazard_id = h.id and hd.department_id = ${actor.departmentId})`;
  const dept = actor.role === 'department' && actor.departmentId
    ? await db.select({ name: departments.name }).from(departments).where(eq(departments.id, actor.departmentId)).get()
    : undefined;

  const key = (place: string) => actor.role === 'department' ? `${place}|dept:${actor.departmentId ?? '-'}` : place;

  if (grid) {
    return { label: `${town!.name}${grid.name}`, townId: grid.townId, gridId: grid.id, breakdown: null, groups: [], wholeDistrict: false, key: key(`grid:${grid.id}`),
      where: (a) => and(sql`${col(a, 'grid_id')} = ${grid.id}`, deptFilter(a))! };
  }
  const ownTown = actor.role === 'town_admin' ? actor.townId : null;
  const scopeTownId = town?.id ?? ownTown;
  if (scopeTownId != null) {
    const name = town?.name ?? (await db.select({ name: towns.name }).from(towns).where(eq(towns.id, scopeTownId)).get())?.name ?? '';
    const groups = await db.select({ id: grids.id, name: grids.name }).from(grids).where(eq(grids.townId, scopeTownId)).orderBy(grids.id);
    return { label: name, townId: scopeTownId, gridId: null, breakdown: 'grid', groups, wholeDistrict: false, key: key(`town:${scopeTownId}`),
      rollupTown: actor.role === 'department' ? undefined : scopeTownId,
      where: (a) => and(sql`${col(a, 'town_id')} = ${scopeTownId}`, deptFilter(a))! };
  }
  if (actor.role === 'worker') {
    const groups = actor.gridIds.length
      ? await db.select({ id: grids.id, name: grids.name }).from(grids).where(inArray(grids.id, actor.gridIds)).orderBy(grids.id)
      : [];
    return { label: MSG.myGrids, townId: null, gridId: null, breakdown: 'grid', groups, wholeDistrict: false, key: `grids:${actor.gridIds.join(',')}`,
      where: (a) => actor.gridIds.length ? sql`${col(a, 'grid_id')} in (${ids(actor.gridIds)})` : none };
  }
  const groups = await db.select({ id: towns.id, name: towns.name }).from(towns).orderBy(towns.id);
  const label = actor.role === 'department' ? MSG.department(dept?.name ?? '') : MSG.district;
  const wholeDistrict = actor.role === 'district_admin';
  return { label, townId: null, gridId: null, breakdown: 'town', groups, wholeDistrict, rollupTown: wholeDistrict ? null : undefined, key: key('district'),
    where: (a) => deptFilter(a) ?? sql`1 = 1` };
}

/** The GROUP BY key for a breakdown (a constant when there is none). */
export const groupKey = (scope: StatsScope, alias: 'e' | 'p' | 'h'): SQL =>
  scope.breakdown === 'town' ? col(alias, 'town_id') : scope.breakdown === 'grid' ? col(alias, 'grid_id') : sql`0`;
