import { sql, type SQL } from 'drizzle-orm';
import type { PatrolPolicy } from '../../api/patrols/policy.js';
import { DAY_MS, SHANGHAI_OFFSET_MS } from '../../lib/time.js';

const int = (n: number) => sql.raw(String(Math.trunc(n)));

/**
 * The patrol due day of `e` (an enterprises alias) as SQL, the same rule as dueDay() in
 * api/patrols/policy.ts: 00:00 Shanghai of the last patrol's day + interval, or of the
 * registration day when never patrolled. Computed in SQL so the daily run aggregates 400,000
 * enterprises inside the database instead of shipping them to JavaScript.
 */
export function dueAtSql(policy: PatrolPolicy, alias = 'e'): SQL {
  const byClass = Object.entries(policy.byClass).map(([k, d]) => sql`when ${k} then ${int(d)}`);
  const byColor = Object.entries(policy.colorCap).map(([k, d]) => sql`when ${k} then ${int(d)}`);
  const a = sql.raw(alias);
  const base = sql`case ${a}.class ${sql.join(byClass, sql` `)} else 90 end`;
  const cap = byColor.length ? sql`case ${a}.risk_color ${sql.join(byColor, sql` `)} else 1000000 end` : sql`1000000`;
  const from = sql`coalesce(${a}.last_patrol_at, ${a}.registered_at)`;
  const dayStart = sql`(${from} - ((${from} + ${int(SHANGHAI_OFFSET_MS)}) % ${int(DAY_MS)}))`;
  return sql`(${dayStart} + case when ${a}.last_patrol_at is null then 0 else min(${base}, ${cap}) * ${int(DAY_MS)} end)`;
}
