import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { writeOne, type JobStore } from '../write.js';
import type { JobsConfig } from '../config.js';
import { affected } from '../db-result.js';

// Every state change of an outbox row, each guarded by status = 'pending' (and for claims by
// not_before <= now) so concurrent drainers can only move a row once. Writes go through the
// store's writer (jobs/write.ts): a drain during an import must not block the event loop.

/** What came of one platform call, per row id. */
export type Outcome = { sent: number[]; retry: number[]; retryError: string; failed: { id: number; error: string }[] };

const ids = (xs: number[]) => sql.join(xs.map((id) => sql`${id}`), sql`, `);

export async function markSent(store: JobStore, rowIds: number[], platform: string, now: Date): Promise<number> {
  if (!rowIds.length) return 0;
  return affected(await writeOne(store, store.db.run(sql`update notifications set status = 'sent', sent_at = ${+now}, platform = ${platform},
    attempts = attempts + 1, last_error = null where id in (${ids(rowIds)}) and status = 'pending'`)));
}

/** Retryable failure: attempts + 1 and back off (1, 5, 15, 60 … min); at maxAttempts the row fails for good. */
export async function retryRows(store: JobStore, rowIds: number[], error: string, now: Date, config: JobsConfig): Promise<number> {
  if (!rowIds.length) return 0;
  const { backoffMinutes: b, maxAttempts } = config.outbox;
  const delay = sql.join(b.map((m, i) => sql`when ${i} then ${m * 60_000}`), sql` `);
  return affected(await writeOne(store, store.db.run(sql`update notifications set
      attempts = attempts + 1,
      status = case when attempts + 1 >= ${maxAttempts} then 'failed' else 'pending' end,
      not_before = ${+now} + case attempts ${delay} else ${b[b.length - 1] * 60_000} end,
      last_error = ${error.slice(0, 500)}
    where id in (${ids(rowIds)}) and status = 'pending'`)));
}

export async function failRows(store: JobStore, rowIds: number[], error: string): Promise<number> {
  if (!rowIds.length) return 0;
  return affected(await writeOne(store, store.db.run(sql`update notifications set status = 'failed', attempts = attempts + 1, last_error = ${error.slice(0, 500)}
    where id in (${ids(rowIds)}) and status = 'pending'`)));
}

/** Claims rows for this drainer: not_before moves a lease ahead, in one guarded UPDATE … RETURNING. */
export async function claim(store: JobStore, ids: number[], now: Date, leaseSeconds: number): Promise<Set<number>> {
  const got = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await writeOne<{ id: number }[]>(store, store.db.all<{ id: number }>(sql`update notifications set not_before = ${+now + leaseSeconds * 1000}
      where id in (${sql.join(chunk.map((id) => sql`${id}`), sql`, `)}) and status = 'pending' and not_before <= ${+now}
      returning id`));
    for (const r of rows) got.add(r.id);
  }
  return got;
}

/** Rows that cannot go this round wait until `until` without counting an attempt. */
export async function postpone(store: JobStore, ids: number[], now: Date, until: number) {
  for (let i = 0; i < ids.length; i += 500) {
    await writeOne(store, store.db.run(sql`update notifications set not_before = ${until}
      where id in (${sql.join(ids.slice(i, i + 500).map((id) => sql`${id}`), sql`, `)}) and status = 'pending' and not_before <= ${+now}`));
  }
}

/** Group robot messages sent in the last minute (DingTalk allows 20). */
export async function groupSendsLastMinute(db: Db, now: Date): Promise<number> {
  const [r] = await db.all<{ n: number }>(sql`select count(*) as n from notifications
    where status = 'sent' and target is not null and platform = 'dingtalk' and sent_at > ${+now - 60_000}`);
  return r?.n ?? 0;
}
