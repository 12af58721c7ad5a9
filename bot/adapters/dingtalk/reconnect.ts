import { L } from './messages.js';
import type { StreamClient } from './stream-client.js';

export type BackoffOptions = {
  /** First retry delay; doubled per consecutive failure. */
  minDelayMs: number;
  maxDelayMs: number;
  /** A connection that lived this long counts as healthy: the next loss starts again from minDelayMs. */
  stableAfterMs: number;
};

export const DEFAULT_BACKOFF: BackoffOptions = { minDelayMs: 1000, maxDelayMs: 60_000, stableAfterMs: 30_000 };

/** Delay before retry number `failures` (1-based): exponential, capped, ±20 % jitter so many bots do not retry in step. */
export function backoffDelay(failures: number, b: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(b.maxDelayMs, b.minDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(Math.min(b.maxDelayMs, base * (0.8 + 0.4 * random())));
}

export type Supervisor = { start(): Promise<void>; stop(): Promise<void>; lost(code: number): void };

/**
 * Keeps one Stream connection up: connects, and after a failed attempt or a lost connection waits
 * with bounded exponential backoff. Exactly one attempt or one timer is pending at any time.
 *
 * It calls getEndpoint() and _connect() itself instead of the SDK's connect(), which (2.1.5)
 * swallows every error, so a caller cannot tell a failed attempt from a connection, and whose
 * pending retries undo disconnect(): _connect() resets the user-disconnect flag, so a client
 * stopped while a retry was queued connects again.
 */
export function superviseConnection(opts: {
  client: StreamClient;
  clientId: string;
  backoff: BackoffOptions;
  log: (line: string) => void;
}): Supervisor {
  let stopped = true;
  // Drives the backoff; a loss of a short-lived connection keeps counting.
  let failures = 0;
  // For the log: failed attempts since the last connection.
  let failedAttempts = 0;
  let openedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function retryLater(): number {
    failures += 1;
    const delay = backoffDelay(failures, opts.backoff);
    timer = setTimeout(() => void attempt(), delay);
    return delay;
  }

  async function attempt(): Promise<void> {
    timer = undefined;
    if (stopped) return;
    const { client } = opts;
    try {
      await client.getEndpoint();
      if (stopped) return;
      await client._connect();
      if (stopped) return void (await client.close());
      openedAt = Date.now();
      failedAttempts = 0;
      opts.log(L.connected(opts.clientId));
    } catch (e) {
      if (stopped) return;
      const delay = retryLater();
      failedAttempts += 1;
      opts.log(L.connectFailed(failedAttempts, e instanceof Error ? e.message : String(e), delay));
    }
  }

  return {
    async start() {
      if (!stopped) return;
      stopped = false;
      failures = 0;
      await attempt();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await opts.client.close();
      opts.log(L.stopped);
    },
    lost(code) {
      if (stopped) return;
      if (Date.now() - openedAt >= opts.backoff.stableAfterMs) failures = 0;
      const delay = retryLater();
      opts.log(L.lost(code, delay));
    },
  };
}
