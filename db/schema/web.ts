import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { createdAt, instant } from './columns.js';
import { people } from './people.js';

// Sign-in to the pages (web/auth): a chat link carries a single-use ticket that is exchanged for a
// session cookie. Both are random secrets stored only as their sha256, like API tokens.

export const loginTickets = sqliteTable('login_tickets', {
  id: integer('id').primaryKey(),
  personId: integer('person_id').notNull().references(() => people.id),
  ticketHash: text('ticket_hash').notNull(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
  // The page the link opens after sign-in (`/app/hazards/YH…`): kept here, not in the URL, so the
  // link in a WeChat message is short (`PUBLIC_URL/t/<ticket>`).
  nextPath: text('next_path'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('login_tickets_hash_uq').on(t.ticketHash),
  // Issuance is rate-limited by counting a person's recent tickets.
  index('login_tickets_person_idx').on(t.personId, t.createdAt),
]);

export const SESSION_VIA = ['chat', 'dingtalk', 'bootstrap'] as const;

export const webSessions = sqliteTable('web_sessions', {
  id: integer('id').primaryKey(),
  personId: integer('person_id').notNull().references(() => people.id),
  sessionHash: text('session_hash').notNull(),
  via: text('via', { enum: SESSION_VIA }).notNull(),
  lastSeenAt: instant('last_seen_at').notNull(),
  // Absolute expiry; the idle limit is counted from lastSeenAt.
  expiresAt: instant('expires_at').notNull(),
  revokedAt: instant('revoked_at'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('web_sessions_hash_uq').on(t.sessionHash),
  index('web_sessions_person_idx').on(t.personId),
]);
