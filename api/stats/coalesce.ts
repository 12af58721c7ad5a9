import { nextTurn as nextTurnThen } from '../../lib/next-turn.js';

/**
 * Single flight for identical statistics, with one rule that keeps every answer fresh: a caller
 * only ever joins a computation that has NOT STARTED yet, so its figures include every write
 * committed before it asked. A computation already running is never shared; callers arriving
 * during it share the next one, which starts when the running one ends.
 *
 * Why: a local libsql query runs synchronously on the event loop, so N supervisors asking for the
 * district summary at once would otherwise queue N full computations behind each other.
 *
 * Flights are kept per database handle (tests open many databases in one process) and per key;
 * the caller's key must say everything the figures depend on (scope, period, the minute asked).
 */
type Flights = {
  /** Per key: the computation waiting to start, which new callers join. */
  waiting: Map<string, Promise<unknown>>;
  /** Per key: the tail of the chain (waiting or running), which the next computation waits for. */
  tail: Map<string, Promise<unknown>>;
};

const byDb = new WeakMap<object, Flights>();

export function coalesce<T>(db: object, key: string, compute: () => Promise<T>): Promise<T> {
  let flights = byDb.get(db);
  if (!flights) byDb.set(db, (flights = { waiting: new Map(), tail: new Map() }));
  const { waiting, tail } = flights;

  const joined = waiting.get(key);
  if (joined) return joined as Promise<T>;

  const before = tail.get(key);
  const flight = (async () => {
    // Let the requests already received in this turn of the event loop join before starting.
    await (before ? before.then(nextTurn, nextTurn) : nextTurn());
    // Leave the waiting list in the same synchronous step as the first read: from here on, a new
    // caller could have arrived after a write this computation no longer sees.
    waiting.delete(key);
    return compute();
  })();
  waiting.set(key, flight);
  const settled = flight.then(noop, noop);
  tail.set(key, settled);
  void settled.then(() => {
    if (tail.get(key) === settled) tail.delete(key);
  });
  return flight;
}

const nextTurn = () => new Promise<void>((resolve) => nextTurnThen(resolve));
const noop = () => undefined;
