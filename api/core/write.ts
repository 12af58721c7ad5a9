import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Db } from '../../db/client.js';

/**
 * Every write path goes through `ctx.writer.batch([...])` as one atomic batch: D1 has no interactive
 * transactions, and one place to write lets concurrent batches be group-committed (several callers'
 * statements in one transaction) without touching the verbs.
 */
export interface Writer {
  batch<U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(statements: T): Promise<BatchResponse<T>>;
  /**
   * A large all-or-nothing batch whose results are not needed (an import's write). Optional: a
   * writer over a local database file runs it off the event loop (db/off-thread-batch.ts); callers
   * fall back to `batch` without it.
   */
  bulk?(statements: readonly BatchItem<'sqlite'>[]): Promise<void>;
}

export const dbWriter = (db: Db): Writer => ({
  batch: (statements) => db.batch(statements),
});
