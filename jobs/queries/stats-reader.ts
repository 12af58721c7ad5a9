import type { Db } from '../../db/client.js';
import type { Actor, Ctx } from '../../api/core/context.js';
import type { FileStore } from '../../api/core/file-store.js';
import type { Writer } from '../../api/core/write.js';
import { nullNotifier } from '../../api/core/notifier.js';
import { fixedClock } from '../../lib/clock.js';

/** The jobs read district-wide; a town's figures are asked for by townId, as a town admin's are. */
const JOB_READER: Actor = { personId: 0, name: '定时任务', role: 'district_admin', townId: null, gridIds: [], departmentId: null };

const readOnly = (what: string) => () => {
  throw new Error(`statistics reader cannot ${what}`);
};
const noWrites: Writer = { batch: async () => readOnly('write')() };
const noFiles: FileStore = { put: async () => readOnly('store files')(), get: async () => readOnly('read files')() };

/**
 * A verb context for calling the API's statistics (statsSummary) from a job, so a summary message
 * carries exactly the figures `统计` answers with. Clocked at the job's `now`; it can only read.
 */
export function statsReader(db: Db, now: Date): Ctx {
  return { db, writer: noWrites, clock: fixedClock(now), notifier: nullNotifier, files: noFiles, actor: JOB_READER, channel: 'job' };
}
