import { sqliteTable, integer, text, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { createdAt, instant } from './columns.js';
import { enterprises, checkItems } from './enterprises.js';
import { people } from './people.js';
import { departments } from './org.js';

export const HAZARD_LEVELS = ['general', 'major'] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];
export const HAZARD_STATUSES = ['reported', 'rectifying', 'review', 'closed', 'void'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];
export const OPEN_STATUSES: HazardStatus[] = ['reported', 'rectifying', 'review'];
export const HAZARD_ACTIONS = ['report', 'assign', 'rectify', 'review_pass', 'review_fail', 'void', 'whistle', 'acknowledge', 'attach', 'correct'] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

// Inserts, updates and deletes also maintain stats_daily through triggers (migration 0004).
export const hazards = sqliteTable('hazards', {
  id: integer('id').primaryKey(),
  // YH<yyyymmdd>-<nnnn>, the day in Asia/Shanghai, sequence from hazard_code_counters.
  code: text('code').notNull(),
  enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
  // Denormalised from the enterprise at report time for scope checks and statistics without joins.
  gridId: integer('grid_id').notNull(),
  townId: integer('town_id').notNull(),
  reporterId: integer('reporter_id').notNull().references(() => people.id),
  patrolId: integer('patrol_id'),
  sourcePlatform: text('source_platform'),
  sourceMessageId: text('source_message_id'),
  description: text('description').notNull(),
  checkItemId: integer('check_item_id').references(() => checkItems.id),
  level: text('level', { enum: HAZARD_LEVELS }).notNull(),
  status: text('status', { enum: HAZARD_STATUSES }).notNull(),
  // End of the deadline day in Asia/Shanghai as a UTC instant. Overdue is derived: open and deadline < now.
  deadlineAt: instant('deadline_at'),
  responsible: text('responsible'),
  duplicateOfId: integer('duplicate_of_id'),
  lat: real('lat'),
  lng: real('lng'),
  reportedAt: instant('reported_at').notNull(),
  closedAt: instant('closed_at'),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [
  uniqueIndex('hazards_code_uq').on(t.code),
  // A chat message creates at most one hazard (redelivery safety on top of received_messages).
  uniqueIndex('hazards_source_uq').on(t.sourcePlatform, t.sourceMessageId),
  // Open hazards by deadline: digests (deadline ≤ 2 days), escalation (overdue ≥ 3/7 days), 逾期.
  // level and town_id make it covering for the district-wide 统计 snapshot (open / overdue / major
  // open per town) and 重大隐患, so those never touch the table.
  index('hazards_status_deadline_idx').on(t.status, t.deadlineAt, t.level, t.townId),
  // Town-scoped 统计 snapshot, 逾期 and 重大隐患 lists, and 我的任务 for town admins (reported awaiting
  // assignment, major reviews): covering, grouped by grid without table reads.
  index('hazards_town_status_idx').on(t.townId, t.status, t.deadlineAt, t.level, t.gridId),
  // Town-scoped lists and "found in period" statistics per grid (status to drop voided ones).
  index('hazards_town_reported_idx').on(t.townId, t.reportedAt, t.status, t.gridId),
  // Worker scope: 我的任务 / digest (open hazards of my grids by deadline, general reviews), grid 统计.
  // Without it the planner walks every open hazard of the district through hazards_status_deadline_idx.
  index('hazards_grid_status_idx').on(t.gridId, t.status, t.deadlineAt, t.level),
  // Duplicate guard and enterprise page: open hazards of one enterprise.
  index('hazards_enterprise_status_idx').on(t.enterpriseId, t.status),
  // District-wide "closed in period" (closed on time needs deadline_at; closed_at is only set on 销号).
  index('hazards_closed_idx').on(t.closedAt, t.townId, t.deadlineAt),
  // Town-scoped "closed in period" per grid.
  index('hazards_town_closed_idx').on(t.townId, t.closedAt, t.gridId, t.deadlineAt),
  index('hazards_reporter_idx').on(t.reporterId, t.reportedAt),
  // District-wide period statistics (found in period, per town) without a town.
  index('hazards_reported_idx').on(t.reportedAt, t.status, t.townId),
]);

export const hazardCodeCounters = sqliteTable('hazard_code_counters', {
  // yyyymmdd in Asia/Shanghai. Incremented by an upsert in the same batch as the hazard insert,
  // so codes stay unique under concurrency without an interactive transaction (D1 has none).
  day: text('day').primaryKey(),
  seq: integer('seq').notNull(),
});

export const hazardDepartments = sqliteTable('hazard_departments', {
  hazardId: integer('hazard_id').notNull().references(() => hazards.id),
  departmentId: integer('department_id').notNull().references(() => departments.id),
  whistledAt: instant('whistled_at').notNull(),
  whistledBy: integer('whistled_by').notNull(),
  acknowledgedAt: instant('acknowledged_at'),
  acknowledgedBy: integer('acknowledged_by'),
}, (t) => [
  primaryKey({ columns: [t.hazardId, t.departmentId] }),
  // Department scope (hazards whistled to me) and the 24 h report-in reminder.
  index('hazard_departments_dept_idx').on(t.departmentId, t.acknowledgedAt),
]);

export const hazardEvents = sqliteTable('hazard_events', {
  id: integer('id').primaryKey(),
  hazardId: integer('hazard_id').notNull().references(() => hazards.id),
  action: text('action', { enum: HAZARD_ACTIONS }).notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  actorId: integer('actor_id').notNull(),
  at: instant('at').notNull(),
  note: text('note'),
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
  channel: text('channel').notNull(),
}, (t) => [
  // Timeline of one hazard (查询 YH…).
  index('hazard_events_hazard_idx').on(t.hazardId, t.at),
]);

export const attachments = sqliteTable('attachments', {
  id: integer('id').primaryKey(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  mime: text('mime').notNull(),
  // Path relative to DATA_DIR; content-addressed so the same photo sent twice is stored once.
  path: text('path').notNull(),
  // Server receipt time: chat apps strip camera metadata, so this is the only trustworthy time.
  receivedAt: instant('received_at').notNull(),
  uploaderId: integer('uploader_id').notNull(),
  hazardId: integer('hazard_id'),
  eventId: integer('event_id'),
  patrolId: integer('patrol_id'),
  sourcePlatform: text('source_platform'),
  sourceRef: text('source_ref'),
  createdAt: createdAt(),
}, (t) => [
  index('attachments_hazard_idx').on(t.hazardId),
  index('attachments_patrol_idx').on(t.patrolId),
  // Photos sent before a report wait unattached; the bot finds them by uploader and time.
  index('attachments_uploader_time_idx').on(t.uploaderId, t.receivedAt),
]);
