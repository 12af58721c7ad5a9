import { sql } from 'drizzle-orm';
import { loadPolicy } from '../api/patrols/policy.js';
import { DAY_MS, shanghaiIsoDay } from '../lib/time.js';
import { weeklySummaryMessage, type SummaryFigures } from './messages.js';
import { dueAtSql } from './queries/patrol-due.js';
import { dbOutbox } from './outbox/enqueue.js';
import { endOfSendingDay, todayStart } from './shanghai-window.js';
import type { Job, PlannedNotification } from './types.js';

const zero = (): SummaryFigures => ({ patrols: 0, enterprises: 0, patrolOverdue: 0, found: 0, closed: 0, overdue: 0 });
const add = (a: SummaryFigures, b: SummaryFigures) => {
  for (const k of Object.keys(a) as (keyof SummaryFigures)[]) a[k] += b[k];
};
/** Grids/towns with the most overdue work first: the ones a supervisor should look at. */
const worst = (a: { f: SummaryFigures }, b: { f: SummaryFigures }) => b.f.patrolOverdue + b.f.overdue - (a.f.patrolOverdue + a.f.overdue);
const SHOWN = 3;

/**
 * Monday 09:00 weekly summary of the past Monday–Sunday, per grid for each town admin and per town
 * for district admins. Figures are grouped per grid in SQL (one row per grid), then rolled up.
 * 按期率 = share of enterprises whose patrol is not overdue now.
 */
export const weeklySummary: Job = async ({ db, now, config, outbox = dbOutbox(db) }) => {
  const to = +todayStart(now);
  const from = to - 7 * DAY_MS;
  const policy = await loadPolicy(db);
  const grids = new Map<number, { name: string; town: number; f: SummaryFigures }>();
  for (const g of await db.all<{ id: number; name: string; town: number }>(sql`select id, name, town_id as town from grids`)) {
    grids.set(g.id, { name: g.name, town: g.town, f: zero() });
  }
  const put = (rows: { g: number; n: number }[], k: keyof SummaryFigures) => {
    for (const r of rows) if (grids.has(r.g)) grids.get(r.g)!.f[k] = r.n;
  };
  // `town_id in (…)` lets SQLite range-scan patrols_town_time_idx per town instead of reading every patrol ever made.
  put(await db.all(sql`select grid_id as g, count(*) as n from patrols
    where town_id in (select id from towns) and patrolled_at >= ${from} and patrolled_at < ${to} group by grid_id`), 'patrols');
  const ents = await db.all<{ g: number; n: number; late: number }>(sql`
    select g, count(*) as n, sum(due < ${to}) as late from (select +e.grid_id as g, ${dueAtSql(policy)} as due from enterprises e) group by g`);
  put(ents, 'enterprises');
  put(ents.map((r) => ({ g: r.g, n: r.late })), 'patrolOverdue');
  put(await db.all(sql`select grid_id as g, count(*) as n from hazards where reported_at >= ${from} and reported_at < ${to} group by grid_id`), 'found');
  put(await db.all(sql`select grid_id as g, count(*) as n from hazards where closed_at >= ${from} and closed_at < ${to} group by grid_id`), 'closed');
  // Unary + on grid_id: group the open ones found by the status index, not walk a grid index over all hazards.
  put(await db.all(sql`select +grid_id as g, count(*) as n from hazards
    where status in ('reported', 'rectifying', 'review') and deadline_at < ${+now} group by 1`), 'overdue');

  const towns = new Map<number, { name: string; f: SummaryFigures; parts: { name: string; f: SummaryFigures }[] }>();
  for (const t of await db.all<{ id: number; name: string }>(sql`select id, name from towns`)) towns.set(t.id, { name: t.name, f: zero(), parts: [] });
  const total = zero();
  for (const g of grids.values()) {
    const t = towns.get(g.town);
    if (!t) continue;
    add(t.f, g.f);
    add(total, g.f);
    t.parts.push({ name: g.name, f: g.f });
  }

  const day = shanghaiIsoDay(now);
  const expiresAt = endOfSendingDay(now, config);
  const fromDay = new Date(from);
  const toDay = new Date(to - DAY_MS);
  const planned: PlannedNotification[] = [];
  const admins = await db.all<{ id: number; role: string; t: number | null }>(sql`
    select id, role, town_id as t from people where role in ('town_admin', 'district_admin') and active = 1`);
  const district = weeklySummaryMessage('全区', fromDay, toDay, total,
    [...towns.values()].map((t) => ({ name: t.name, f: t.f })).sort(worst).slice(0, SHOWN));
  for (const a of admins) {
    const t = a.t == null ? undefined : towns.get(a.t);
    if (a.role === 'town_admin' && !t) continue;
    const msg = a.role === 'district_admin' ? district : weeklySummaryMessage(t!.name, fromDay, toDay, t!.f, t!.parts.sort(worst).slice(0, SHOWN));
    planned.push({ dedupeKey: `weekly:${a.id}:${day}`, personId: a.id, kind: 'weekly_summary', urgent: false, ...msg, expiresAt });
  }
  return { planned, enqueued: await outbox.enqueue(planned, now) };
};
