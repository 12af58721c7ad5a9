import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Writer } from '../../api/core/write.js';
import { hazardCodeCounters, hazardEvents, hazards } from '../../db/schema/index.js';

export type WriterLoadResult = { batches: number; elapsedMs: number; rate: number };

/**
 * The write half of a report alone: `concurrency` callers each submitting the report verb's batch
 * (code counter upsert, hazard insert, report event) back to back through `writer`. Separates what
 * group commit changes (commits) from the per-request reads and HTTP work around it.
 */
export async function writerLoad(db: Db, writer: Writer, opts: { concurrency: number; durationMs: number; enterprise: { id: number; gridId: number; townId: number }; tag: string }): Promise<WriterLoadResult> {
  const day = `BENCH-${opts.tag}`;
  let batches = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const e = opts.enterprise;
  const caller = async () => {
    while (performance.now() < deadline) {
      const now = new Date();
      await writer.batch([
        db.insert(hazardCodeCounters).values({ day, seq: 1 })
          .onConflictDoUpdate({ target: hazardCodeCounters.day, set: { seq: sql`${hazardCodeCounters.seq} + 1` } }),
        db.insert(hazards).values({
          code: sql`${day} || '-' || (select seq from hazard_code_counters where day = ${day})`,
          enterpriseId: e.id, gridId: e.gridId, townId: e.townId, reporterId: 1, description: '写入基准', level: 'general',
          status: 'reported', reportedAt: now, updatedAt: now,
        }),
        db.insert(hazardEvents).values({ hazardId: sql`last_insert_rowid()`, action: 'report', toStatus: 'reported', actorId: 1, at: now, channel: 'api' }),
      ]);
      batches++;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, caller));
  const elapsedMs = performance.now() - started;
  return { batches, elapsedMs, rate: (batches / elapsedMs) * 1000 };
}
