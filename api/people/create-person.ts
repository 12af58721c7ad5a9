import { z } from '@hono/zod-openapi';
import { people } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { requireRole } from '../core/scope.js';
import { uniqueAsConflict } from '../core/unique-violation.js';
import { assertCanManage } from './access.js';
import { PEOPLE_MSG } from './messages.js';
import { assertPersonShape, enterpriseTownOf } from './person-rules.js';
import { PersonName, Phone, PlatformSchema, RoleSchema, toPerson, type PersonT } from './schemas.js';

export const CreatePersonInput = z
  .object({
    name: PersonName,
    phone: Phone.nullish(),
    role: RoleSchema,
    townId: z.number().int().positive().nullish(),
    departmentId: z.number().int().positive().nullish(),
    /** role enterprise: the enterprise this safety contact speaks for (required, and only then). */
    enterpriseId: z.number().int().positive().nullish(),
    preferredPlatform: PlatformSchema.nullish(),
  })
  .strict()
  .openapi('CreatePersonInput');
export type CreatePersonInputT = z.infer<typeof CreatePersonInput>;

/** Adds a person; a town admin may add workers of their own town (their town is the default). */
export async function createPerson(ctx: Ctx, input: CreatePersonInputT): Promise<PersonT> {
  requireRole(ctx.actor, 'district_admin', 'town_admin');
  const shape = {
    role: input.role,
    phone: input.phone ?? null,
    townId: input.townId ?? (ctx.actor.role === 'town_admin' && input.role !== 'enterprise' ? ctx.actor.townId : null),
    departmentId: input.departmentId ?? null,
    enterpriseId: input.enterpriseId ?? null,
  };
  assertCanManage(ctx.actor, shape, await enterpriseTownOf(ctx.db, shape.enterpriseId));
  await assertPersonShape(ctx.db, shape);
  const [[row]] = await uniqueAsConflict(
    ctx.writer.batch([
      ctx.db
        .insert(people)
        .values({ ...shape, name: input.name, preferredPlatform: input.preferredPlatform ?? null, createdAt: ctx.clock() })
        .returning(),
    ]),
    PEOPLE_MSG.phoneTaken(shape.phone ?? ''),
  );
  return toPerson(row);
}
