import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { people } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { validationFailed } from '../core/errors.js';
import { requireRole } from '../core/scope.js';
import { uniqueAsConflict } from '../core/unique-violation.js';
import { assertCanManage } from './access.js';
import { loadManageablePerson } from './load-person.js';
import { PEOPLE_MSG } from './messages.js';
import { TOWN_ROLES, assertPersonShape, enterpriseTownOf } from './person-rules.js';
import { PersonName, Phone, PlatformSchema, RoleSchema, toPerson, type PersonT } from './schemas.js';

export const UpdatePersonInput = z
  .object({
    name: PersonName.optional(),
    phone: Phone.nullable().optional(),
    role: RoleSchema.optional(),
    townId: z.number().int().positive().nullable().optional(),
    departmentId: z.number().int().positive().nullable().optional(),
    enterpriseId: z.number().int().positive().nullable().optional(),
    preferredPlatform: PlatformSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('UpdatePersonInput');
export type UpdatePersonInputT = z.infer<typeof UpdatePersonInput>;

/** Changes a person; both the person as it is and as it would become must be the actor's to manage. */
export async function updatePerson(ctx: Ctx, personId: number, input: UpdatePersonInputT): Promise<PersonT> {
  requireRole(ctx.actor, 'district_admin', 'town_admin');
  const current = await loadManageablePerson(ctx.db, ctx.actor, personId);
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<typeof people.$inferInsert>;
  if (Object.keys(patch).length === 0) throw validationFailed(PEOPLE_MSG.nothingToUpdate);
  if (patch.active === false && personId === ctx.actor.personId) throw validationFailed(PEOPLE_MSG.cannotDeactivateSelf);
  const next = { ...current, ...patch };
  if (input.role !== undefined && input.role !== 'department' && input.departmentId === undefined) next.departmentId = null;
  // District-wide roles have no town: a town left behind would put them in a town admin's reach.
  if (input.role !== undefined && !TOWN_ROLES.includes(input.role) && input.townId === undefined) next.townId = null;
  if (input.role !== undefined && input.role !== 'enterprise' && input.enterpriseId === undefined) next.enterpriseId = null;
  const shape = { role: next.role, phone: next.phone ?? null, townId: next.townId ?? null, departmentId: next.departmentId ?? null, enterpriseId: next.enterpriseId ?? null };
  assertCanManage(ctx.actor, shape, await enterpriseTownOf(ctx.db, shape.enterpriseId));
  await assertPersonShape(ctx.db, shape, personId);
  const [[row]] = await uniqueAsConflict(
    ctx.writer.batch([
      ctx.db.update(people).set({ ...patch, townId: shape.townId, departmentId: shape.departmentId, enterpriseId: shape.enterpriseId }).where(eq(people.id, personId)).returning(),
    ]),
    PEOPLE_MSG.phoneTaken(shape.phone ?? ''),
  );
  return toPerson(row);
}
