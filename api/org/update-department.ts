import { z } from '@hono/zod-openapi';
import { and, eq, ne } from 'drizzle-orm';
import { departments } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict, notFound, validationFailed } from '../core/errors.js';
import { requireRole } from '../core/scope.js';
import { DepartmentIndustries, DepartmentKeywords } from './create-department.js';
import { ORG_MSG } from './messages.js';
import { OrgName, toDepartment, type DepartmentT } from './schemas.js';
import { uniqueAsConflict } from '../core/unique-violation.js';

export const UpdateDepartmentInput = z
  .object({ name: OrgName.optional(), keywords: DepartmentKeywords.optional(), industries: DepartmentIndustries.optional() })
  .strict()
  .openapi('UpdateDepartmentInput');
export type UpdateDepartmentInputT = z.infer<typeof UpdateDepartmentInput>;

/** Renames a department or replaces its chat keywords or supervised industries; district admins only. */
export async function updateDepartment(ctx: Ctx, departmentId: number, input: UpdateDepartmentInputT): Promise<DepartmentT> {
  requireRole(ctx.actor, 'district_admin');
  const dept = await ctx.db.select().from(departments).where(eq(departments.id, departmentId)).get();
  if (!dept) throw notFound(ORG_MSG.department);
  if (input.name === undefined && input.keywords === undefined && input.industries === undefined) throw validationFailed(ORG_MSG.nothingToUpdate);
  if (input.name !== undefined) {
    const taken = await ctx.db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.name, input.name), ne(departments.id, departmentId)))
      .get();
    if (taken) throw conflict(ORG_MSG.departmentNameTaken(input.name));
  }
  const patch = {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.keywords === undefined ? {} : { keywords: [...new Set(input.keywords)] }),
    ...(input.industries === undefined ? {} : { industries: [...new Set(input.industries)] }),
  };
  const [[row]] = await uniqueAsConflict(
    ctx.writer.batch([ctx.db.update(departments).set(patch).where(eq(departments.id, departmentId)).returning()]),
    ORG_MSG.departmentNameTaken(input.name ?? dept.name),
  );
  return toDepartment(row);
}
