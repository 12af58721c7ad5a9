import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { chatIdentities, people, type Platform } from '../../db/schema/index.js';

/**
 * The person behind a chat sender, or null when the sender is unbound or the person is inactive.
 * Every incoming chat message goes through here (chat_identities_platform_external_uq).
 */
export async function personForIdentity(db: Db, platform: Platform, externalId: string): Promise<number | null> {
  const row = await db
    .select({ id: people.id })
    .from(chatIdentities)
    .innerJoin(people, eq(people.id, chatIdentities.personId))
    .where(and(eq(chatIdentities.platform, platform), eq(chatIdentities.externalId, externalId), eq(people.active, true)))
    .get();
  return row?.id ?? null;
}
