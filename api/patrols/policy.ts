import type { Db } from '../../db/client.js';
import { patrolPolicy } from '../../db/schema/index.js';
import type { EnterpriseClass, RiskColor } from '../../db/schema/index.js';
import { DAY_MS, shanghaiDate, startOfShanghaiDay, addDays } from '../../lib/time.js';

/** Patrol intervals: a base per class, capped by risk colour (red at most 7 days …). */
export type PatrolPolicy = { byClass: Record<string, number>; colorCap: Record<string, number> };

export async function loadPolicy(db: Db): Promise<PatrolPolicy> {
  const rows = await db.select().from(patrolPolicy);
  const policy: PatrolPolicy = { byClass: {}, colorCap: {} };
  for (const r of rows) (r.kind === 'class' ? policy.byClass : policy.colorCap)[r.key] = r.intervalDays;
  return policy;
}

/** The class's base interval (90 days when the policy has no row for it). */
export const classInterval = (policy: PatrolPolicy, cls: EnterpriseClass): number => policy.byClass[cls] ?? 90;

export function intervalDays(policy: PatrolPolicy, cls: EnterpriseClass, color: RiskColor): number {
  const base = classInterval(policy, cls);
  const cap = policy.colorCap[color];
  return cap === undefined ? base : Math.min(base, cap);
}

/**
 * The Shanghai day a patrol is next due: the day of the last patrol (or of registration when never
 * patrolled, SPEC §3) plus the interval. Returned as 00:00 Shanghai of that day.
 */
export function dueDay(
  policy: PatrolPolicy,
  e: { class: EnterpriseClass; riskColor: RiskColor; registeredAt: Date; lastPatrolAt: Date | null },
): Date {
  const from = e.lastPatrolAt ?? e.registeredAt;
  return startOfShanghaiDay(addDays(shanghaiDate(from), e.lastPatrolAt ? intervalDays(policy, e.class, e.riskColor) : 0));
}

/** Overdue = due day before today (Shanghai). Due today is not yet overdue. */
export function isPatrolOverdue(due: Date, now: Date): boolean {
  return due.getTime() < startOfShanghaiDay(shanghaiDate(now)).getTime();
}

export const daysOverdue = (due: Date, now: Date) =>
  Math.max(0, Math.round((startOfShanghaiDay(shanghaiDate(now)).getTime() - due.getTime()) / DAY_MS));
