import type { Draft, DraftStore } from './drafts.js';
import { PHOTO_WINDOW_MS } from './photos.js';

// The last report is what 改成重大 / 期限改为5天 / 撤回 correct. One person has one draft row, and a
// question asked in between (which enterprise? which hazard?) takes that row: without care the
// report's window would be overwritten by the question and the correction lost. So a question
// saved over it carries it (`slots.lastReport`), and so does a question put back after a record.

/** The slots of the sender's last report still open to correction, if the draft holds one. */
export function lastReportOf(draft: Draft | null): Record<string, unknown> | null {
  if (!draft) return null;
  if (draft.intent === 'attach' && draft.awaiting === null) return draft.slots.reported === true ? draft.slots : null;
  // A question put back after another report holds that one as its photo target: the newer wins.
  const carried = [draft.slots.lastReport, draft.slots.photoTarget]
    .filter((r): r is Record<string, unknown> => (r as Record<string, unknown> | undefined)?.reported === true)
    .sort((a, b) => Number(b.since ?? 0) - Number(a.since ?? 0));
  return carried[0] ?? null;
}

/** The draft store for one message: a question it saves keeps the last report along. */
export function carryingLastReport(inner: DraftStore, last: Record<string, unknown> | null): DraftStore {
  if (!last) return inner;
  return {
    ...inner,
    save: (p, d, now, ttl) => inner.save(p, d.awaiting && d.slots.lastReport === undefined ? { ...d, slots: { ...d.slots, lastReport: last } } : d, now, ttl),
  };
}

/** The last report back as the draft (a question cancelled while it was carried): photos and corrections still reach it. */
export async function restoreLastReport(drafts: DraftStore, personId: number, last: Record<string, unknown>, now: Date): Promise<boolean> {
  const left = Number(last.since ?? 0) + PHOTO_WINDOW_MS - now.getTime();
  if (left <= 0) return false;
  await drafts.save(personId, { intent: 'attach', slots: last, awaiting: null }, now, left);
  return true;
}

/** The slots without the carried report `gone` (withdrawn): neither as report nor as photo target. */
export function withoutLastReport(slots: Record<string, unknown>, gone: Record<string, unknown>): Record<string, unknown> {
  const same = (r: unknown) => (r as Record<string, unknown> | undefined)?.hazardId === gone.hazardId;
  // null, not absent: carryingLastReport would otherwise put it back.
  const rest = Object.fromEntries(Object.entries(slots).filter(([k, v]) => !(k === 'photoTarget' && same(v))));
  return { ...rest, lastReport: same(slots.lastReport) ? null : slots.lastReport ?? null };
}
