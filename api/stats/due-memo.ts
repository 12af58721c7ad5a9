import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../core/context.js';

type Row = { k: number; n: number };
type Memo = Map<string, Row[]>;

const byDb = new WeakMap<object, Memo>();
// A few `before` days (today's summary, a past month) per policy; old versions are never asked again.
const KEEP = 16;

/**
 * Outstanding patrols per town (dueRollupSql's rows), kept per stats_due_version: every change of
 * the rollup bumps the version in the same transaction (migration 0005), so equal versions mean
 * equal figures. Hazard reports and chat never touch enterprises; only patrols, enterprise edits
 * and imports do, so under a reporting district nearly every 统计 request skips the due count.
 *
 * Why it stays exact: the version is read BEFORE the figures. A write committing in between makes
 * the figures newer than their version, never older, and that version is not seen again by any
 * request that starts after the write. `what` must name everything else the query depends on
 * (the policy and the day).
 */
export async function memoDueByTown(ctx: Ctx, what: string, query: SQL): Promise<Row[]> {
  const [{ v }] = await ctx.db.all<{ v: number }>(sql`select v from stats_due_version where id = 1`);
  const key = `${v}|${what}`;
  let memo = byDb.get(ctx.db);
  if (!memo) byDb.set(ctx.db, (memo = new Map()));
  const hit = memo.get(key);
  if (hit) return hit;
  const rows = await ctx.db.all<Row>(query);
  memo.set(key, rows);
  if (memo.size > KEEP) memo.delete(memo.keys().next().value!);
  return rows;
}
