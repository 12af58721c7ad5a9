import type { Db } from '../../db/client.js';
import type { Actor } from '../../api/core/context.js';
import { loadActor } from '../../api/core/actor.js';
import { personForIdentity } from '../../api/people/identity.js';
import type { ChatPlatform } from '../port.js';

/** `dingtalk:staff0123` → the platform's own id, or null when the prefix is not this platform's. */
export function externalIdOf(platform: ChatPlatform, senderId: string): string | null {
  const prefix = `${platform}:`;
  if (!senderId.startsWith(prefix)) return null;
  const id = senderId.slice(prefix.length);
  return id.length > 0 && id.length <= 200 ? id : null;
}

/** The bound, active person behind a chat identity, as an actor; null for strangers. */
export async function resolveSender(db: Db, platform: ChatPlatform, senderId: string): Promise<Actor | null> {
  const externalId = externalIdOf(platform, senderId);
  if (!externalId) return null;
  const personId = await personForIdentity(db, platform, externalId);
  return personId == null ? null : loadActor(db, personId);
}
