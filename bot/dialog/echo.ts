import type { HazardView } from '../../api/hazards/view.js';
import { activeCheckItems } from '../../api/hazards/check-item.js';
import { SqlText } from '../../db/sql-text.js';
import { deadlineInstant } from '../../lib/deadline.js';
import { shanghaiIsoDay } from '../../lib/time.js';
import type { DeadlineSlot, HazardLevel } from './intents.js';
import type { Turn } from './turn.js';

/**
 * What a report reply must say besides the hazard itself, all of it facts looked up after the
 * write, never assumed: why the level is what it is when the worker did not say it, the worker's
 * deadline when it is only a suggestion (a major hazard's deadline is set by the admin who
 * assigns; the report event keeps it as `suggestedDeadline`), and how many people the urgent
 * alert was actually queued for.
 */
export type Echo = {
  /** The check item whose default made this hazard major, when the worker did not give a level. */
  levelFromChecklist?: string;
  /** The worker's own words that made this hazard major (很危险, 可能引发爆炸), when no level word was typed. */
  levelFromWords?: string;
  /** The worker's deadline (Shanghai day) kept as a suggestion for the assigning admin. */
  suggestedDeadlineDay?: string;
  /** Urgent alerts queued for a major hazard (0 = none could be queued); undefined when not major. */
  alerted?: number;
  photos: number;
  /** Photos beyond the per-step limit, not attached. */
  photosRest: number;
};

export type Said = { level?: HazardLevel; levelReason?: string; deadline?: DeadlineSlot };

export async function echoOf(t: Turn, h: HazardView, said: Said, photos: number, photosRest = 0): Promise<Echo> {
  const echo: Echo = { photos, photosRest };
  if (h.level !== 'major') return echo;
  if (said.level === 'major' && said.levelReason) echo.levelFromWords = said.levelReason;
  if (!said.level && h.checkItemId != null) {
    const item = (await activeCheckItems(t.deps.db)).find((c) => c.id === h.checkItemId);
    if (item?.majorByDefault) echo.levelFromChecklist = item.title;
  }
  if (!h.deadline) {
    const at = said.deadline ? deadlineInstant(said.deadline, t.now).getTime() : await suggestionKept(t, h.id);
    if (at) echo.suggestedDeadlineDay = shanghaiIsoDay(at - 1);
  }
  echo.alerted = await alertsQueued(t, h.id);
  return echo;
}

/** The latest deadline kept as a suggestion in the hazard's events (report or correction). */
async function suggestionKept(t: Turn, hazardId: number): Promise<number | undefined> {
  const q = new SqlText().raw("select json_extract(data, '$.suggestedDeadline') as s from hazard_events where hazard_id = ").int(hazardId)
    .raw(" and json_extract(data, '$.suggestedDeadline') is not null order by id desc limit 1");
  const [row] = await t.deps.db.all<{ s: string }>(q.toSQL());
  const ms = row ? Date.parse(row.s) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** The urgent major-hazard alerts in the outbox for this hazard (jobs/urgent-alert.ts keys them `urgent:major_hazard:<id>:<person>`). */
async function alertsQueued(t: Turn, hazardId: number): Promise<number> {
  const prefix = `urgent:major_hazard:${hazardId}:`;
  // A range on the unique dedupe key index instead of LIKE (which SQLite would not serve from it).
  const q = new SqlText().raw('select count(*) as n from notifications where dedupe_key >= ').param(prefix)
    .raw(' and dedupe_key < ').param(`${prefix.slice(0, -1)};`);
  const [row] = await t.deps.db.all<{ n: number }>(q.toSQL());
  return Number(row?.n ?? 0);
}
