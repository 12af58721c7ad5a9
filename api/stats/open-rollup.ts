import { sql, type SQL } from 'drizzle-orm';

/**
 * Open hazards per town now (columns k, n, overdue, major) from the stats_open_* rollups
 * (migration 0005): the same figures as counting open hazards by town (summary.ts), where
 * overdue = open with a deadline − those whose deadline has not passed yet (few: deadlines ahead
 * are days or weeks away, while the district has tens of thousands of open hazards).
 */
export function openRollupSql(now: number): SQL {
  return sql`select o.town_id as k, o.open as n, o.major_open as major,
      o.dated - coalesce((select sum(d.n) from stats_open_deadline d where d.town_id = o.town_id and d.deadline_at >= ${Math.trunc(now)}), 0) as overdue
    from stats_open_town o`;
}
