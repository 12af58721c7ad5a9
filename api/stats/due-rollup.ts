import { sql, type SQL } from 'drizzle-orm';
import { ENTERPRISE_CLASSES, RISK_COLORS } from '../../db/schema/index.js';
import { intervalDays, type PatrolPolicy } from '../patrols/policy.js';
import { DAY_MS, SHANGHAI_OFFSET_MS } from '../../lib/time.js';

// Must match migration 0005: stats_due's level-1 rows are blocks of 8 Shanghai days.
const BLOCK_MS = 8 * DAY_MS;
const blockStart = (at: number) => Math.floor((at + SHANGHAI_OFFSET_MS) / BLOCK_MS) * BLOCK_MS - SHANGHAI_OFFSET_MS;

/** Is `at` 00:00 Shanghai? The rollup counts whole days, so only such a `before` can be read from it. */
export const isShanghaiMidnight = (at: number) => (at + SHANGHAI_OFFSET_MS) % DAY_MS === 0;

/**
 * Enterprises due before the Shanghai midnight `before`, per town (columns k, n), from the
 * stats_due rollup (migration 0005): exactly dueByTownSql's count (same arms, same cut-offs, see
 * dueArms in due-sql.ts), read as total − (days from the cut-off to the next 8-day block) −
 * (blocks from there on), a few rows per town and arm instead of every due enterprise.
 * Every value in the statement is an integer or enum literal built here (no bound parameters:
 * D1 allows 100, and libsql would bind the numbers as REAL).
 */
export function dueRollupSql(policy: PatrolPolicy, before: number): SQL {
  if (!isShanghaiMidnight(before)) throw new Error(`dueRollupSql needs a Shanghai midnight, got ${before}`);
  const arms: string[] = [];
  for (const c of ENTERPRISE_CLASSES) {
    for (const r of RISK_COLORS) {
      const days = intervalDays(policy, c, r);
      if (!Number.isInteger(days)) throw new Error(`bad patrol interval ${days}`);
      // Patrolled: last patrol before `before − interval`; never patrolled: registered before `before`.
      for (const [patrolled, cutoff] of [[1, before - days * DAY_MS], [0, before]] as const) {
        const next = blockStart(cutoff) === cutoff ? cutoff : blockStart(cutoff) + BLOCK_MS;
        arms.push(`('${c}', '${r}', ${patrolled}, ${cutoff}, ${next})`);
      }
    }
  }
  const on = 's.class = a.class and s.risk_color = a.risk_color and s.patrolled = a.patrolled';
  return sql.raw(`with arms(class, risk_color, patrolled, cutoff, next) as (values ${arms.join(', ')})
    select k, sum(n) as n from (
      select s.town_id as k, s.n as n from arms a join stats_due s on ${on} and s.level = 2
      union all
      select s.town_id, -s.n from arms a join stats_due s on ${on} and s.level = 0 and s.start >= a.cutoff and s.start < a.next
      union all
      select s.town_id, -s.n from arms a join stats_due s on ${on} and s.level = 1 and s.start >= a.next
    ) group by k`);
}
