import { sql } from 'drizzle-orm';
import { DEFAULT_ASSESSMENT_WEIGHTS } from '../api/stats/assessment.js';
import { assessmentRowsByScope, assessmentWindow } from '../api/stats/assessment-query.js';
import { shanghaiDate, startOfShanghaiDay } from '../lib/time.js';
import { monthlyAssessmentMessage } from './messages.js';
import { dbOutbox } from './outbox/enqueue.js';
import { endOfSendingDay } from './shanghai-window.js';
import type { Job, PlannedNotification } from './types.js';

const SHOWN = 5;

/**
 * 1st of the month 09:00: 考核 of the previous month (SPEC §5) to every admin, their town's workers
 * for a town admin and all workers for the district: the rows and weights `排名 <month>` answers
 * with (api/stats/assessment-query.ts), every scope from one grouped pass over the city.
 */
export const monthlyAssessment: Job = async ({ db, now, config, outbox = dbOutbox(db) }) => {
  const d = shanghaiDate(now);
  const prev = shanghaiDate(startOfShanghaiDay({ year: d.year, month: d.month - 1, day: 1 }));
  const month = `${prev.year}-${String(prev.month).padStart(2, '0')}`;
  const weights = DEFAULT_ASSESSMENT_WEIGHTS;

  const admins = await db.all<{ id: number; role: string; t: number | null }>(sql`
    select id, role, town_id as t from people where role in ('town_admin', 'district_admin') and active = 1`);
  if (!admins.length) return { planned: [], enqueued: 0 };
  const scopes = await assessmentRowsByScope(db, assessmentWindow(month, now), weights);
  const names = new Map((await db.all<{ id: number; name: string }>(sql`select id, name from towns`)).map((t) => [t.id, t.name]));

  const expiresAt = endOfSendingDay(now, config);
  const planned: PlannedNotification[] = [];
  for (const a of admins) {
    const rows = a.role === 'district_admin' ? scopes.district : scopes.towns.get(a.t ?? -1);
    if (!rows?.length) continue;
    const msg = monthlyAssessmentMessage(a.role === 'district_admin' ? '全区' : names.get(a.t!) ?? '', month, rows, weights, SHOWN);
    planned.push({ dedupeKey: `assessment:${a.id}:${month}`, personId: a.id, kind: 'monthly_assessment', urgent: false, ...msg, expiresAt });
  }
  return { planned, enqueued: await outbox.enqueue(planned, now) };
};
