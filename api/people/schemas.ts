import { z } from '@hono/zod-openapi';
import { PLATFORMS, ROLES, type people } from '../../db/schema/index.js';

// Response shapes and shared field rules of the people resources.
export const Phone = z.string().trim().regex(/^1\d{10}$/, '手机号应为 11 位数字');
export const PersonName = z.string().trim().min(1, '姓名不能为空').max(30, '姓名最多 30 个字');
export const RoleSchema = z.enum(ROLES);
export const PlatformSchema = z.enum(PLATFORMS);

export const Identity = z.object({ platform: PlatformSchema, externalId: z.string() }).openapi('ChatIdentity');

export const Person = z
  .object({
    id: z.number().int(),
    name: z.string(),
    phone: z.string().nullable(),
    role: RoleSchema,
    townId: z.number().int().nullable(),
    departmentId: z.number().int().nullable(),
    enterpriseId: z.number().int().nullable(),
    preferredPlatform: PlatformSchema.nullable(),
    active: z.boolean(),
  })
  .openapi('Person');
export type PersonT = z.infer<typeof Person>;

export const PersonDetail = Person.extend({
  identities: z.array(Identity),
  gridIds: z.array(z.number().int()),
}).openapi('PersonDetail');
export type PersonDetailT = z.infer<typeof PersonDetail>;

export const toPerson = (r: typeof people.$inferSelect): PersonT => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  role: r.role,
  townId: r.townId,
  departmentId: r.departmentId,
  enterpriseId: r.enterpriseId,
  preferredPlatform: r.preferredPlatform,
  active: r.active,
});
