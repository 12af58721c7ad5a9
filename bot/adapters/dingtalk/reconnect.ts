import { L } from './messages.js';
import type { StreamClient } from './stream-client.js';

export type BackoffOptions = {
  /** First retry delay; doubled per consecutive failure. */
  minDelayMs: number;
  maxDelayMs: number;
  /** A connection that lived this long counts as healthy: the next loss starts again from minDelayMs. */
  stableAfterMs: number;
  /** Least time between two gateway open calls, whatever the jitter: at most one a second by default. */
  minIntervalMs?: number;
};

// The cap bounds how late the bot notices that DingTalk is back: an outage of any length ends with
// an attempt at most maxDelayMs × 1.2 (jitter) after the gateway's return, plus the failed call's own
// time (OPEN_TIMEOUT_MS in stream-client.ts). 60 s used to let the last attempt before the return
// schedule the next one ~30–60 s later; 8 s keeps it under 20 s while a long outage still costs
// only one cheap open call every ~8 s.
export const DEFAULT_BACKOFF: BackoffOptions = { minDelayMs: 1000, maxDelayMs: 8000, stableAfterMs: 30_000, minIntervalMs: 1000 };

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
  client: Pick<StreamClient, 'getEndpoint' | '_connect' | 'close'>;
  clientId: string;
  backoff: BackoffOptions;
  log: (line: string) => void;
  /** The jitter's source; tests pin it to the worst case. */
  random?: () => number;
}): Supervisor {
  let stopped = true;
  // Drives the backoff; a loss of a short-lived connection keeps counting.
  let failures = 0;
  // For the log: failed attempts since the last connection.
  let failedAttempts = 0;
  let openedAt = 0;
  // Start of the last gateway open call, for minIntervalMs.
  let lastOpenAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function retryLater(): number {
    failures += 1;
    // Jitter may go below minDelayMs (×0.8), and a connection lost right after it opened would retry
    // at once after its own open call: the floor keeps open calls at least minIntervalMs apart.
    const floor = lastOpenAt + (opts.backoff.minIntervalMs ?? 0) - Date.now();
    const delay = Math.max(backoffDelay(failures, opts.backoff, opts.random), Math.ceil(floor));
    timer = setTimeout(() => void attempt(), delay);
    return delay;
  }

  async function attempt(): Promise<void> {
    timer = undefined;
    if (stopped) return;
    const { client } = opts;
    lastOpenAt = Date.now();
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
