import { randomBytes } from 'node:crypto';
import { and, count, eq, gt } from 'drizzle-orm';
import type { Deps } from '../../api/core/context.js';
import { DomainError } from '../../api/core/errors.js';
import { loginTickets } from '../../db/schema/index.js';
import { sha256Hex } from '../../lib/hash.js';
import { WEB_MSG } from '../messages.js';

/** A ticket is good for ten minutes (the issue's upper bound) and one exchange. */
export const TICKET_TTL_MS = 10 * 60_000;
/** More than this many links in one ticket lifetime is a script or a leak, not a person. */
export const MAX_TICKETS_PER_WINDOW = 5;

export type IssuedTicket = { ticket: string; expiresAt: Date };

/** Only same-site paths: `next` must never send a fresh session to another site. */
export const safeNext = (next: unknown) => (typeof next === 'string' && /^\/app(?:[/?#]|$)/.test(next) ? next : '/app');

/**
 * A single-use sign-in ticket for a person (from chat `登录`, the first-run banner or the demo).
 * The ticket is 128 random bits in hex (no character DingTalk markdown would alter; short enough for a
 * WeChat message), kept only as its sha256: a stolen database yields no usable link, and an unguessable
 * random value stored server-side, spent once and dead in ten minutes, needs no signature to be unforgeable.
 * `next` is the page the link opens after sign-in, stored with the ticket so the URL stays short.
 */
export async function issueLoginTicket(deps: Pick<Deps, 'db' | 'writer'>, personId: number, now: Date, opts: { keep?: number; next?: string } = {}): Promise<IssuedTicket> {
  const since = new Date(now.getTime() - TICKET_TTL_MS);
  const [{ n }] = await deps.db.select({ n: count() }).from(loginTickets)
    .where(and(eq(loginTickets.personId, personId), gt(loginTickets.createdAt, since)));
  // `keep`: links on ordinary replies leave that many tickets for an explicit 登录.
  if (n >= MAX_TICKETS_PER_WINDOW - (opts.keep ?? 0)) throw new DomainError('rate_limited', WEB_MSG.ticketTooMany);
  const ticket = randomBytes(16).toString('hex');
  const expiresAt = new Date(now.getTime() + TICKET_TTL_MS);
  await deps.writer.batch([
    deps.db.insert(loginTickets).values({ personId, ticketHash: sha256Hex(ticket), nextPath: opts.next ? safeNext(opts.next) : null, expiresAt, createdAt: now }),
  ]);
  return { ticket, expiresAt };
}

/** The link a chat reply carries (`PUBLIC_URL/t/<32 hex>`); PUBLIC_URL is where people reach the pages. */
export const ticketUrl = (publicUrl: string, ticket: string) => `${publicUrl.replace(/\/+$/, '')}/t/${ticket}`;
