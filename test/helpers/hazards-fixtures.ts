import { count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { attachments, hazardDepartments, hazardEvents, hazards } from '../../db/schema/index.js';
import type { HazardLevel, HazardStatus } from '../../db/schema/index.js';
import type { App } from '../../api/app.js';

let seq = 0;

type Auth = { auth: Record<string, string> };

/** JSON POST through the app as a person. */
export function post(app: App, path: string, who: Auth, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { ...who.auth, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function get(app: App, path: string, who: Auth) {
  return app.request(path, { headers: who.auth });
}

/**
 * A hazard row in any status, written directly: the transition matrix needs hazards in states the
 * verbs would take several steps to reach. The code sits on a day no real clock produces.
 */
export async function insertHazard(
  db: Db,
  ent: { id: number; gridId: number; townId: number },
  reporterId: number,
  extra: { status?: HazardStatus; level?: HazardLevel; deadlineAt?: Date | null; description?: string; reportedAt?: Date } = {},
) {
  const n = ++seq;
  const at = extra.reportedAt ?? new Date('2026-11-20T02:00:00Z');
  const [h] = await db
    .insert(hazards)
    .values({
      code: `YH19990101-${String(n).padStart(4, '0')}-${process.pid}`,
      enterpriseId: ent.id, gridId: ent.gridId, townId: ent.townId, reporterId,
      description: extra.description ?? `测试隐患${n}`, level: extra.level ?? 'general', status: extra.status ?? 'reported',
      deadlineAt: extra.deadlineAt ?? null, closedAt: extra.status === 'closed' ? at : null, reportedAt: at, updatedAt: at,
    })
    .returning();
  return h;
}

export async function whistleDirect(db: Db, hazardId: number, departmentId: number, by: number) {
  await db.insert(hazardDepartments).values({ hazardId, departmentId, whistledAt: new Date('2026-11-20T03:00:00Z'), whistledBy: by });
}

/** An uploaded, unattached photo (what api/files/store-photo.ts leaves behind). */
export async function insertPhoto(db: Db, uploaderId: number, extra: { patrolId?: number } = {}) {
  const n = ++seq;
  const sha = n.toString(16).padStart(64, '0');
  const [a] = await db
    .insert(attachments)
    .values({
      sha256: sha, size: 1000 + n, mime: 'image/jpeg', path: `${sha.slice(0, 2)}/${sha}`,
      receivedAt: new Date('2026-11-23T01:59:00Z'), uploaderId, patrolId: extra.patrolId, createdAt: new Date(),
    })
    .returning();
  return a;
}

/** Row counts that must not move when a request is refused. */
export async function hazardCounts(db: Db, hazardId?: number) {
  const [[h], [e], [d]] = await Promise.all([
    db.select({ n: count() }).from(hazards),
    db.select({ n: count() }).from(hazardEvents),
    db.select({ n: count() }).from(hazardDepartments),
  ]);
  const row = hazardId ? await db.select().from(hazards).where(eq(hazards.id, hazardId)).get() : undefined;
  return { hazards: h.n, events: e.n, links: d.n, row };
}

/** POST /v1/hazards and return the hazard view (tests that only care about the result). */
export async function reportVia(app: App, who: Auth, body: Record<string, unknown>) {
  const res = await post(app, '/v1/hazards', who, body);
  return (await res.json()).hazard;
}
