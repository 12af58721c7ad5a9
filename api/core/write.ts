import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Db } from '../../db/client.js';

/**
 * Every write path goes through `ctx.writer.batch([...])` as one atomic batch: D1 has no interactive
 * transactions, and one place to write lets concurrent batches be group-committed (several callers'
 * statements in one transaction) without touching the verbs.
 */
export interface Writer {
  batch<U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(statements: T): Promise<BatchResponse<T>>;
}

export const dbWriter = (db: Db): Writer => ({
  batch: (statements) => db.batch(statements),
});
