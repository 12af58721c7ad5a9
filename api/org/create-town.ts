import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { districts, towns } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict, validationFailed } from '../core/errors.js';
import { requireRole } from '../core/scope.js';
import { ORG_MSG } from './messages.js';
import { OrgName, toTown, type TownT } from './schemas.js';
import { uniqueAsConflict } from '../core/unique-violation.js';

export const CreateTownInput = z.object({ name: OrgName }).strict().openapi('CreateTownInput');
export type CreateTownInputT = z.infer<typeof CreateTownInput>;

/** Adds a town (镇/街道) to the district; district admins only. */
export async function createTown(ctx: Ctx, input: CreateTownInputT): Promise<TownT> {
  requireRole(ctx.actor, 'district_admin');
  // One deployment serves one district (SPEC §2); its row is created by bootstrapDb.
  const district = await ctx.db.select({ id: districts.id }).from(districts).limit(1).get();
  if (!district) throw validationFailed(ORG_MSG.noDistrict);
  const taken = await ctx.db.select({ id: towns.id }).from(towns).where(eq(towns.name, input.name)).get();
  if (taken) throw conflict(ORG_MSG.townNameTaken(input.name));
  const [[row]] = await uniqueAsConflict(
    ctx.writer.batch([
      ctx.db.insert(towns).values({ districtId: district.id, name: input.name, createdAt: ctx.clock() }).returning(),
    ]),
    ORG_MSG.townNameTaken(input.name),
  );
  return toTown(row);
}
