import { getTableName, is, sql } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.js';
import * as schema from './schema/index.js';

// Tables the migrations create that are not drizzle tables (kept by triggers, read by raw SQL).
const RAW_TABLES = ['stats_daily'];

export const REQUIRED_TABLES: readonly string[] = [
  ...Object.values(schema).filter((v) => is(v, SQLiteTable)).map((t) => getTableName(t as SQLiteTable)),
  ...RAW_TABLES,
].sort();

/**
 * The tables the code needs that the database lacks: all of them before the first migration
 * (`wrangler dev` before `wrangler d1 migrations apply`), the new ones when a later migration was
 * not applied. One query; runs on libsql and D1 alike.
 */
export async function missingTables(db: Db): Promise<string[]> {
  const rows = await db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table'`);
  const present = new Set(rows.map((r) => r.name));
  return REQUIRED_TABLES.filter((t) => !present.has(t));
}
