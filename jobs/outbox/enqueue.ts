import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notifications } from '../../db/schema/index.js';
import type { OutboxSink, PlannedNotification } from '../types.js';
import { affected } from '../db-result.js';
import { writeOne } from '../write.js';
import type { Writer } from '../../api/core/write.js';

// One statement per chunk with the rows as a single JSON parameter: no bound-parameter limit to
// stay under, and a city-wide digest run (16,000 rows) is a handful of statements.
const CHUNK = 2000;

/**
 * The outbox: every message is a row keyed by its dedupe key before anything is sent, so a
 * re-run, a crash mid-run or a second scheduler inserts nothing new (ON CONFLICT DO NOTHING).
 * With the process's writer, inserts queue behind an import's write instead of blocking the event
 * loop on SQLite's lock (jobs/write.ts).
 */
export function dbOutbox(db: Db, writer?: Writer): OutboxSink {
  const store = { db, writer };
  return {
    async enqueue(rows, now) {
      let inserted = 0;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const json = JSON.stringify(rows.slice(i, i + CHUNK).map(toJson));
        // `where true` lets SQLite parse ON CONFLICT after INSERT … SELECT.
        const res = await writeOne(store, db.run(sql`insert into notifications
            (dedupe_key, person_id, kind, urgent, title, text, image, status, attempts, not_before, expires_at, created_at)
          select j.value ->> 'k', j.value ->> 'p', j.value ->> 'kind', j.value ->> 'u', j.value ->> 'title', j.value ->> 'text', j.value ->> 'img',
                 'pending', 0, ${+now}, j.value ->> 'exp', ${+now}
          from json_each(${json}) j where true
          on conflict (dedupe_key) do nothing`));
        inserted += affected(res);
      }
      return inserted;
    },
  };
}

const toJson = (r: PlannedNotification) => ({
  k: r.dedupeKey, p: r.personId, kind: r.kind, u: r.urgent ? 1 : 0, title: r.title, text: r.text,
  exp: r.expiresAt ? r.expiresAt.getTime() : null,
  img: r.image ? JSON.stringify(r.image) : null,
});

/** Dry runs: remembers what would be enqueued, writes nothing. */
export function dryRunOutbox(): OutboxSink & { rows: PlannedNotification[] } {
  const rows: PlannedNotification[] = [];
  return { rows, enqueue: async (r) => (rows.push(...r), r.length) };
}

/** How many outbox rows wait to be sent (CLI and scheduler logs). */
export async function pendingCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(notifications).where(sql`${notifications.status} = 'pending'`);
  return Number(row?.n ?? 0);
}
