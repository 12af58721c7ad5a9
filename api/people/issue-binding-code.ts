import type { Ctx } from '../core/context.js';
import { validationFailed } from '../core/errors.js';
import { requireRole } from '../core/scope.js';
import { createBindingCode } from './create-binding-code.js';
import { loadManageablePerson } from './load-person.js';
import { contactInReach } from './enterprise-contacts.js';
import { PEOPLE_MSG } from './messages.js';

export type IssuedBindingCode = { personId: number; code: string; expiresAt: Date };

/**
 * An admin issues a one-time 10-digit code that the person sends to the bot (`绑定 3917482913`)
 * from WeChat or DingTalk, valid BINDING_CODE_TTL_DAYS days. The plaintext is returned once and
 * only its HMAC is stored. A grid worker may issue one only for the safety contact of an enterprise
 * in their grids (handed over on the spot, e.g. as the hazard page's QR code).
 */
export async function issueBindingCode(ctx: Ctx, personId: number): Promise<IssuedBindingCode> {
  requireRole(ctx.actor, 'district_admin', 'town_admin', 'worker');
  const person = ctx.actor.role === 'worker' ? await contactInReach(ctx, personId) : await loadManageablePerson(ctx.db, ctx.actor, personId);
  if (!person.active) throw validationFailed(PEOPLE_MSG.personInactive);
  const { code, expiresAt } = await createBindingCode(ctx, personId);
  return { personId, code, expiresAt };
}
