import { and, eq, gt } from 'drizzle-orm';
import { drafts } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import type { Writer } from '../../api/core/write.js';

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
  | 'code'
  | 'review_result'
  | 'reason'
  | 'department'
  | 'evidence'
  | 'duplicate';

export type Draft = {
  intent: string;
  slots: Record<string, unknown>;
  awaiting: Awaiting | null;
  expiresAt: Date;
};

export type DraftStore = {
  load(personId: number, now: Date): Promise<Draft | null>;
  save(personId: number, draft: Omit<Draft, 'expiresAt'>, now: Date, ttlMs?: number): Promise<void>;
  drop(personId: number): Promise<void>;
};

export function draftStore(db: Db, writer: Writer): DraftStore {
  return {
    async load(personId, now) {
      const row = await db
        .select()
        .from(drafts)
        .where(and(eq(drafts.personId, personId), gt(drafts.expiresAt, now)))
        .get();
      if (!row) return null;
      return { intent: row.intent, slots: row.slots, awaiting: row.awaiting as Awaiting | null, expiresAt: row.expiresAt };
    },
    async save(personId, draft, now, ttlMs = DRAFT_TTL_MS) {
      const values = {
        personId,
        intent: draft.intent,
        slots: draft.slots,
        awaiting: draft.awaiting,
        updatedAt: now,
        expiresAt: new Date(now.getTime() + ttlMs),
      };
      await writer.batch([
        db.insert(drafts).values(values).onConflictDoUpdate({
          target: drafts.personId,
          set: { intent: values.intent, slots: values.slots, awaiting: values.awaiting, updatedAt: now, expiresAt: values.expiresAt },
        }),
      ]);
    },
    async drop(personId) {
      await writer.batch([db.delete(drafts).where(eq(drafts.personId, personId))]);
    },
  };
}
