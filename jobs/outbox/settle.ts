import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { JobsConfig } from '../config.js';

/** What came of one platform call, per row id. */
export type Outcome = { sent: number[]; retry: number[]; retryError: string; failed: { id: number; error: string }[] };

const ids = (xs: number[]) => sql.join(xs.map((id) => sql`${id}`), sql`, `);

export async function markSent(db: Db, rowIds: number[], platform: string, now: Date): Promise<number> {
  if (!rowIds.length) return 0;
  return (await db.run(sql`update notifications set status = 'sent', sent_at = ${+now}, platform = ${platform},
    attempts = attempts + 1, last_error = null where id in (${ids(rowIds)}) and status = 'pending'`)).rowsAffected;
}

/** Retryable failure: attempts + 1 and back off (1, 5, 15, 60 … min); at maxAttempts the row fails for good. */
export async function retryRows(db: Db, rowIds: number[], error: string, now: Date, config: JobsConfig): Promise<number> {
  if (!rowIds.length) return 0;
  const { backoffMinutes: b, maxAttempts } = config.outbox;
  const delay = sql.join(b.map((m, i) => sql`when ${i} then ${m * 60_000}`), sql` `);
  return (await db.run(sql`update notifications set
      attempts = attempts + 1,
      status = case when attempts + 1 >= ${maxAttempts} then 'failed' else 'pending' end,
      not_before = ${+now} + case attempts ${delay} else ${b[b.length - 1] * 60_000} end,
      last_error = ${error.slice(0, 500)}
    where id in (${ids(rowIds)}) and status = 'pending'`)).rowsAffected;
}

export async function failRows(db: Db, rowIds: number[], error: string): Promise<number> {
  if (!rowIds.length) return 0;
  return (await db.run(sql`update notifications set status = 'failed', attempts = attempts + 1, last_error = ${error.slice(0, 500)}
    where id in (${ids(rowIds)}) and status = 'pending'`)).rowsAffected;
}
