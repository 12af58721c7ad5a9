import { z } from '@hono/zod-openapi';
import { enterprises } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { requireRole } from '../core/scope.js';
import { uniqueAsConflict } from '../core/unique-violation.js';
import { parseIsoDay, startOfShanghaiDay } from '../../lib/time.js';
import { assertCreditCodeFree } from './credit-code-free.js';
import { getEnterprise } from './get-enterprise.js';
import { ENTERPRISE_MSG } from './messages.js';
import { resolvePlace } from './place.js';
import { pinyinKeys } from './pinyin-keys.js';
import { EnterpriseFields, type EnterpriseView } from './schemas.js';

export const CreateEnterpriseInput = z
  .object({
    ...EnterpriseFields,
    aliases: EnterpriseFields.aliases.default([]),
    townId: z.number().int().positive().optional(),
  })
  .strict()
  .openapi('CreateEnterpriseInput');
export type CreateEnterpriseInputT = z.input<typeof CreateEnterpriseInput>;

/** Registers an enterprise in a grid; town admins in their own town, district admins anywhere. */
export async function createEnterprise(ctx: Ctx, raw: CreateEnterpriseInputT): Promise<EnterpriseView> {
  requireRole(ctx.actor, 'district_admin', 'town_admin');
  const input = CreateEnterpriseInput.parse(raw);
  const place = await resolvePlace(ctx, input.gridId, input.townId);
  if (input.creditCode) await assertCreditCodeFree(ctx, input.creditCode);
  const { townId: _town, registeredOn, ...fields } = input;
  const now = ctx.clock();
  const [[row]] = await uniqueAsConflict(
    ctx.writer.batch([
      ctx.db
        .insert(enterprises)
        .values({
          ...fields,
          ...place,
          aliases: [...new Set(input.aliases)],
          pinyin: pinyinKeys({ name: fields.name, shortName: fields.shortName ?? null, aliases: input.aliases }),
          registeredAt: registeredOn ? startOfShanghaiDay(parseIsoDay(registeredOn)!) : now,
          createdAt: now,
        })
        .returning({ id: enterprises.id }),
    ]),
    ENTERPRISE_MSG.creditCodeTaken(input.creditCode ?? ''),
  );
  return getEnterprise(ctx, row.id);
}
