import { sql } from 'drizzle-orm';
import { statsSummary, type StatsSummary } from '../api/stats/summary.js';
import { DAY_MS, shanghaiIsoDay } from '../lib/time.js';
import { parsePeriod } from '../lib/period.js';
import { weeklySummaryMessage, withPageLine } from './messages.js';
import { completionPicture } from '../bot/present/stats.js';
import { statsReader } from './queries/stats-reader.js';
import { dbOutbox } from './outbox/enqueue.js';
import { endOfSendingDay } from './shanghai-window.js';
import type { Job, PlannedNotification } from './types.js';

const SHOWN = 3;

/** Weakest first, the order `统计` lists places in: lowest completion, then most overdue hazards. */
const weakest = (s: StatsSummary) => [...s.rows]
  .sort((a, b) => a.patrols.completionRate - b.patrols.completionRate || b.hazards.overdue - a.hazards.overdue)
  .slice(0, SHOWN)
  .map((r) => ({ name: r.name, f: r }));

/**
 * Monday 09:00 summary of last week (Monday–Sunday, the period `统计 上周` means): each town admin
 * gets their town with its weakest grids, district admins the district with its weakest towns. The
 * figures are statsSummary's own, computed once per scope that has someone to tell.
 */
export const weeklySummary: Job = async ({ db, now, config, outbox = dbOutbox(db) }) => {
  const week = parsePeriod('上周', now)!;
  const admins = await db.all<{ id: number; role: string; t: number | null }>(sql`
    select id, role, town_id as t from people where role in ('town_admin', 'district_admin') and active = 1`);
  const towns = new Set((await db.all<{ id: number }>(sql`select id from towns`)).map((t) => t.id));
  const ctx = statsReader(db, now);
  const summaries = new Map<number | null, StatsSummary>();
  const summaryOf = async (townId: number | null) => {
    if (!summaries.has(townId)) {
      summaries.set(townId, await statsSummary(ctx, { from: week.from, to: week.to, label: week.label, ...(townId == null ? {} : { townId }) }));
    }
    return summaries.get(townId)!;
  };

  const day = shanghaiIsoDay(now);
  const expiresAt = endOfSendingDay(now, config);
  const lastDay = new Date(+week.to - DAY_MS);
  const planned: PlannedNotification[] = [];
  for (const a of admins) {
    if (a.role === 'town_admin' && (a.t == null || !towns.has(a.t))) continue;
    const townId = a.role === 'district_admin' ? null : a.t;
    const s = await summaryOf(townId);
    // The dashboard for 上周 shows these same figures (the admin's own scope, as the message).
    const msg = withPageLine(weeklySummaryMessage(townId == null ? '全区' : s.scope.label, week.from, lastDay, s, weakest(s), townId == null ? '镇街' : '网格'),
      config.publicUrl, '打开统计看板', `/app/dashboard?period=${encodeURIComponent('上周')}`);
    // The dashboard's completion chart of the same figures, as a picture after the text.
    const image = s.rows.length ? completionPicture(s) : undefined;
    planned.push({ dedupeKey: `weekly:${a.id}:${day}`, personId: a.id, kind: 'weekly_summary', urgent: false, ...msg, expiresAt, ...(image ? { image } : {}) });
  }
  return { planned, enqueued: await outbox.enqueue(planned, now) };
};
