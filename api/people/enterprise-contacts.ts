import { and, asc, eq, inArray } from 'drizzle-orm';
import { chatIdentities, enterprises, people, type Platform } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { denyEnterpriseContact } from '../core/enterprise-role.js';
import { notFound } from '../core/errors.js';
import { coversPlace, requireRole } from '../core/scope.js';
import { ENTERPRISE_MSG } from '../enterprises/messages.js';
import { PEOPLE_MSG } from './messages.js';

// The safety contacts of one enterprise, for whoever looks after it on the spot: its grid's worker,
// its town admin, a district admin. They may see who the contacts are and whether their chat is
// bound, and hand a contact a binding code (the hazard page's QR code); nobody else may.

export type EnterpriseContact = { id: number; name: string; phone: string | null; boundPlatforms: Platform[] };

/** The enterprise when the actor covers its place; not_found otherwise (existence is not revealed). */
export async function enterpriseInReach(ctx: Ctx, enterpriseId: number) {
  denyEnterpriseContact(ctx.actor);
  requireRole(ctx.actor, 'district_admin', 'town_admin', 'worker');
  const ent = await ctx.db.select({ id: enterprises.id, gridId: enterprises.gridId, townId: enterprises.townId, name: enterprises.name })
    .from(enterprises).where(eq(enterprises.id, enterpriseId)).get();
  if (!ent || !coversPlace(ctx.actor, ent)) throw notFound(ENTERPRISE_MSG.enterprise);
  return ent;
}

/** Active contacts of an enterprise in the actor's reach, with the platforms each is bound on. */
export async function listEnterpriseContacts(ctx: Ctx, enterpriseId: number): Promise<{ items: EnterpriseContact[] }> {
  await enterpriseInReach(ctx, enterpriseId);
  const rows = await ctx.db.select({ id: people.id, name: people.name, phone: people.phone }).from(people)
    .where(and(eq(people.role, 'enterprise'), eq(people.enterpriseId, enterpriseId), eq(people.active, true))).orderBy(asc(people.id));
  const ids = rows.map((r) => r.id);
  const bound = ids.length
    ? await ctx.db.select({ personId: chatIdentities.personId, platform: chatIdentities.platform }).from(chatIdentities).where(inArray(chatIdentities.personId, ids))
    : [];
  return {
    items: rows.map((r) => ({ ...r, boundPlatforms: bound.filter((b) => b.personId === r.id).map((b) => b.platform as Platform).sort() })),
  };
}

/** An enterprise contact whose enterprise lies in the actor's reach (a worker's grids); not_found otherwise. */
export async function contactInReach(ctx: Ctx, personId: number) {
  const row = await ctx.db.select().from(people).where(eq(people.id, personId)).get();
  if (!row || row.role !== 'enterprise' || row.enterpriseId == null) throw notFound(PEOPLE_MSG.person);
  try {
    await enterpriseInReach(ctx, row.enterpriseId);
  } catch {
    throw notFound(PEOPLE_MSG.person);
  }
  return row;
}
