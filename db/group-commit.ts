import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client.js';
import type { Writer } from '../api/core/write.js';
import type { BulkBatch } from './off-thread-batch.js';

type Item = BatchItem<'sqlite'>;
type Pending = { statements: Item[]; resolve: (results: unknown[]) => void; reject: (e: unknown) => void };

export type GroupCommitOptions = {
  /** Flush at once when this many statements are queued, without waiting for the next turn of the loop. */
  maxStatements?: number;
  /**
   * Runs `bulk()` batches on another connection off the event loop (db/off-thread-batch.ts). While
   * one runs, every other batch waits in the queue: on the main thread it would otherwise wait for
   * SQLite's write lock synchronously (busy_timeout), blocking the loop for the whole bulk write.
   */
  bulk?: BulkBatch;
};

export type GroupCommitWriter = Writer & {
  /** Resolves when everything submitted so far has been committed or rejected (shutdown, tests). */
  drain(): Promise<void>;
  bulk(statements: readonly Item[]): Promise<void>;
  /**
   * Runs `fn` while no batch of this writer commits: for work that writes the same database file
   * on another connection (an import's thread, api/imports/thread/), so no main-thread commit ever
   * waits for SQLite's write lock synchronously meanwhile. The batches submitted in between queue up
   * and commit together right after.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  readonly stats: { commits: number; batches: number; retriedAlone: number; bulk: number; exclusive: number };
};

/**
 * A Writer that commits the batches submitted concurrently as ONE db.batch (one transaction, one
 * commit): a single-row commit costs the same as a hundred-row one, so concurrent reports stop paying
 * a commit each. Each caller's statements stay contiguous and in order, so anything a caller's batch
 * relies on within itself (a counter upsert read by the next insert) still holds. If the combined
 * batch fails, nothing of it was committed; each caller's batch is then re-run alone, so exactly the
 * failing caller gets its own error and the others succeed as if they had run by themselves.
 *
 * Flushes are serialised: while one commit is in flight (a remote database), new batches queue up
 * and go together in the next one.
 */
export function groupCommitWriter(db: Db, options: GroupCommitOptions = {}): GroupCommitWriter {
  const maxStatements = options.maxStatements ?? 1000;
  let queue: Pending[] = [];
  let queued = 0;
  let scheduled = false;
  let inFlight: Promise<void> | null = null;
  // Set while a bulk batch runs off-thread: nothing else is committed meanwhile.
  let held: Promise<void> | null = null;
  const stats = { commits: 0, batches: 0, retriedAlone: 0, bulk: 0, exclusive: 0 };

  const run = (statements: Item[]) => {
    stats.commits++;
    return db.batch(statements as [Item, ...Item[]]) as Promise<unknown[]>;
  };

  async function commit(group: Pending[]) {
    if (group.length === 1) {
      const [only] = group;
      await run(only.statements).then(only.resolve, only.reject);
      return;
    }
    let results: unknown[];
    try {
      results = await run(group.flatMap((p) => p.statements));
    } catch {
      for (const p of group) {
        stats.retriedAlone++;
        await run(p.statements).then(p.resolve, p.reject);
      }
      return;
    }
    let offset = 0;
    for (const p of group) {
      p.resolve(results.slice(offset, offset + p.statements.length));
      offset += p.statements.length;
    }
  }

  function flush() {
    scheduled = false;
    if (inFlight || held || queue.length === 0) return;
    const group = queue;
    queue = [];
    queued = 0;
    inFlight = commit(group).finally(() => {
      inFlight = null;
      flush();
    });
  }

  const writer: GroupCommitWriter = {
    stats,
    async bulk(statements) {
      if (!options.bulk) {
        if (statements.length) await writer.batch(statements as unknown as [Item, ...Item[]]);
        return;
      }
      const bulk = options.bulk;
      await writer.exclusive(async () => {
        stats.bulk++;
        await bulk(statements);
      });
    },
    async exclusive(fn) {
      // One holder at a time; then stop new commits and let the one in flight finish.
      while (held) await held;
      let release!: () => void;
      held = new Promise<void>((r) => (release = r));
      try {
        while (inFlight) await inFlight;
        stats.exclusive++;
        return await fn();
      } finally {
        held = null;
        release();
        flush();
      }
    },
    batch(statements) {
      return new Promise((resolve, reject) => {
        queue.push({ statements: [...statements], resolve: resolve as Pending['resolve'], reject });
        stats.batches++;
        queued += statements.length;
        if (queued >= maxStatements) flush();
        else if (!scheduled) {
          scheduled = true;
          // setImmediate, not a microtask: lets the other requests already read off the sockets
          // reach their writes first, so they join this commit.
          setImmediate(flush);
        }
      });
    },
    async drain() {
      while (inFlight || held || queue.length > 0) {
        flush();
        await (inFlight ?? held ?? new Promise((r) => setImmediate(r)));
      }
    },
  };
  return writer;
}
