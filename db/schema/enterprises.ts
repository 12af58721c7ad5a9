import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, real, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { createdAt, instant } from './columns.js';
import { grids, towns } from './org.js';

export const ENTERPRISE_CLASSES = ['key', 'above', 'below'] as const;
export type EnterpriseClass = (typeof ENTERPRISE_CLASSES)[number];
export const RISK_COLORS = ['red', 'orange', 'yellow', 'blue'] as const;
export type RiskColor = (typeof RISK_COLORS)[number];

export const enterprises = sqliteTable('enterprises', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default([]),
  creditCode: text('credit_code'),
  address: text('address'),
  gridId: integer('grid_id').notNull().references(() => grids.id),
  // Denormalised from the grid so town-scoped lists and stats need no join.
  townId: integer('town_id').notNull().references(() => towns.id),
  class: text('class', { enum: ENTERPRISE_CLASSES }).notNull(),
  industry: text('industry'),
  riskColor: text('risk_color', { enum: RISK_COLORS }).notNull(),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  lat: real('lat'),
  lng: real('lng'),
  // Due date = coalesce(last patrol, registered) + policy interval. last_patrol_at is a cache of
  // max(patrols.patrolled_at) kept in the same batch as the patrol insert, so the daily run is one scan.
  registeredAt: instant('registered_at').notNull(),
  lastPatrolAt: instant('last_patrol_at'),
  // Toneless pinyin of name, short name and aliases as ` initials syllables … ` (api/enterprises/
  // pinyin-keys.ts), so an admin's `hm` for 华美 is a LIKE over their scope in SQL instead of every
  // name of a district in JS. NULL until computed: a trigger (migration 0014) clears it when a name
  // changes, and the search scores NULL rows from their names until they are filled.
  pinyin: text('pinyin'),
  createdAt: createdAt(),
}, (t) => [
  // The rows still to fill (import, bulk seed, a rename): found without scanning the table.
  index('enterprises_pinyin_missing_idx').on(t.id).where(sql`${t.pinyin} is null`),
  uniqueIndex('enterprises_credit_code_uq').on(t.creditCode),
  // Worker digest and grid-scoped lists / fuzzy name matching within a worker's grids.
  index('enterprises_grid_idx').on(t.gridId),
  // Town-scoped lists and statistics. The trailing columns make it covering for the due-patrol
  // arithmetic (class, colour, last patrol, registration): 统计 outstanding patrols per grid, 逾期
  // patrols and the district-wide count per town are index-only scans.
  index('enterprises_town_idx').on(t.townId, t.gridId, t.class, t.riskColor, t.lastPatrolAt, t.registeredAt),
  index('enterprises_name_idx').on(t.name),
  // District-wide due / overdue patrols (统计 全区, 逾期, the daily reminder run): one range per
  // (class, colour) on last_patrol_at (or registered_at when never patrolled), so the cost follows the
  // enterprises that are due rather than all 400,000 (api/stats/due-sql.ts dueArmsSql).
  index('enterprises_due_idx').on(t.class, t.riskColor, t.lastPatrolAt, t.registeredAt, t.townId),
  // District-wide 统计 outstanding patrols per town (api/stats/due-sql.ts dueByTownSql): one range per
  // (town, class, colour) counted in index order, so no temporary B-tree groups the ~100,000 due
  // enterprises by town (measured 52 → 9 ms at city scale).
  index('enterprises_town_due_idx').on(t.townId, t.class, t.riskColor, t.lastPatrolAt, t.registeredAt),
]);

// Every change of an enterprise's risk colour (edit or import), written in the same batch as the
// change itself; its id keys the notices to the contacts and the supervising department, so each
// change is told exactly once and a re-run that changes nothing tells nothing.
export const riskColorChanges = sqliteTable('risk_color_changes', {
  id: integer('id').primaryKey(),
  enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
  fromColor: text('from_color', { enum: RISK_COLORS }).notNull(),
  toColor: text('to_color', { enum: RISK_COLORS }).notNull(),
  // 'api' | 'web' | 'import' …: where the change came from.
  channel: text('channel').notNull(),
  actorId: integer('actor_id'),
  changedAt: instant('changed_at').notNull(),
}, (t) => [index('risk_color_changes_enterprise_idx').on(t.enterpriseId, t.id)]);

export const patrolPolicy = sqliteTable('patrol_policy', {
  id: integer('id').primaryKey(),
  // 'class' rows give the base interval; 'color' rows cap it (red at most 7 days …).
  kind: text('kind', { enum: ['class', 'color'] }).notNull(),
  key: text('key').notNull(),
  intervalDays: integer('interval_days').notNull(),
}, (t) => [uniqueIndex('patrol_policy_kind_key_uq').on(t.kind, t.key)]);

export const checkItems = sqliteTable('check_items', {
  id: integer('id').primaryKey(),
  code: text('code').notNull(),
  category: text('category').notNull(),
  title: text('title').notNull(),
  // Words that identify the item in a free-text report ("灭火器", "消防通道").
  keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull().default([]),
  majorByDefault: integer('major_by_default', { mode: 'boolean' }).notNull().default(false),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  sort: integer('sort').notNull().default(0),
}, (t) => [uniqueIndex('check_items_code_uq').on(t.code)]);
