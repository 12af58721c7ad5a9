import { sql, type SQL } from 'drizzle-orm';
import { DAY_MS } from '../../lib/time.js';
import { dayStartSql } from '../stats/due-sql.js';

// The due day a patrol answers (patrols.due_at), in SQL so the insert computes it in the same batch
// and a backfill can run over millions of rows. Policy comes from the patrol_policy table (class base,
// capped by colour, SPEC §3), the same rule as api/patrols/policy.ts intervalDays.
const intervalDays = (e: string) => `min(
    coalesce((select pp.interval_days from patrol_policy pp where pp.kind = 'class' and pp.key = ${e}.class), 90),
    coalesce((select pp.interval_days from patrol_policy pp where pp.kind = 'color' and pp.key = ${e}.risk_color), 2147483647))`;

/** 00:00 Shanghai of (previous patrol before `at` + interval), or of the registration day. */
function dueDayOf(enterpriseAlias: string, at: SQL): SQL {
  const e = enterpriseAlias;
  const prev = sql`(select max(p2.patrolled_at) from patrols p2 where p2.enterprise_id = ${sql.raw(`${e}.id`)} and p2.patrolled_at < ${at})`;
  const due = sql`coalesce(${prev} + ${sql.raw(intervalDays(e))} * ${sql.raw(String(DAY_MS))}, ${sql.raw(`${e}.registered_at`)})`;
  return dayStartSql(due);
}

/** Value for patrols.due_at of a patrol about to be inserted for this enterprise at this time. */
export function patrolDueAtSql(enterpriseId: number, patrolledAt: Date): SQL {
  return sql`(select ${dueDayOf('e', sql`${patrolledAt.getTime()}`)} from enterprises e where e.id = ${enterpriseId})`;
}

/**
 * Fills due_at where it is missing (rows written by bulk loads such as scripts/seed-scale.ts).
 * Migration 0002 runs the same statement for databases that existed before the column.
 */
export const backfillPatrolDueAt = sql`update patrols set due_at = (
  select ${dueDayOf('e', sql.raw('patrols.patrolled_at'))} from enterprises e where e.id = patrols.enterprise_id)
  where due_at is null`;
