import type { Db } from '../../db/client.js';
import type { Writer } from '../../api/core/write.js';
import { packRows, SqlText } from '../../db/sql-text.js';
import { batchLoader } from '../../lib/batch-loader.js';
import { turnGroup } from '../turn-group.js';

// A conversation half-done lives in the database (one row per person), so a restart of the bot
// or a second device continues it. It expires after 30 minutes: an answer much later is more
// likely a new thought than the reply to an old question.
export const DRAFT_TTL_MS = 30 * 60_000;

/** What the bot is waiting for. `attach` waits for nothing: later photos go to `slots.hazardId`. */
export type Awaiting =
  | 'enterprise'
  | 'enterprise_choice'
  | 'description'
  | 'findings'
  | 'patrol_result'
  /** patrol.ts: findings that name no problem — 1. 巡查正常 2. 发现隐患. */
  | 'patrol_verdict'
  | 'code'
  | 'review_result'
  | 'reason'
  | 'department'
  | 'evidence'
  | 'duplicate'
  /** choose-intent.ts: which of several readings of a message was meant. */
  | 'intent_choice'
  /** deadline-ask.ts: the deadline again, after a date already gone or words that give none. */
  | 'deadline';

export type Draft = {
  intent: string;
  slots: Record<string, unknown>;
  awaiting: Awaiting | null;
  expiresAt: Date;
};

export type DraftStore = {
  load(personId: number, now: Date): Promise<Draft | null>;
  /** The stored draft even when expired, so an expired question can be announced, not lost silently. */
  loadAny(personId: number): Promise<Draft | null>;
  save(personId: number, draft: Omit<Draft, 'expiresAt'>, now: Date, ttlMs?: number): Promise<void>;
  drop(personId: number): Promise<void>;
};

type Row = { person_id: number; intent: string; slots: string; awaiting: string | null; expires_at: number };
type Op = { personId: number; draft: (Omit<Draft, 'expiresAt'> & { now: Date; expiresAt: Date }) | null };

/**
 * The drafts of the messages handled in one turn are read with one query and written with one
 * upsert (packed under the bound-parameter limit) plus one delete, as SqlText rather than drizzle's
 * builders: this is the chat intake hot path, where every report reads a draft and leaves one for
 * its photos. Writes of one turn apply in call order, so a person's last save or drop is what
 * stays, exactly as if they had run one by one.
 */
export function draftStore(db: Db, writer: Writer): DraftStore {
  const rows = batchLoader(async (personIds: number[]) => {
    const q = new SqlText().raw('select person_id, intent, slots, awaiting, expires_at from drafts where person_id in (').ints(personIds).raw(')');
    return new Map((await db.all<Row>(q.toSQL())).map((r) => [r.person_id, r]));
  });
  const write = turnGroup(async (ops: Op[]) => {
    const last = new Map(ops.map((op) => [op.personId, op]));
    const saves = [...last.values()].filter((op) => op.draft);
    const drops = [...last.values()].filter((op) => !op.draft);
    const rows = saves.map(({ personId, draft: d }) => new SqlText().raw('(').int(personId).raw(', ').word(d!.intent)
      .raw(', ').param(JSON.stringify(d!.slots)).raw(', ').word(d!.awaiting).raw(', ').int(d!.now.getTime()).raw(', ').int(d!.expiresAt.getTime()).raw(')'));
    const statements = packRows('insert into drafts (person_id, intent, slots, awaiting, updated_at, expires_at) values ', rows,
      ` on conflict (person_id) do update set intent = excluded.intent, slots = excluded.slots, awaiting = excluded.awaiting,
        updated_at = excluded.updated_at, expires_at = excluded.expires_at`).map((q) => db.run(q.toSQL()));
    if (drops.length) statements.push(db.run(new SqlText().raw('delete from drafts where person_id in (').ints(drops.map((d) => d.personId)).raw(')').toSQL()));
    await writer.batch(statements as [(typeof statements)[number], ...typeof statements]);
    return ops.map(() => undefined);
  });
  return {
    async load(personId, now) {
      const row = await rows(personId);
      // Read for every person of the turn at once; each message still sees only what is live at its own `now`.
      if (!row || row.expires_at <= now.getTime()) return null;
      return { intent: row.intent, slots: JSON.parse(row.slots), awaiting: row.awaiting as Awaiting | null, expiresAt: new Date(row.expires_at) };
    },
    async loadAny(personId) {
      const row = await rows(personId);
      if (!row) return null;
      return { intent: row.intent, slots: JSON.parse(row.slots), awaiting: row.awaiting as Awaiting | null, expiresAt: new Date(row.expires_at) };
    },
    save(personId, draft, now, ttlMs = DRAFT_TTL_MS) {
      return write({ personId, draft: { ...draft, now, expiresAt: new Date(now.getTime() + ttlMs) } });
    },
    drop(personId) {
      return write({ personId, draft: null });
    },
  };
}
