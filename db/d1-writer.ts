import type { Writer } from '../api/core/write.js';

/** The slice of a Cloudflare D1 binding a batch needs (kept structural: SDK types stay out of db/). */
export type D1Batcher = {
  prepare(sql: string): { bind(...values: unknown[]): unknown };
  batch(statements: unknown[]): Promise<unknown[]>;
};

type PreparedItem = {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, isFromBatch?: boolean): unknown;
};

/**
 * The Writer for D1. drizzle-orm 0.45.4's D1 batch binds a statement's parameters through
 * `preparedQuery.stmt`, which raw queries (`db.run(sql…)` / `db.all(sql…)`, as the intake's SqlText
 * statements are) do not have, so any batch holding one fails with "Cannot read properties of
 * undefined (reading 'bind')" (test/d1-intake.test.ts keeps a check that the bug is still there).
 * This does what drizzle's batch does, but prepares every statement from its SQL text; results are
 * mapped back by drizzle's own mapResult, so callers see exactly what db.batch would return.
 */
export function d1Writer(d1: D1Batcher): Writer {
  return {
    async batch(items) {
      const prepared = items.map((item) => (item as unknown as { _prepare(): PreparedItem })._prepare());
      const statements = prepared.map((p) => {
        const { sql, params } = p.getQuery();
        return d1.prepare(sql).bind(...params);
      });
      const results = await d1.batch(statements);
      return results.map((result, i) => prepared[i].mapResult(result, true)) as never;
    },
  };
}
