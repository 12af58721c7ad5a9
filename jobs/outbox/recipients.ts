import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { chatIdentities, people } from '../../db/schema/index.js';
import type { ChatPlatform } from '../../bot/port.js';

export type Route = { platform: ChatPlatform; userId: string };
/** Where each person is reached: every identity, preferred platform first. */
export type Routes = Map<number, Route[]>;

export async function loadRoutes(db: Db, personIds: number[]): Promise<Routes> {
  const routes: Routes = new Map();
  const ids = [...new Set(personIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const prefs = new Map(
      (await db.select({ id: people.id, p: people.preferredPlatform }).from(people).where(inArray(people.id, chunk))).map((r) => [r.id, r.p]),
    );
    const rows = await db
      .select({ personId: chatIdentities.personId, platform: chatIdentities.platform, externalId: chatIdentities.externalId })
      .from(chatIdentities)
      .where(inArray(chatIdentities.personId, chunk))
      .orderBy(chatIdentities.id);
    for (const r of rows) {
      const list = routes.get(r.personId) ?? routes.set(r.personId, []).get(r.personId)!;
      list.push({ platform: r.platform, userId: r.externalId });
    }
    for (const [pid, list] of routes) {
      const pref = prefs.get(pid);
      if (pref) list.sort((a, b) => Number(b.platform === pref) - Number(a.platform === pref));
    }
  }
  return routes;
}

/** The one route a message takes: the first (preferred) identity whose platform can send now. */
export function pickRoute(routes: Route[] | undefined, canSend: (p: ChatPlatform) => boolean): Route | null | 'unreachable' {
  if (!routes?.length) return 'unreachable';
  return routes.find((r) => canSend(r.platform)) ?? null;
}
