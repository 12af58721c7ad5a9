import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client.js';
import type { Writer } from '../api/core/write.js';

/**
 * Where the jobs and the outbox write. In the Node process `writer` is the same group-commit writer
 * the API and the inbox use (entry/node.ts): while an import's write runs in its worker thread
 * (db/off-thread-batch.ts) that writer queues every other write, whereas a statement run on `db`
 * directly would wait for SQLite's write lock synchronously (busy_timeout), holding the event loop
 * for the whole import. Without a writer (the Worker, CLI runs, tests) statements run on `db`.
 */
export type JobStore = { db: Db; writer?: Writer };

/** Runs one write statement through the store's writer if it has one; resolves to its result. */
export async function writeOne<T = unknown>(store: JobStore, statement: BatchItem<'sqlite'>): Promise<T> {
  if (!store.writer) return (await statement) as T;
  const [result] = await store.writer.batch([statement]);
  return result as T;
}
