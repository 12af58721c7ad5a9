import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Role, TokenKind } from '../../db/schema/index.js';
import { MAX_BOUND_PARAMS, SqlText } from '../../db/sql-text.js';
import { batchLoader } from '../../lib/batch-loader.js';
import { sha256Hex } from '../../lib/hash.js';
import type { Actor } from './context.js';

type ActorRow = { id: number; name: string; role: Role; town_id: number | null; department_id: number | null; enterprise_id: number | null; grid_ids: string | null };

// One statement per lookup (person, role and the worker's grids together): actor resolution runs
// on every API call and every chat message, so three round trips here cost more than the verb's writes.
const ACTOR_COLUMNS = `p.id, p.name, p.role, p.town_id, p.department_id, p.enterprise_id,
  (select group_concat(g.id) from grids g where g.worker_id = p.id and p.role = 'worker') as grid_ids`;

function toActor(row: ActorRow): Actor {
  return {
    personId: row.id,
    name: row.name,
    role: row.role,
    townId: row.role === 'town_admin' ? row.town_id : null,
    gridIds: row.grid_ids ? row.grid_ids.split(',').map(Number) : [],
    departmentId: row.role === 'department' ? row.department_id : null,
    enterpriseId: row.role === 'enterprise' ? row.enterprise_id : null,
  };
}

async function actorWhere(db: Db, from: SQL): Promise<Actor | null> {
  // db.all, not db.get: drizzle's libsql get() throws on an empty result for raw SQL.
  const [row] = await db.all<ActorRow>(sql`select ${sql.raw(ACTOR_COLUMNS)} ${from} limit 1`);
  return row ? toActor(row) : null;
}

/** Loads a person as an actor with their scope; null when unknown or inactive. */
export function loadActor(db: Db, personId: number): Promise<Actor | null> {
  return actorWhere(db, sql`from people p where p.id = ${personId} and p.active = 1`);
}

// Many rows by one key column (`k`), at most MAX_BOUND_PARAMS keys per query (D1's limit).
async function rowsByKey<R extends { k: string }, V>(db: Db, head: (q: SqlText) => SqlText, keys: string[], map: (row: R) => V): Promise<Map<string, V>> {
  const found = new Map<string, V>();
  for (let i = 0; i < keys.length; i += MAX_BOUND_PARAMS) {
    const q = head(new SqlText());
    q.list(keys.slice(i, i + MAX_BOUND_PARAMS), ', ', (key) => q.param(key)).raw(')');
    for (const r of await db.all<R>(q.toSQL())) found.set(r.k, map(r));
  }
  return found;
}

/** A bearer token as resolved: its person, and what the caller must check (expiry, kind). */
export type ResolvedToken = { actor: Actor; tokenId: number; kind: TokenKind; expiresAt: Date | null; lastUsedAt: Date | null };
type TokenRow = ActorRow & { token_id: number; token_kind: TokenKind; token_expires_at: number | null; token_last_used_at: number | null };

// Every API request resolves its bearer token; requests that arrive together share one query.
// Expired tokens are returned too, so the caller can say "expired" rather than "unknown".
const tokenLoaders = new WeakMap<Db, (hash: string) => Promise<ResolvedToken | undefined>>();

function tokensByHash(db: Db, hashes: string[]): Promise<Map<string, ResolvedToken>> {
  return rowsByKey(db, (q) => q.raw(`select t.token_hash as k, t.id as token_id, t.kind as token_kind,
    t.expires_at as token_expires_at, t.last_used_at as token_last_used_at, ${ACTOR_COLUMNS}
    from api_tokens t join people p on p.id = t.person_id
    where t.revoked_at is null and p.active = 1 and t.token_hash in (`), hashes, (r: TokenRow & { k: string }) => ({
    actor: toActor(r),
    tokenId: r.token_id,
    kind: r.token_kind,
    expiresAt: r.token_expires_at === null ? null : new Date(r.token_expires_at),
    lastUsedAt: r.token_last_used_at === null ? null : new Date(r.token_last_used_at),
  }));
}

function tokenLoader(db: Db) {
  let load = tokenLoaders.get(db);
  if (!load) {
    load = batchLoader((hashes: string[]) => tokensByHash(db, hashes));
    tokenLoaders.set(db, load);
  }
  return load;
}

/** Resolves a bearer token (stored only as its sha256), expired or not; null when unknown or revoked. */
export async function resolveToken(db: Db, token: string): Promise<ResolvedToken | null> {
  return (await tokenLoader(db)(sha256Hex(token))) ?? null;
}

/** The actor behind a bearer token that is neither revoked nor expired at `now`. */
export async function actorForToken(db: Db, token: string, now: Date = new Date()): Promise<Actor | null> {
  const resolved = await resolveToken(db, token);
  return resolved && !isExpired(resolved, now) ? resolved.actor : null;
}

export const isExpired = (t: Pick<ResolvedToken, 'expiresAt'>, now: Date) => t.expiresAt !== null && t.expiresAt.getTime() <= now.getTime();

/** The active people behind chat identities of one platform, many at once (the bot's sender lookup). */
export function actorsForIdentities(db: Db, platform: string, externalIds: string[]): Promise<Map<string, Actor>> {
  return rowsByKey(db, (q) => q.raw(`select ci.external_id as k, ${ACTOR_COLUMNS}
    from chat_identities ci join people p on p.id = ci.person_id where p.active = 1 and ci.platform = `)
    .word(platform).raw(' and ci.external_id in ('), externalIds, (r: ActorRow & { k: string }) => toActor(r));
}
