import type { Client, Transaction } from '@libsql/client';
import { DomainError } from '../api/core/errors.js';

// A remote database (libsql server over HTTP/WebSocket, D1) can stall: the request is accepted and
// never answered. Without a bound, the caller waits forever, and so does everything queued behind
// it (api/hazards/intake-queue.ts runs one group at a time, db/group-commit.ts one commit at a time).
// Every remote call is therefore raced against a timer. A timed-out write may still commit later on
// the server (the outcome is unknown, as with any lost answer); writes go in one atomic batch, so it
// is all or nothing, and a retry with the same Idempotency-Key finds the stored result.
// Local files are not wrapped: their calls run in-process and SQLite's busy_timeout bounds locks.

export const DEFAULT_DATABASE_TIMEOUT_MS = 10_000;

export const databaseUnavailable = () => new DomainError('database_unavailable', '数据库暂时无响应，请稍后重试');

/** Settles as `p` does, or rejects with database_unavailable after `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(databaseUnavailable()), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const isThenable = (v: unknown): v is Promise<unknown> => typeof (v as { then?: unknown } | null)?.then === 'function';

/**
 * A view of `target` whose methods returning a promise time out after `ms`. Methods are called on
 * the target itself (the SDK classes keep #private fields a Proxy receiver could not reach);
 * `special` replaces chosen methods (to wrap what they return).
 */
function timed<T extends object>(target: T, ms: number, special: Record<string, (...args: unknown[]) => unknown> = {}): T {
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'string' && prop in special) return special[prop];
      const value = Reflect.get(t, prop, t) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const out = (value as (...a: unknown[]) => unknown).apply(t, args);
        return isThenable(out) ? withTimeout(Promise.resolve(out), ms) : out;
      };
    },
  });
}

/** The libsql client with every call (execute, batch, migrate, transactions and their statements) bounded. */
export function timeoutClient(client: Client, ms: number): Client {
  return timed(client, ms, {
    transaction: (...args: unknown[]) =>
      withTimeout((client.transaction as (...a: unknown[]) => Promise<Transaction>)(...args), ms).then((tx) => timed(tx, ms)),
  });
}

/**
 * A `fetch` for libsql's HTTP client that aborts a request after `ms`, so a stalled server's
 * socket is released as well as the caller (the race above answers the caller either way).
 */
export function timeoutFetch(ms: number) {
  return (input: Request | string | URL, init?: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(ms) });
}

type D1Like = { prepare(sql: string): object; batch(statements: unknown[]): Promise<unknown[]> };

/**
 * The D1 binding with every statement (all, run, first, raw) and batch bounded. Prepared statements
 * are handed out wrapped; batch() gets the originals back, since workerd reads their internals.
 */
export function timeoutD1<T extends object>(d1: T, ms: number): T {
  const original = new WeakMap<object, object>();
  const wrapStatement = (stmt: object): object => {
    const wrapped = timed(stmt, ms, {
      bind: (...values: unknown[]) => wrapStatement((stmt as { bind(...v: unknown[]): object }).bind(...values)),
    });
    original.set(wrapped, stmt);
    return wrapped;
  };
  const db = d1 as unknown as D1Like;
  return timed(d1, ms, {
    prepare: (sql: unknown) => wrapStatement(db.prepare(sql as string)),
    batch: (statements: unknown) =>
      withTimeout(db.batch((statements as object[]).map((s) => original.get(s) ?? s)), ms),
  });
}
