import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { createdAt, instant } from './columns.js';

export const idempotencyKeys = sqliteTable('idempotency_keys', {
  personId: integer('person_id').notNull(),
  key: text('key').notNull(),
  method: text('method').notNull(),
  path: text('path').notNull(),
  requestHash: text('request_hash').notNull(),
  statusCode: integer('status_code').notNull(),
  responseBody: text('response_body').notNull(),
  // What the request created (e.g. `hazard:42`), written in the same batch as the work: a retry after
  // a crash between that commit and storing the response rebuilds the answer from it.
  resource: text('resource'),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.personId, t.key] })]);

export const receivedMessages = sqliteTable('received_messages', {
  id: integer('id').primaryKey(),
  platform: text('platform').notNull(),
  messageId: text('message_id').notNull(),
  senderExternalId: text('sender_external_id').notNull(),
  receivedAt: instant('received_at').notNull(),
  // The normalised message, so a crash after ACK can be replayed from here.
  payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  status: text('status', { enum: ['received', 'handled', 'failed'] }).notNull(),
  reply: text('reply', { mode: 'json' }).$type<unknown>(),
  handledAt: instant('handled_at'),
  // When the reply was accepted by the platform; a handled message without it is answered after a restart.
  repliedAt: instant('replied_at'),
  // Epoch ms when the delivery now working on the row (handling it or sending its reply) took it;
  // another delivery takes over only once it is stale, with a compare-and-set on this value
  // (bot/inbox/claim.ts): concurrent deliveries of one message, in any process or isolate, answer once.
  claimedAt: integer('claimed_at'),
}, (t) => [
  // Redelivered messages (DingTalk re-sends unacknowledged ones) are recognised here.
  uniqueIndex('received_messages_platform_msg_uq').on(t.platform, t.messageId),
  index('received_messages_status_idx').on(t.status),
]);

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'dropped'] as const;

export const notifications = sqliteTable('notifications', {
  id: integer('id').primaryKey(),
  // e.g. digest:worker:42:2026-11-23 — written before sending, so nothing is sent twice.
  dedupeKey: text('dedupe_key').notNull(),
  personId: integer('person_id'),
  platform: text('platform'),
  // Group target (DingTalk openConversationId / WeChat room id) when not to a person.
  target: text('target'),
  kind: text('kind').notNull(),
  urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
  title: text('title').notNull(),
  text: text('text').notNull(),
  // A chart picture (bot/port.ts ChartPicture) as JSON, sent after the text where the platform shows pictures.
  image: text('image'),
  status: text('status', { enum: NOTIFICATION_STATUSES }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  notBefore: instant('not_before').notNull(),
  // Routine messages not sent by this instant (same Shanghai day, before quiet hours) are dropped.
  expiresAt: instant('expires_at'),
  lastError: text('last_error'),
  sentAt: instant('sent_at'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
  // The sender drains pending messages in order of eligibility.
  index('notifications_status_due_idx').on(t.status, t.notBefore),
  index('notifications_person_idx').on(t.personId, t.createdAt),
]);

export const drafts = sqliteTable('drafts', {
  id: integer('id').primaryKey(),
  // One open draft per person, whatever device or platform they continue from.
  personId: integer('person_id').notNull(),
  intent: text('intent').notNull(),
  slots: text('slots', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  awaiting: text('awaiting'),
  updatedAt: instant('updated_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
}, (t) => [uniqueIndex('drafts_person_uq').on(t.personId)]);

export const jobRuns = sqliteTable('job_runs', {
  job: text('job').notNull(),
  // The Shanghai day (or week/month) this run is for; one completed run per slot.
  slot: text('slot').notNull(),
  startedAt: instant('started_at').notNull(),
  finishedAt: instant('finished_at'),
  result: text('result', { mode: 'json' }).$type<unknown>(),
}, (t) => [primaryKey({ columns: [t.job, t.slot] })]);
