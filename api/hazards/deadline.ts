import { z } from '@hono/zod-openapi';
import { addDays, endOfShanghaiDay, parseIsoDay, shanghaiDate, shanghaiIsoDay } from '../../lib/time.js';
import { validationFailed } from '../core/errors.js';
import { MSG } from './messages.js';

export const IsoDay = z
  .string()
  .refine((s) => parseIsoDay(s) !== null, { message: '日期格式应为 YYYY-MM-DD' })
  .openapi({ example: '2026-11-30' });

/** The ways a deadline can be given; a verb accepts at most one of them. */
export const deadlineFields = {
  deadline: IsoDay.optional().openapi({ description: '整改期限（该日 24:00 北京时间截止）' }),
  deadlineDays: z.number().int().min(1).max(365).optional().openapi({ description: '自今天起的整改天数' }),
};

export type DeadlineChoice = { deadline?: string; deadlineDays?: number; fixNow?: boolean };

/** Zod refinement: several deadline forms at once are ambiguous, so they are rejected. */
export function oneDeadlineAtMost(v: DeadlineChoice, ctx: z.RefinementCtx) {
  const given = [v.deadline !== undefined, v.deadlineDays !== undefined, v.fixNow === true].filter(Boolean).length;
  if (given > 1) ctx.addIssue({ code: 'custom', message: MSG.deadlineExclusive, path: ['deadline'] });
}

/**
 * The deadline instant: a date means the end of that day in Shanghai, N days means the end of the
 * Nth day from today, "fix now" the end of today. A day before today is refused (it would be overdue
 * the moment it is written). Undefined when no deadline was given.
 */
export function resolveDeadline(v: DeadlineChoice, now: Date): Date | undefined {
  const today = shanghaiDate(now);
  if (v.fixNow) return endOfShanghaiDay(today);
  if (v.deadlineDays !== undefined) return endOfShanghaiDay(addDays(today, v.deadlineDays));
  if (v.deadline === undefined) return undefined;
  const day = parseIsoDay(v.deadline);
  if (!day) throw validationFailed('日期格式应为 YYYY-MM-DD', [{ path: 'deadline', code: 'invalid_format' }]);
  if (v.deadline < shanghaiIsoDay(now)) {
    throw validationFailed(MSG.deadlinePast, [{ path: 'deadline', code: 'too_small', message: MSG.deadlinePast }]);
  }
  return endOfShanghaiDay(day);
}

/** The default deadline when an admin assigns without one: general 7 days, major 30 days (SPEC §4). */
export function defaultDeadline(level: 'general' | 'major', now: Date): Date {
  return endOfShanghaiDay(addDays(shanghaiDate(now), level === 'major' ? 30 : 7));
}

/** The Shanghai calendar day a deadline instant closes (it is stored as 24:00, i.e. the next midnight). */
export const deadlineDay = (deadlineAt: Date) => shanghaiIsoDay(deadlineAt.getTime() - 1);
