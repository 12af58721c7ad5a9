import { asc } from 'drizzle-orm';
import { departments } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { toDepartment, type DepartmentT } from './schemas.js';

/**
 * Every department with its keywords: anyone may read them, since a worker whistles a hazard to
 * a department by name and the list is short (a district has a dozen or two).
 */
export async function listDepartments(ctx: Ctx): Promise<{ items: DepartmentT[] }> {
  const rows = await ctx.db.select().from(departments).orderBy(asc(departments.name));
  return { items: rows.map(toDepartment) };
}
