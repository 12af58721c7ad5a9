import { reportFollowUps } from './report-follow-ups.js';
import type { IntakeItem } from './intake-item.js';
import { answerSeen, checkReports, findBySources, type Admitted } from './report-checks.js';
import { writeReports } from './report-write.js';
import { toHazardView, type HazardRow } from './view.js';

/**
 * Checks and writes a group of reports, settling each one's promise except those deferred to the
 * next group, which it returns as soon as the group is committed. If the group's batch fails,
 * nothing of it was written; each report is then tried alone, so exactly the failing report gets
 * its error and the others are recorded as if they had come by themselves.
 */
export async function reportGroup(items: IntakeItem[]): Promise<IntakeItem[]> {
  const { admitted, deferred } = await checkReports(items);
  if (admitted.length === 0) return deferred;
  let rows: HazardRow[];
  try {
    rows = await writeReports(admitted);
  } catch (e) {
    if (admitted.length > 1) {
      // Alone, a report has nothing to be deferred behind.
      for (const a of admitted) await reportGroup([a.item]).catch((err) => a.item.reject(err));
    } else {
      await settleFailedWrite(admitted[0].item, e);
    }
    return deferred;
  }
  // Not awaited: the group is committed, and the next group must not wait on one report's urgent
  // alert (a stalled notifier would otherwise hold every later report). Each caller still gets its
  // answer after its own alert, as a lone report did.
  admitted.forEach((a, i) => void announce(a, rows[i]).catch((e) => a.item.reject(e)));
  return deferred;
}

/** Answers a recorded report, after its urgent alert has gone to the notifier (SPEC §5). */
async function announce(a: Admitted, row: HazardRow) {
  const { ctx } = a.item;
  // A hazard just reported has no departments yet: no need to ask the database.
  const hazard = toHazardView({ ...row, enterpriseName: a.ent.name }, [], a.now);
  await reportFollowUps(ctx, { id: row.id, level: a.level, riskColor: a.ent.riskColor, deadlineAt: row.deadlineAt });
  a.item.resolve({ hazard, created: true });
}

/** A lone report's write failed: another process may have recorded the same chat message first. */
async function settleFailedWrite(item: IntakeItem, error: unknown) {
  const { source } = item.input;
  const [winner] = source ? await findBySources(item.ctx.db, [source]) : [];
  if (winner) await answerSeen(item, winner).catch((err) => item.reject(err));
  else item.reject(error);
}
