import { eq, and, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people, grids, apiTokens } from '../../db/schema/index.js';
import { sha256Hex } from '../../lib/hash.js';
import type { Actor } from './context.js';

/** Loads a person as an actor with their scope; null when unknown or inactive. */
export async function loadActor(db: Db, personId: number): Promise<Actor | null> {
  const person = await db.query.people.findFirst({ where: and(eq(people.id, personId), eq(people.active, true)) });
  if (!person) return null;
  const held = person.role === 'worker'
    ? await db.select({ id: grids.id }).from(grids).where(eq(grids.workerId, person.id))
    : [];
  return {
    personId: person.id,
    name: person.name,
    role: person.role,
    townId: person.role === 'town_admin' ? person.townId : null,
    gridIds: held.map((g) => g.id),
    departmentId: person.role === 'department' ? person.departmentId : null,
  };
}

/** Resolves a bearer token (stored only as its sha256) to an actor. */
export async function actorForToken(db: Db, token: string): Promise<Actor | null> {
  const row = await db
    .select({ personId: apiTokens.personId })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt)))
    .get();
  return row ? loadActor(db, row.personId) : null;
}
