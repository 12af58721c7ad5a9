import { eq } from 'drizzle-orm';
import { serverSettings } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import type { Deps } from '../core/context.js';
import { hmacSha256Hex, newServerSecret } from '../../lib/hash.js';

const SECRET_KEY = 'binding_code_secret';
const kept = new WeakMap<Db, Promise<string>>();

/**
 * The secret binding codes are HMACed with: GRIDSAFE_SECRET when configured (then a copy of the
 * database alone is not enough to try codes offline), else one generated on the first start and
 * kept in `server_settings`, so the API, the bots and a second process on the same database agree.
 * The first writer wins: concurrent first starts insert-or-ignore and all read the one row back.
 */
export function bindingSecret(deps: Pick<Deps, 'db' | 'clock' | 'secret'>): Promise<string> {
  if (deps.secret) return Promise.resolve(deps.secret);
  let secret = kept.get(deps.db);
  if (!secret) {
    secret = keptSecret(deps.db, deps.clock());
    // A failed read (database down) is retried by the next caller rather than remembered.
    secret.catch(() => kept.delete(deps.db));
    kept.set(deps.db, secret);
  }
  return secret;
}

async function keptSecret(db: Db, now: Date): Promise<string> {
  await db.insert(serverSettings).values({ key: SECRET_KEY, value: newServerSecret(), createdAt: now }).onConflictDoNothing();
  const row = await db.select({ value: serverSettings.value }).from(serverSettings).where(eq(serverSettings.key, SECRET_KEY)).get();
  if (!row) throw new Error('binding secret missing after insert');
  return row.value;
}

/** What is stored for a code: HMAC-SHA256 under the server secret, never the code or its plain hash. */
export async function bindingCodeHash(deps: Pick<Deps, 'db' | 'clock' | 'secret'>, code: string): Promise<string> {
  return hmacSha256Hex(await bindingSecret(deps), `binding-code:${code}`);
}
