import { randomBytes } from 'node:crypto';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../api/core/context.js';
import { DomainError } from '../../api/core/errors.js';
import { loadActor } from '../../api/core/actor.js';
import { loginTickets, webSessions, SESSION_VIA } from '../../db/schema/index.js';
import { sha256Hex } from '../../lib/hash.js';
import { WEB_MSG } from '../messages.js';

type SessionDeps = Pick<Deps, 'db' | 'writer'>;
export type SessionVia = (typeof SESSION_VIA)[number];

/** A session ends after 12 idle hours, and in any case 7 days after sign-in. */
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_MAX_MS = 7 * 24 * 3600_000;
// lastSeenAt is refreshed at most this often: a page view should not cost a write.
const TOUCH_EVERY_MS = 5 * 60_000;

export type OpenedSession = { token: string; personId: number; expiresAt: Date };
export type TicketSession = OpenedSession & { next: string | null };

/** Starts a session for a person; the cookie value is returned once and stored as its sha256. */
export async function openSession(deps: SessionDeps, personId: number, via: SessionVia, now: Date): Promise<OpenedSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
  await deps.writer.batch([
    deps.db.insert(webSessions).values({ personId, sessionHash: sha256Hex(token), via, lastSeenAt: now, expiresAt, createdAt: now }),
  ]);
  return { token, personId, expiresAt };
}

const TICKET_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * Whether a ticket would still be exchanged (unused, unexpired, its person active), without spending
 * it: what the confirm page that a chat app's link preview fetches may know.
 */
export async function ticketUsable(deps: Pick<Deps, 'db'>, ticket: string, now: Date): Promise<boolean> {
  if (!TICKET_SHAPE.test(ticket)) return false;
  const [row] = await deps.db.select({ personId: loginTickets.personId }).from(loginTickets)
    .where(and(eq(loginTickets.ticketHash, sha256Hex(ticket)), isNull(loginTickets.usedAt), gt(loginTickets.expiresAt, now))).limit(1);
  return !!row && !!(await loadActor(deps.db, row.personId));
}

/**
 * Exchanges a chat link's ticket for a session. Marking the ticket used is one conditional UPDATE,
 * so of two concurrent exchanges exactly one wins; expired, used and unknown tickets read the same.
 */
export async function exchangeTicket(deps: SessionDeps, ticket: string, now: Date): Promise<TicketSession> {
  if (!TICKET_SHAPE.test(ticket)) throw new DomainError('unauthorized', WEB_MSG.ticketInvalid);
  const [[won]] = await deps.writer.batch([
    deps.db.update(loginTickets).set({ usedAt: now })
      .where(and(eq(loginTickets.ticketHash, sha256Hex(ticket)), isNull(loginTickets.usedAt), gt(loginTickets.expiresAt, now)))
      .returning({ personId: loginTickets.personId, next: loginTickets.nextPath }),
  ]);
  if (!won) throw new DomainError('unauthorized', WEB_MSG.ticketInvalid);
  // A person deactivated after the link was sent gets nothing.
  if (!(await loadActor(deps.db, won.personId))) throw new DomainError('unauthorized', WEB_MSG.ticketInvalid);
  return { ...(await openSession(deps, won.personId, 'chat', now)), next: won.next };
}

export type SessionActor = { sessionId: number; actor: Actor };

/** The actor behind a session cookie, or null when unknown, revoked, idle too long, expired or the person inactive. */
export async function sessionActor(deps: SessionDeps, token: string, now: Date): Promise<SessionActor | null> {
  if (!token || token.length > 100) return null;
  const [s] = await deps.db.select().from(webSessions).where(eq(webSessions.sessionHash, sha256Hex(token))).limit(1);
  if (!s || s.revokedAt || s.expiresAt.getTime() <= now.getTime() || s.lastSeenAt.getTime() + SESSION_IDLE_MS <= now.getTime()) return null;
  const actor = await loadActor(deps.db, s.personId);
  if (!actor) return null;
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await deps.writer.batch([deps.db.update(webSessions).set({ lastSeenAt: now }).where(eq(webSessions.id, s.id))]);
  }
  return { sessionId: s.id, actor };
}

/** 退出: the session stops working at once. */
export async function revokeSession(deps: SessionDeps, sessionId: number, now: Date): Promise<void> {
  await deps.writer.batch([
    deps.db.update(webSessions).set({ revokedAt: now }).where(and(eq(webSessions.id, sessionId), isNull(webSessions.revokedAt))),
  ]);
}

/**
 * Ends the session behind a cookie value, if any: a browser that signs in as someone else (a shared
 * office PC, a phone handed over) leaves no earlier session alive behind the replaced cookie.
 */
export async function revokeSessionToken(deps: SessionDeps, token: string, now: Date): Promise<void> {
  if (!token || token.length > 100) return;
  await deps.writer.batch([
    deps.db.update(webSessions).set({ revokedAt: now }).where(and(eq(webSessions.sessionHash, sha256Hex(token)), isNull(webSessions.revokedAt))),
  ]);
}

/** Ends every session of a person (deactivation, a lost phone). */
export async function revokePersonSessions(deps: SessionDeps, personId: number, now: Date): Promise<void> {
  await deps.writer.batch([
    deps.db.update(webSessions).set({ revokedAt: now }).where(and(eq(webSessions.personId, personId), isNull(webSessions.revokedAt))),
  ]);
}

/** How many of a person's sessions would still open a page now (not revoked, idle or past the limit). */
export async function liveSessionCount(deps: Pick<Deps, 'db'>, personId: number, now: Date): Promise<number> {
  const [{ n }] = await deps.db.select({ n: count() }).from(webSessions).where(and(
    eq(webSessions.personId, personId), isNull(webSessions.revokedAt), gt(webSessions.expiresAt, now),
    gt(webSessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
  ));
  return n;
}

/** Whether anyone has ever signed in (the first-run banner prints a link only before that). */
export async function anySession(deps: Pick<Deps, 'db'>): Promise<boolean> {
  const rows = await deps.db.all<{ one: number }>(sql`select 1 as one from web_sessions limit 1`);
  return rows.length > 0;
}

/** Per-form CSRF token: derived from the session secret, so only the cookie's holder can know it. */
export const csrfTokenFor = (sessionToken: string) => sha256Hex(`csrf:${sessionToken}`).slice(0, 32);
