import { and, eq, ne } from 'drizzle-orm';
import { departments, enterprises, people, towns, type Role } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { conflict, validationFailed } from '../core/errors.js';
import { PEOPLE_MSG } from './messages.js';

/** Roles placed in a town; district admins and departments are district-wide and carry none. */
export const TOWN_ROLES: Role[] = ['worker', 'town_admin'];

export type PersonShape = { role: Role; phone: string | null; townId: number | null; departmentId: number | null; enterpriseId?: number | null };

/**
 * Consistency of a person's role and placement, shared by create and update: a town admin needs a
 * town, a department user a department, and a phone (the import's natural key) is unique.
 */
/** The town of the enterprise an enterprise contact would be bound to (a town admin's reach), or null. */
export async function enterpriseTownOf(db: Db, enterpriseId: number | null | undefined): Promise<number | null> {
  if (enterpriseId == null) return null;
  const ent = await db.select({ townId: enterprises.townId }).from(enterprises).where(eq(enterprises.id, enterpriseId)).get();
  return ent?.townId ?? null;
}

export async function assertPersonShape(db: Db, p: PersonShape, selfId?: number): Promise<void> {
  if (p.role === 'town_admin' && p.townId == null) throw validationFailed(PEOPLE_MSG.townRequired);
  if (p.role === 'department' && p.departmentId == null) throw validationFailed(PEOPLE_MSG.departmentRequired);
  if (p.role !== 'department' && p.departmentId != null) throw validationFailed(PEOPLE_MSG.departmentOnlyForDepartmentRole);
  if (!TOWN_ROLES.includes(p.role) && p.townId != null) throw validationFailed(PEOPLE_MSG.townOnlyForTownRoles);
  // An enterprise contact is bound to exactly one enterprise; nobody else carries one.
  if (p.role === 'enterprise' && p.enterpriseId == null) throw validationFailed(PEOPLE_MSG.enterpriseRequired);
  if (p.role !== 'enterprise' && p.enterpriseId != null) throw validationFailed(PEOPLE_MSG.enterpriseOnlyForEnterpriseRole);
  if (p.enterpriseId != null) {
    const ent = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, p.enterpriseId)).get();
    if (!ent) throw validationFailed(PEOPLE_MSG.enterpriseNotFound);
  }
  if (p.townId != null) {
    const town = await db.select({ id: towns.id }).from(towns).where(eq(towns.id, p.townId)).get();
    if (!town) throw validationFailed(PEOPLE_MSG.townNotFound);
  }
  if (p.departmentId != null) {
    const dept = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, p.departmentId)).get();
    if (!dept) throw validationFailed(PEOPLE_MSG.departmentNotFound);
  }
  if (p.phone != null) {
    const other = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.phone, p.phone), selfId === undefined ? undefined : ne(people.id, selfId)))
      .get();
    if (other) throw conflict(PEOPLE_MSG.phoneTaken(p.phone));
  }
}
