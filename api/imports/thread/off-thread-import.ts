import { Worker } from 'node:worker_threads';
import type { GroupCommitWriter } from '../../../db/group-commit.js';
import type { Ctx } from '../../core/context.js';
import { DomainError, retryable } from '../../core/errors.js';
import { importTable } from '../import-table.js';
import type { ImportJob, ImportResult, ImportRunner } from '../import-types.js';
import type { FromThread, ImportThreadData, ThreadError, ToThread } from './protocol.js';

const isLocalFile = (url: string) => url.startsWith('file:') && !url.includes(':memory:');

// Below this a file is read, checked and written in a few ms: a thread (~1 s to start and load
// the import code) would only make it slower. 50,000 rows are ~8.5 MB.
const DEFAULT_MIN_BYTES = 64 * 1024;

export type OffThreadImportOptions = {
  minBytes?: number;
  /** Where a thread that could not start is reported (the import then runs in process). */
  log?: (message: string, error: unknown) => void;
  /** The thread's entry module (tests point it at one that fails to load). */
  entry?: URL;
};

/**
 * Why a thread (issue 9, "no request blocks the event loop for more than 50 ms"): a local libsql
 * database runs every call synchronously on the calling thread, and a 50,000-row import is ~2 s of
 * CSV parsing, validation, reference lookups and JSON building, 1-3 s of SQLite writing one
 * transaction, and ~1 s of pinyin. Slicing it into turns (TurnBudget) still left 30-100 ms pieces
 * and a busy core; in the thread none of it touches the event loop. The thread has its own
 * connection (WAL: the main one keeps reading the last committed state) and writes only while the
 * main process's group-commit writer holds its commits (`exclusive`), so no main-thread write ever
 * waits synchronously on SQLite's lock. The import stays all-or-nothing, its Idempotency-Key claim
 * committed in its own batch.
 *
 * Undefined for in-memory and remote databases: an in-memory database cannot be shared with a
 * thread, and a remote one does its work off this process already.
 */
export function offThreadImport(url: string, writer: GroupCommitWriter, options: OffThreadImportOptions = {}): ImportRunner | undefined {
  if (!isLocalFile(url)) return undefined;
  const minBytes = options.minBytes ?? DEFAULT_MIN_BYTES;
  const entry = options.entry ?? new URL('./boot.mjs', import.meta.url);
  return (ctx, job) => (job.bytes.byteLength < minBytes ? importTable(ctx, job) : inThread(url, entry, writer, ctx, job, options.log));
}

function inThread(url: string, entry: URL, writer: GroupCommitWriter, ctx: Ctx, job: ImportJob, log?: OffThreadImportOptions['log']): Promise<ImportResult> {
  const claim = ctx.idempotency;
  const data: ImportThreadData = {
    url, job, actor: ctx.actor, channel: ctx.channel, now: ctx.clock().getTime(),
    ...(claim ? { claim: { personId: claim.personId, key: claim.key, method: claim.method, path: claim.path, requestHash: claim.requestHash, at: claim.at.getTime(), committed: claim.committed } } : {}),
  };
  // The thread could not start (its loader or the import code failed to load): nothing was written,
  // so the import runs here instead, sliced into turns as before the thread.
  const inProcess = (e: unknown) => {
    log?.('import thread failed to start; importing in process', e);
    return importTable(ctx, job);
  };
  let worker: Worker;
  try {
    worker = new Worker(entry, { workerData: data, execArgv: [] });
  } catch (e) {
    return inProcess(e);
  }
  return new Promise<ImportResult>((resolve, reject) => {
    const releases = new Map<number, () => void>();
    let started = false;
    let settled = false;
    const releaseAll = () => {
      for (const release of releases.values()) release();
      releases.clear();
    };
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      releaseAll();
      fn();
    };
    worker.on('message', (m: FromThread) => {
      if (m.type === 'started') started = true;
      else if (m.type === 'hold') {
        // Granted once nothing of the main writer is in flight; released when the thread says so.
        void writer.exclusive(() => new Promise<void>((release) => {
          releases.set(m.id, release);
          worker.postMessage({ type: 'held', id: m.id } satisfies ToThread);
        }));
      } else if (m.type === 'release') {
        releases.get(m.id)?.();
        releases.delete(m.id);
      } else if (m.type === 'done') {
        // The claim row went in with the thread's first batch: the middleware stores the answer on it.
        if (m.claimCommitted && claim) claim.committed = true;
        settle(() => (m.ok ? resolve(m.result) : reject(errorFrom(m.error))));
      }
    });
    worker.once('error', (e) => {
      if (!started) settle(() => inProcess(e).then(resolve, reject));
      else settle(() => reject(e));
    });
    worker.once('exit', (code) => settle(() => reject(new Error(`import thread exited (${code}) before answering`))));
  });
}

/** A domain error crosses as data and is rebuilt, so the API answers it as if thrown here. */
function errorFrom(e: ThreadError): Error {
  if (e.domain) {
    const err = new DomainError(e.domain.code, e.domain.message, e.domain.details);
    return e.domain.retryable ? retryable(err) : err;
  }
  return Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
}
