import { and, inArray, isNull, lt, or } from 'drizzle-orm';
import { apiTokens } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { MAX_BOUND_PARAMS } from '../../db/sql-text.js';
import { nextTurn } from '../../lib/next-turn.js';
import type { Deps } from './context.js';

// A token's last use is worth knowing to the hour (which tokens are idle, which leaked one is still
// in use), not to the request: a write per request would double the cost of every read. So a token
// is written only when its stored value is older than this, and the tokens of a turn share one
// statement, written after the requests that used them have been answered.
export const LAST_USED_STEP_MS = 60 * 60_000;

// `written`: when this process last wrote each token, so uses resolved while a write is still on its
// way (their rows still show the old value) do not queue it again. One entry per token at most.
type Pending = { ids: Set<number>; written: Map<number, number>; flushing: Promise<void> | null };
const pendingByDb = new WeakMap<Db, Pending>();

/**
 * Notes that a token was used at `now`; `lastUsedAt` is what its row said when it was resolved.
 * Never throws and never delays the caller.
 */
export function noteTokenUse(deps: Pick<Deps, 'db' | 'writer' | 'clock'>, tokenId: number, lastUsedAt: Date | null, now: Date): void {
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < LAST_USED_STEP_MS) return;
  let pending = pendingByDb.get(deps.db);
  if (!pending) {
    pending = { ids: new Set(), written: new Map(), flushing: null };
    pendingByDb.set(deps.db, pending);
  }
  if (pending.ids.has(tokenId) || now.getTime() - (pending.written.get(tokenId) ?? -Infinity) < LAST_USED_STEP_MS) return;
  pending.ids.add(tokenId);
  if (!pending.flushing) {
    const p = pending;
    p.flushing = new Promise<void>((resolve) => nextTurn(resolve)).then(() => write(deps, p));
  }
}

/** Waits for the pending last-use writes (tests; a clean shutdown). */
export async function flushTokenUse(db: Db): Promise<void> {
  await pendingByDb.get(db)?.flushing;
}

async function write(deps: Pick<Deps, 'db' | 'writer' | 'clock'>, pending: Pending): Promise<void> {
  const ids = [...pending.ids];
  pending.ids.clear();
  pending.flushing = null;
  const now = deps.clock();
  for (const id of ids) pending.written.set(id, now.getTime());
  const stale = new Date(now.getTime() - LAST_USED_STEP_MS);
  for (let i = 0; i < ids.length; i += MAX_BOUND_PARAMS - 2) {
    const chunk = ids.slice(i, i + MAX_BOUND_PARAMS - 2);
    try {
      await deps.writer.batch([
        deps.db.update(apiTokens).set({ lastUsedAt: now })
          .where(and(inArray(apiTokens.id, chunk), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale)))),
      ]);
    } catch {
      // Best effort: the row keeps its old value, and the token's next use tries again.
      for (const id of chunk) pending.written.delete(id);
    }
  }
}
