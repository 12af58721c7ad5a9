import type { HazardAction, HazardStatus } from '../../db/schema/index.js';
import type { Rng } from './random.js';
import { DAY_MS, SHANGHAI_OFFSET_MS } from '../../lib/time.js';

const HOUR_MS = 3_600_000;

export type Who = 'worker' | 'admin' | 'department';
export type SeedEvent = {
  action: HazardAction;
  from: HazardStatus | null;
  to: HazardStatus | null;
  who: Who;
  at: number;
  note: string | null;
  data: Record<string, unknown> | null;
};
export type Lifecycle = {
  status: HazardStatus;
  deadlineAt: number | null;
  closedAt: number | null;
  updatedAt: number;
  events: SeedEvent[];
  whistle: { at: number; acknowledgedAt: number | null } | null;
};

/** End of the Shanghai day `days` after the day of `at` (SPEC §4: a deadline date ends at 24:00). */
export function endOfDayPlus(at: number, days: number): number {
  const dayStart = Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  return dayStart + (days + 1) * DAY_MS;
}

const between = (rng: Rng, a: number, b: number) => a + rng.next() * (b - a);

/**
 * Plays one hazard's life from its report forward as it would have happened, then cuts it at `now`:
 * whatever had not happened yet is dropped, so recent hazards are open, old ones mostly closed, and
 * the few "stuck" ones (rectification long past the deadline) form the overdue tail. Status, deadline
 * and closed time are read off the surviving events, so rows and events agree by construction.
 */
export function hazardLifecycle(rng: Rng, opts: { reportedAt: number; major: boolean; now: number; whistle: boolean }): Lifecycle {
  const t0 = opts.reportedAt;
  const planned: SeedEvent[] = [];
  const ev = (action: HazardAction, from: HazardStatus | null, to: HazardStatus | null, who: Who, at: number, note: string | null = null, data: Record<string, unknown> | null = null) =>
    planned.push({ action, from, to, who, at: Math.round(at), note, data });

  if (!opts.major && rng.chance(0.02)) {
    ev('report', null, 'reported', 'worker', t0);
    ev('void', 'reported', 'void', 'admin', t0 + between(rng, 4 * HOUR_MS, 3 * DAY_MS), '不属实', { reason: '不属实' });
  } else {
    let deadline: number;
    let start: number;
    if (opts.major || rng.chance(0.4)) {
      ev('report', null, 'reported', 'worker', t0);
      start = t0 + between(rng, 1 * HOUR_MS, 2 * DAY_MS);
      deadline = endOfDayPlus(start, opts.major ? 30 : rng.pick([3, 7, 7, 7, 15]));
      ev('assign', 'reported', 'rectifying', 'admin', start, null, { deadlineAt: deadline });
    } else {
      start = t0;
      const days = rng.pick([0, 3, 7, 7, 15]);
      deadline = endOfDayPlus(t0, days);
      ev('report', null, 'rectifying', 'worker', t0, days === 0 ? '立即整改' : null, { deadlineAt: deadline });
    }
    const reviewer: Who = opts.major ? 'admin' : 'worker';
    const stuck = rng.chance(0.04);
    let rectifiedAt = stuck
      ? deadline + between(rng, 5 * DAY_MS, 300 * DAY_MS)
      : start + between(rng, 0.1, 1) * (deadline - start) + (rng.chance(0.1) ? between(rng, 0, 5 * DAY_MS) : 0);
    ev('rectify', 'rectifying', 'review', 'worker', rectifiedAt, '已整改完成，附整改后照片');
    let reviewedAt = rectifiedAt + between(rng, 2 * HOUR_MS, 3 * DAY_MS);
    if (rng.chance(0.06)) {
      const again = endOfDayPlus(reviewedAt, 7);
      ev('review_fail', 'review', 'rectifying', reviewer, reviewedAt, '整改不到位，仍有问题', { deadlineAt: again });
      rectifiedAt = reviewedAt + between(rng, 1 * DAY_MS, 7 * DAY_MS);
      ev('rectify', 'rectifying', 'review', 'worker', rectifiedAt, '已重新整改');
      reviewedAt = rectifiedAt + between(rng, 2 * HOUR_MS, 3 * DAY_MS);
    }
    ev('review_pass', 'review', 'closed', reviewer, reviewedAt, '复查通过');
  }

  const events = planned.filter((e) => e.at <= opts.now);
  let whistle: Lifecycle['whistle'] = null;
  if (opts.whistle && events.length > 0) {
    // Whistled soon after the report, before the next transition, while the hazard is open.
    const next = events[1]?.at ?? opts.now;
    const at = Math.round(t0 + between(rng, 0.05, 0.9) * Math.min(next - t0, DAY_MS));
    const status = events[0].to;
    events.push({ action: 'whistle', from: status, to: status, who: 'worker', at, note: null, data: null });
    const ackAt = Math.round(at + between(rng, HOUR_MS, 30 * HOUR_MS));
    const acknowledged = rng.chance(0.85) && ackAt <= opts.now;
    if (acknowledged) {
      const during = statusAt(events, ackAt);
      events.push({ action: 'acknowledge', from: during, to: during, who: 'department', at: ackAt, note: '已报到', data: null });
    }
    whistle = { at, acknowledgedAt: acknowledged ? ackAt : null };
    events.sort((a, b) => a.at - b.at);
  }

  let status: HazardStatus = 'reported';
  let deadlineAt: number | null = null;
  let closedAt: number | null = null;
  for (const e of events) {
    if (e.to) status = e.to;
    const d = e.data?.deadlineAt;
    if (typeof d === 'number') deadlineAt = d;
    if (e.action === 'review_pass') closedAt = e.at;
  }
  return { status, deadlineAt, closedAt, updatedAt: events[events.length - 1].at, events, whistle };
}

function statusAt(events: SeedEvent[], at: number): HazardStatus {
  let s: HazardStatus = 'reported';
  for (const e of events) if (e.at <= at && e.to && e.action !== 'whistle') s = e.to;
  return s;
}
