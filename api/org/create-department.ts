import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { departments } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict } from '../core/errors.js';
import { requireRole } from '../core/scope.js';
import { ORG_MSG } from './messages.js';
import { OrgName, toDepartment, type DepartmentT } from './schemas.js';
import { uniqueAsConflict } from '../core/unique-violation.js';

// Keywords are the short words people whistle with in chat ("消防", "住建").
export const DepartmentKeywords = z.array(z.string().trim().min(1).max(20)).max(20);
// Industries as enterprises carry them (enterprises.industry, the import's 行业 column), matched exactly.
export const DepartmentIndustries = z.array(z.string().trim().min(1, '行业不能为空').max(50, '行业最多 50 个字')).max(50);

export const CreateDepartmentInput = z
  .object({ name: OrgName, keywords: DepartmentKeywords.default([]), industries: DepartmentIndustries.default([]) })
  .strict()
  .openapi('CreateDepartmentInput');
export type CreateDepartmentInputT = z.input<typeof CreateDepartmentInput>;

/** Adds a district-wide department (行业部门); district admins only. */
export async function createDepartment(ctx: Ctx, input: CreateDepartmentInputT): Promise<DepartmentT> {
  requireRole(ctx.actor, 'district_admin');
  const taken = await ctx.db.select({ id: departments.id }).from(departments).where(eq(departments.name, input.name)).get();
  if (taken) throw conflict(ORG_MSG.departmentNameTaken(input.name));
  const [[row]] = await uniqueAsConflict(
    ctx.writer.batch([
      ctx.db
        .insert(departments)
        .values({
          name: input.name, keywords: [...new Set(input.keywords ?? [])], industries: [...new Set(input.industries ?? [])], createdAt: ctx.clock(),
        })
        .returning(),
    ]),
    ORG_MSG.departmentNameTaken(input.name),
  );
  return toDepartment(row);
}
