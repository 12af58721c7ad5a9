import { z } from '@hono/zod-openapi';
import type { Ctx } from '../core/context.js';
import { forbidden, validationFailed } from '../core/errors.js';
import { TOKEN_KINDS } from '../../db/schema/index.js';
import { createApiToken, MAX_TOKEN_TTL_DAYS, TOKEN_TTL_DAYS, type MintedToken } from './create-api-token.js';
import { loadPerson } from './load-person.js';
import { PEOPLE_MSG } from './messages.js';

export const MintTokenInput = z
  .object({
    label: z.string().trim().max(60).default(''),
    ttlDays: z.number().int().min(1).max(MAX_TOKEN_TTL_DAYS).default(TOKEN_TTL_DAYS)
      .openapi({ description: `有效天数，默认 ${TOKEN_TTL_DAYS} 天` }),
    kind: z.enum(TOKEN_KINDS).default('person')
      .openapi({ description: 'bot：聊天机器人进程代此人调用 API 所用的服务令牌（仅区管理员可签发），只有它可以声明 X-Gridsafe-Channel' }),
  })
  .strict()
  .openapi('MintTokenInput');
export type MintTokenInputT = z.input<typeof MintTokenInput>;

/**
 * A new API token for a person: district admins for anyone, everyone else only for themselves.
 * Bot tokens (the chat bot's service identity for this person) only from district admins.
 */
export async function mintToken(ctx: Ctx, personId: number, input: MintTokenInputT = {}): Promise<MintedToken> {
  if (ctx.actor.role !== 'district_admin' && ctx.actor.personId !== personId) throw forbidden();
  if (input.kind === 'bot' && ctx.actor.role !== 'district_admin') throw forbidden(PEOPLE_MSG.botTokenDistrictOnly);
  const person = await loadPerson(ctx.db, personId);
  if (!person.active) throw validationFailed(PEOPLE_MSG.personInactive);
  return createApiToken(ctx, personId, input.label?.trim() ?? '', { kind: input.kind ?? 'person', ttlDays: input.ttlDays ?? TOKEN_TTL_DAYS });
}
