import { and, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { enterprises, ENTERPRISE_CLASSES, RISK_COLORS } from '../../db/schema/index.js';
import { addDays, startOfShanghaiDay, type LocalDate } from '../../lib/time.js';
import { intervalDays, type PatrolPolicy } from '../patrols/policy.js';

/**
 * SQL for "next patrol due before this Shanghai day", the same rule as policy.dueDay: due day =
 * day(last patrol) + interval(class, colour), or day(registration) when never patrolled. Since
 * day(t) + n < D  ⇔  t < start of (D − n), each (class, colour) pair compares against one instant,
 * so the filter stays a plain range test per row.
 */
export function dueBeforeFilter(policy: PatrolPolicy, day: LocalDate): SQL {
  const cases = ENTERPRISE_CLASSES.flatMap((cls) =>
    RISK_COLORS.map((color) => {
      const limit = startOfShanghaiDay(addDays(day, -intervalDays(policy, cls, color))).getTime();
      return sql`when ${enterprises.class} = ${cls} and ${enterprises.riskColor} = ${color} then ${limit}`;
    }),
  );
  return or(
    and(isNull(enterprises.lastPatrolAt), lt(enterprises.registeredAt, startOfShanghaiDay(day))),
    and(isNotNull(enterprises.lastPatrolAt), sql`${enterprises.lastPatrolAt} < (case ${sql.join(cases, sql` `)} end)`),
  )!;
}
