/**
 * Serial outbound queue with a jittered gap between sends. Personal WeChat accounts driven by a
 * puppet get restricted or banned for bursts, so every send — replies and reminders alike — waits
 * its turn here. Sleep and randomness are injected so tests run instantly.
 */
export type SlowQueueOptions = {
  /** Minimum gap between two sends, ms. */
  minGapMs: number;
  /** Extra random gap up to this many ms. */
  jitterMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

export function createSlowQueue(opts: SlowQueueOptions) {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  let tail: Promise<unknown> = Promise.resolve();
  let lastSentAt = 0;
  let pending = 0;

  function push<T>(task: () => Promise<T>): Promise<T> {
    pending++;
    const run = tail.then(async () => {
      const gap = opts.minGapMs + Math.floor(random() * opts.jitterMs);
      const wait = lastSentAt + gap - Date.now();
      if (lastSentAt > 0 && wait > 0) await sleep(wait);
      try {
        return await task();
      } finally {
        lastSentAt = Date.now();
        pending--;
      }
    });
    // A failed send must not stall the queue for everyone after it.
    tail = run.catch(() => undefined);
    return run;
  }

  return { push, get pending() { return pending; } };
}
