import type { Db } from '../../db/client.js';
import type { Actor } from '../../api/core/context.js';
import { actorsForIdentities } from '../../api/core/actor.js';
import { batchLoader } from '../../lib/batch-loader.js';
import type { ChatPlatform } from '../port.js';

/** `dingtalk:staff0123` → the platform's own id, or null when the prefix is not this platform's. */
export function externalIdOf(platform: ChatPlatform, senderId: string): string | null {
  const prefix = `${platform}:`;
  if (!senderId.startsWith(prefix)) return null;
  const id = senderId.slice(prefix.length);
  return id.length > 0 && id.length <= 200 ? id : null;
}

// Per database handle and platform: the senders of the messages that arrive in one turn share a query.
const loaders = new WeakMap<Db, Map<ChatPlatform, (externalId: string) => Promise<Actor | undefined>>>();

function loaderFor(db: Db, platform: ChatPlatform) {
  const byPlatform = loaders.get(db) ?? loaders.set(db, new Map()).get(db)!;
  let load = byPlatform.get(platform);
  if (!load) {
    // Resolving the sender ran two statements per message; now the turn's senders share one.
    load = batchLoader((ids: string[]) => actorsForIdentities(db, platform, ids));
    byPlatform.set(platform, load);
  }
  return load;
}

/** The bound, active person behind a chat identity, as an actor; null for strangers. */
export async function resolveSender(db: Db, platform: ChatPlatform, senderId: string): Promise<Actor | null> {
  const externalId = externalIdOf(platform, senderId);
  if (!externalId) return null;
  return (await loaderFor(db, platform)(externalId)) ?? null;
}
