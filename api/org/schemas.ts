import { z } from '@hono/zod-openapi';
import type { towns, grids, departments } from '../../db/schema/index.js';

// Response shapes of the organisation resources and the row → API mappers.
export const Town = z.object({ id: z.number().int(), name: z.string() }).openapi('Town');
export const Grid = z
  .object({
    id: z.number().int(),
    townId: z.number().int(),
    name: z.string(),
    village: z.string().nullable(),
    workerId: z.number().int().nullable(),
  })
  .openapi('Grid');
export const Department = z
  .object({
    id: z.number().int(),
    name: z.string(),
    keywords: z.array(z.string()),
    industries: z.array(z.string()).openapi({ description: '主管行业（与企业“行业”一致）：这些行业的企业风险等级变更时通知本部门' }),
  })
  .openapi('Department');

export type TownT = z.infer<typeof Town>;
export type GridT = z.infer<typeof Grid>;
export type DepartmentT = z.infer<typeof Department>;

export const toTown = (r: typeof towns.$inferSelect): TownT => ({ id: r.id, name: r.name });
export const toGrid = (r: typeof grids.$inferSelect): GridT => ({
  id: r.id,
  townId: r.townId,
  name: r.name,
  village: r.village,
  workerId: r.workerId,
});
export const toDepartment = (r: typeof departments.$inferSelect): DepartmentT => ({
  id: r.id,
  name: r.name,
  keywords: r.keywords,
  industries: r.industries ?? [],
});

export const OrgName = z.string().trim().min(1, '名称不能为空').max(50, '名称最多 50 个字');
