import type { Db } from '../../db/client.js';
import { loadActor } from '../../api/core/actor.js';
import { nullNotifier } from '../../api/core/notifier.js';
import { memoryFileStore } from '../../api/core/file-store.js';
import type { Ctx } from '../../api/core/context.js';
import { reportHazard, type ReportHazardInputT } from '../../api/hazards/report.js';
import { groupCommitWriter } from '../../db/group-commit.js';
import { systemClock } from '../../lib/clock.js';
import { reportRequest, type BenchReporter } from './report-load.js';

export type VerbLoadResult = { reports: number; failed: number; elapsedMs: number; rate: number; cpuMsPerReport: number };

/**
 * The report verb alone, in this process: `concurrency` callers each calling reportHazard back to
 * back with the same inputs the HTTP phase sends, through the production writer. The difference to
 * the HTTP phase is what the server stack (HTTP parsing, routing, JSON) costs per report.
 */
export async function verbLoad(db: Db, reporters: BenchReporter[], opts: { concurrency: number; durationMs: number; first: number }): Promise<VerbLoadResult> {
  const deps = { db, writer: groupCommitWriter(db), clock: systemClock, notifier: nullNotifier, files: memoryFileStore() };
  const ctxs = new Map<number, Ctx>();
  for (const r of reporters) ctxs.set(r.personId, { ...deps, actor: (await loadActor(db, r.personId))!, channel: 'api' });
  let next = opts.first;
  let reports = 0;
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const caller = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      const reporter = reporters[i % reporters.length];
      const input = JSON.parse(reportRequest(reporters, i).body!) as ReportHazardInputT;
      await reportHazard(ctxs.get(reporter.personId)!, input).then(() => reports++, () => failed++);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, caller));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  return { reports, failed, elapsedMs, rate: (reports / elapsedMs) * 1000, cpuMsPerReport: (cpu.user + cpu.system) / 1000 / Math.max(1, reports + failed) };
}
