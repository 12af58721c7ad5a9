import { Worker } from 'node:worker_threads';
import type { BatchItem } from 'drizzle-orm/batch';

/** Runs one all-or-nothing batch whose results the caller does not need (an import's write). */
export type BulkBatch = (statements: readonly BatchItem<'sqlite'>[]) => Promise<void>;

type Prepared = { getQuery(): { sql: string; params: unknown[] } };

// Statements are handed to the thread a few at a time with a turn of the loop in between:
// postMessage clones synchronously, and 50,000 rows are ~15 MB of JSON parameters.
const STATEMENTS_PER_MESSAGE = 8;

const isLocalFile = (url: string) => url.startsWith('file:') && !url.includes(':memory:');

/**
 * Why a worker thread (issue 9, "no request blocks the event loop for more than 50 ms"): a local
 * libsql database runs every call synchronously on the calling thread, and writing 50,000 rows as
 * one transaction is 1-3 s of SQLite work. Alternatives weighed:
 *  - writing in chunks into staging tables and publishing with a few set-based statements still
 *    inserts 50,000 rows into indexed tables in one statement: hundreds of ms, not under 50;
 *  - an interactive transaction on the main thread, one statement per turn: each statement still
 *    blocks for its slice, libsql hands the transaction the client's connection and opens a new one
 *    without our PRAGMAs, and the commit's WAL checkpoint runs on the main thread anyway;
 *  - committing chunk by chunk would show a half-imported file.
 * So the batch runs on its own connection in a thread (WAL: the main connection keeps reading the
 * last committed state meanwhile), as one transaction: all or nothing as before. The group-commit
 * writer holds the other writes back until it commits (db/group-commit.ts), so no main-thread write
 * waits synchronously on SQLite's lock. Undefined for in-memory and remote databases: an in-memory
 * database cannot be shared with a thread, and a remote one does its work off this process already.
 */
export function offThreadBatch(url: string): BulkBatch | undefined {
  if (!isLocalFile(url)) return undefined;
  return async (statements) => {
    const worker = new Worker(new URL('./batch-thread.mjs', import.meta.url), { workerData: { url } });
    const done = new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { ok: boolean; error?: { message: string; code?: string; rawCode?: number } }) => {
        if (m.ok) resolve();
        else reject(Object.assign(new Error(m.error!.message), { code: m.error!.code, rawCode: m.error!.rawCode }));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`batch thread exited (${code}) before committing`)));
    });
    done.catch(() => {}); // awaited below; a thread failing while statements are still sent is not unhandled
    try {
      for (let i = 0; i < statements.length; i += STATEMENTS_PER_MESSAGE) {
        const items = statements.slice(i, i + STATEMENTS_PER_MESSAGE).map((item) => {
          const { sql, params } = (item as unknown as { _prepare(): Prepared })._prepare().getQuery();
          return { sql, args: params };
        });
        worker.postMessage({ type: 'statements', items });
        await new Promise((r) => setImmediate(r));
      }
      worker.postMessage({ type: 'run' });
      await done;
    } catch (e) {
      // A failure before the run (or a crashed thread): the transaction never committed.
      await worker.terminate();
      throw e;
    }
  };
}
