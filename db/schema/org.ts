import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';

export const districts = sqliteTable('districts', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const towns = sqliteTable('towns', {
  id: integer('id').primaryKey(),
  districtId: integer('district_id').notNull().references(() => districts.id),
  name: text('name').notNull(),
  createdAt: createdAt(),
}, (t) => [
  // Chat commands name towns ("统计 横林镇"), imports match on name.
  uniqueIndex('towns_name_uq').on(t.name),
]);

export const grids = sqliteTable('grids', {
  id: integer('id').primaryKey(),
  townId: integer('town_id').notNull().references(() => towns.id),
  name: text('name').notNull(),
  village: text('village'),
  // One responsible worker per grid (一格一员); a worker may hold several grids.
  workerId: integer('worker_id'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('grids_town_name_uq').on(t.townId, t.name),
  // Resolving a worker's scope at every request and the per-worker digest.
  index('grids_worker_idx').on(t.workerId),
]);

export const departments = sqliteTable('departments', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  // Short words people use in chat ("消防", "住建"), JSON array.
  keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull().default([]),
  // Industries (enterprises.industry, exact words such as "化工") this department supervises: it is
  // told when such an enterprise's risk colour changes. Set by a district admin (PATCH /v1/departments/{id}).
  industries: text('industries', { mode: 'json' }).$type<string[]>().notNull().default([]),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('departments_name_uq').on(t.name)]);
