import { sqliteTable, integer, text, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, instant } from './columns.js';
import { enterprises } from './enterprises.js';
import { people } from './people.js';

export const PATROL_RESULTS = ['normal', 'issues'] as const;

export type ChecklistResult = { checkItemId: number; ok: boolean; note?: string };

// Inserts, updates and deletes also maintain stats_daily through triggers (migration 0004).
export const patrols = sqliteTable('patrols', {
  id: integer('id').primaryKey(),
  enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
  gridId: integer('grid_id').notNull(),
  townId: integer('town_id').notNull(),
  workerId: integer('worker_id').notNull().references(() => people.id),
  patrolledAt: instant('patrolled_at').notNull(),
  // The due day (00:00 Shanghai) this patrol answered: the enterprise's previous patrol + its interval
  // under the policy in force when logged, or its registration day. On time = patrolled before that
  // day ends. Stored at insert (api/patrols/due-at.ts) so statistics count on-time patrols from an
  // index instead of seeking every patrol's predecessor.
  dueAt: instant('due_at'),
  result: text('result', { enum: PATROL_RESULTS }).notNull(),
  note: text('note'),
  lat: real('lat'),
  lng: real('lng'),
  checklist: text('checklist', { mode: 'json' }).$type<ChecklistResult[]>(),
  sourcePlatform: text('source_platform'),
  sourceMessageId: text('source_message_id'),
  createdAt: createdAt(),
}, (t) => [
  // Enterprise timeline (查询 华美) and last-patrol lookups.
  index('patrols_enterprise_time_idx').on(t.enterpriseId, t.patrolledAt),
  // Period statistics and ledger exports by town, and per-worker assessment; grid and enterprise
  // ids make the town's "done in period" count per grid covering.
  index('patrols_town_time_idx').on(t.townId, t.patrolledAt, t.gridId, t.enterpriseId, t.dueAt),
  // District-wide "done in period" per town (统计 全区).
  index('patrols_time_idx').on(t.patrolledAt, t.townId, t.enterpriseId, t.dueAt),
  // Worker scope: patrols in my grids (统计 for a worker, patrol lists).
  index('patrols_grid_time_idx').on(t.gridId, t.patrolledAt, t.dueAt),
  index('patrols_worker_time_idx').on(t.workerId, t.patrolledAt, t.dueAt),
  // A chat message creates at most one patrol.
  uniqueIndex('patrols_source_uq').on(t.sourcePlatform, t.sourceMessageId),
]);
