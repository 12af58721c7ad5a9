import { nextTurn } from '../lib/next-turn.js';

/**
 * Gathers the items submitted in one turn of the event loop and runs them as one group: the
 * write-side twin of lib/batch-loader.ts, for chat intake (SPEC §9), where a district's messages
 * arrive together and each statement costs more to prepare than SQLite spends running it.
 * `run` returns one result per item, in order. When the group fails and holds more than one
 * item, each item is run alone, so only the item that cannot be written hears an error and the
 * others end exactly as they would have by themselves. A group holds at most `max` items, which
 * keeps one multi-row statement well under SQLite's bound-parameter limit.
 */
export function turnGroup<T, R>(run: (items: T[]) => Promise<R[]>, max = 200): (item: T) => Promise<R> {
  let waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] | null = null;

  async function flush(group: NonNullable<typeof waiting>) {
    try {
      const results = await run(group.map((g) => g.item));
      group.forEach((g, i) => g.resolve(results[i]));
      return;
    } catch (e) {
      if (group.length === 1) return group[0].reject(e);
    }
    for (const g of group) {
      await run([g.item]).then(([r]) => g.resolve(r), g.reject);
    }
  }

  // Groups run one after another, retries included: a later group's write (a draft dropped) must
  // never commit before an earlier group's retried write (the same draft saved) and be undone by it.
  let previous: Promise<void> = Promise.resolve();

  return (item) =>
    new Promise((resolve, reject) => {
      if (!waiting || waiting.length >= max) {
        const group: NonNullable<typeof waiting> = [];
        waiting = group;
        nextTurn(() => {
          if (waiting === group) waiting = null;
          previous = previous.then(() => flush(group));
        });
      }
      waiting.push({ item, resolve, reject });
    });
}
