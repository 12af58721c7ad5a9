import { sql, type SQL } from 'drizzle-orm';
import { ENTERPRISE_CLASSES, RISK_COLORS } from '../../db/schema/index.js';
import { intervalDays, type PatrolPolicy } from '../patrols/policy.js';
import { DAY_MS, SHANGHAI_OFFSET_MS } from '../../lib/time.js';

// SQL twins of api/patrols/policy.ts, so counting due and overdue patrols over 400,000 enterprises
// is one indexed scan instead of loading rows into JavaScript. Column references are raw names with
// a table alias, because these run inside hand-written aggregate queries.

/** The enterprise's interval in days (class base capped by colour) as a CASE over the 12 combinations. */
export function intervalSql(policy: PatrolPolicy, alias = 'e'): SQL {
  const cls = sql.raw(`${alias}.class`);
  const color = sql.raw(`${alias}.risk_color`);
  const branches = ENTERPRISE_CLASSES.flatMap((c) =>
    RISK_COLORS.map((r) => sql`when ${cls} = ${c} and ${color} = ${r} then ${intervalDays(policy, c, r)}`),
  );
  return sql`(case ${sql.join(branches, sql` `)} else ${policy.byClass.below ?? 90} end)`;
}

/**
 * An instant whose Shanghai day is the due day: last patrol + interval, or the registration instant
 * when never patrolled (SPEC §3). Because a period boundary `b` is always a Shanghai midnight,
 * "due day before b" is exactly `dueKey < b`, which keeps the comparison index-friendly.
 */
export function dueKeySql(policy: PatrolPolicy, alias = 'e'): SQL {
  return sql`coalesce(${sql.raw(`${alias}.last_patrol_at`)} + ${intervalSql(policy, alias)} * ${DAY_MS}, ${sql.raw(`${alias}.registered_at`)})`;
}

/** 00:00 Shanghai of the day holding the instant `expr` (epoch ms). */
export function dayStartSql(expr: SQL): SQL {
  return sql`((((${expr}) + ${SHANGHAI_OFFSET_MS}) / ${DAY_MS}) * ${DAY_MS} - ${SHANGHAI_OFFSET_MS})`;
}

/**
 * Was patrol `p` (joined to its enterprise `e`) on time? Its day must not be after the due day
 * set by the enterprise's previous patrol (or registration). The previous patrol is one seek in
 * patrols_enterprise_time_idx.
 */
export function onTimeSql(policy: PatrolPolicy): SQL {
  const prev = sql`(select max(p2.patrolled_at) from patrols p2 where p2.enterprise_id = p.enterprise_id and p2.patrolled_at < p.patrolled_at)`;
  const due = sql`coalesce(${prev} + ${intervalSql(policy)} * ${DAY_MS}, e.registered_at)`;
  return sql`(p.patrolled_at < ${dayStartSql(due)} + ${DAY_MS})`;
}
