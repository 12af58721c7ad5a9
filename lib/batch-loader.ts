import { nextTurn } from './next-turn.js';

/**
 * Coalesces the lookups made in one turn of the event loop into one call of `load` (the DataLoader
 * pattern, without its cache: every turn asks the database again, so nothing read is ever stale).
 * Under concurrent requests N lookups cost one query instead of N; alone, one turn of latency.
 * If the shared query fails, each key is retried alone.
 */
export function batchLoader<K, V>(load: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
  let waiting: Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]> | null = null;

  async function run(batch: NonNullable<typeof waiting>) {
    try {
      const found = await load([...batch.keys()]);
      for (const [key, callers] of batch) for (const c of callers) c.resolve(found.get(key));
    } catch (e) {
      if (batch.size === 1) {
        for (const callers of batch.values()) for (const c of callers) c.reject(e);
        return;
      }
      // One bad key (a malformed row, say) must not fail every caller of the turn: each key is
      // asked alone, so only the callers of a key that fails by itself hear an error.
      await Promise.all([...batch].map(([key, callers]) => run(new Map([[key, callers]]))));
    }
  }

  return (key) =>
    new Promise((resolve, reject) => {
      if (!waiting) {
        const batch = new Map();
        waiting = batch;
        nextTurn(() => {
          waiting = null;
          void run(batch);
        });
      }
      const callers = waiting.get(key) ?? [];
      callers.push({ resolve, reject });
      waiting.set(key, callers);
    });
}
