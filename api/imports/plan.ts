import type { BatchItem } from 'drizzle-orm/batch';
import type { Ctx } from '../core/context.js';
import type { Table } from './read-table.js';
import type { RowError } from './row-errors.js';
import type { TurnBudget } from './turn-budget.js';

/** What an import would do: nothing is written until every row of the file has passed. */
export type ImportPlan = {
  created: number; updated: number; statements: BatchItem<'sqlite'>[];
  /** Enterprise imports: safety contacts made or updated from the contact columns. */
  contacts?: { created: number; updated: number };
  /** Enterprise imports: enterprises whose risk colour the file changes (each told to its contacts and department). */
  riskColorChanges?: number;
};
export type PlanResult = { errors: RowError[]; plan: ImportPlan };
/** Every planner loops over the rows through `budget`, so a large file never holds the event loop. */
export type Planner = (ctx: Ctx, table: Table, budget?: TurnBudget) => Promise<PlanResult>;

// A few hundred rows per INSERT keeps each statement well under SQLite's bound-parameter limit
// (32,766) at ~20 columns while still writing 10,000 rows in a few dozen statements.
export const ROWS_PER_STATEMENT = 300;

export function chunk<T>(items: T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * `build(part)` for each chunk of `items`, yielding between chunks: turning 50,000 rows into JSON
 * parameters is ~100 ms of work that must not run in one go.
 */
export async function perChunk<T, R>(budget: TurnBudget, items: T[], build: (part: T[]) => R, size = ROWS_PER_STATEMENT): Promise<R[]> {
  const out: R[] = [];
  for (const part of chunk(items, size)) {
    out.push(build(part));
    if (budget.spent(part.length)) await budget.yield();
  }
  return out;
}
