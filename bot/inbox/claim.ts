import type { Deps } from '../../api/core/context.js';
import { packRows, SqlText } from '../../db/sql-text.js';
import { turnGroup } from '../turn-group.js';

/**
 * A claim on a recorded message: who handles it, and who sends its reply. `from` is the
 * `claimed_at` the caller last saw (null: never claimed); `send` claims only a reply still unsent.
 */
export type ClaimAttempt = { id: number; from: number | null; send: boolean };

/**
 * How long a claim holds: a delivery (or the replay) takes over a message only when its claim is
 * older than this, so a handler or a reply still being sent elsewhere is not duplicated. Longer
 * than a dialog turn plus the reply's retries (2 s + 15 s, each send bounded at 15 s).
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

/**
 * Compare-and-set on `received_messages.claimed_at`: the attempt wins only when the row's claim is
 * still the one it saw, and the winner's new value is strictly greater, so every later attempt
 * that saw the old value loses. This is what makes one message's concurrent deliveries answer
 * once across processes and Worker isolates, where the inbox's in-memory sets cannot see each
 * other. The attempts of one turn are one UPDATE … FROM VALUES … RETURNING. Two attempts on one row
 * in the same statement would both see the row returned, so the k-th attempt on a row goes in the
 * k-th statement of the batch, which runs them in order: each sees what the one before it did.
 * Resolves to the new claim value, or null when someone else holds the message (or its reply went out).
 */
export function messageClaimer(deps: Deps): (attempt: ClaimAttempt) => Promise<number | null> {
  return turnGroup(async (attempts: ClaimAttempt[]) => {
    const at = deps.clock().getTime();
    const rounds: { index: number; next: number }[][] = [];
    const seen = new Map<number, number>();
    attempts.forEach((a, index) => {
      const round = seen.get(a.id) ?? 0;
      seen.set(a.id, round + 1);
      (rounds[round] ??= []).push({ index, next: Math.max(at, (a.from ?? 0) + 1) });
    });
    const statements = rounds.flatMap((round, r) => {
      const rows = round.map(({ index, next }) => {
        const a = attempts[index];
        return new SqlText().raw('(').int(a.id).raw(', ').int(a.from).raw(', ').int(next).raw(', ').int(a.send ? 1 : 0).raw(')');
      });
      return packRows(`update received_messages set claimed_at = v.next
        from (select column1 as id, column2 as seen, column3 as next, column4 as send from (values `, rows,
      `)) as v where received_messages.id = v.id and received_messages.claimed_at is v.seen
        and (v.send = 0 or received_messages.replied_at is null) returning received_messages.id as id`)
        .map((q) => ({ round: r, query: deps.db.all<{ id: number }>(q.toSQL()) }));
    });
    const results = await deps.writer.batch(statements.map((s) => s.query) as [(typeof statements)[number]['query'], ...(typeof statements)[number]['query'][]]);
    const won = rounds.map(() => new Set<number>());
    results.forEach((rows, i) => { for (const r of rows) won[statements[i].round].add(Number(r.id)); });
    const out: (number | null)[] = attempts.map(() => null);
    rounds.forEach((round, r) => {
      for (const { index, next } of round) if (won[r].has(attempts[index].id)) out[index] = next;
    });
    return out;
  });
}

/**
 * Gives a claim up (back to null) when its holder stops working on the message without finishing
 * it (a reply refused for good): the next delivery or replay may then take over at once, instead
 * of waiting out the lease. Only the holder's own claim is cleared.
 */
export async function releaseClaim(deps: Deps, id: number, claim: number): Promise<void> {
  const q = new SqlText().raw('update received_messages set claimed_at = null where id = ').int(id).raw(' and claimed_at = ').int(claim);
  await deps.writer.batch([deps.db.run(q.toSQL())]);
}
