import type { BatchItem } from 'drizzle-orm/batch';
import type { Ctx } from '../core/context.js';
import type { Table } from './read-table.js';
import type { RowError } from './row-errors.js';

/** What an import would do: nothing is written until every row of the file has passed. */
export type ImportPlan = { created: number; updated: number; statements: BatchItem<'sqlite'>[] };
export type PlanResult = { errors: RowError[]; plan: ImportPlan };
export type Planner = (ctx: Ctx, table: Table) => Promise<PlanResult>;

// A few hundred rows per INSERT keeps each statement well under SQLite's bound-parameter limit
// (32,766) at ~20 columns while still writing 10,000 rows in a few dozen statements.
export const ROWS_PER_STATEMENT = 300;

export function chunk<T>(items: T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
