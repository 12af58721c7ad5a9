import { z } from '@hono/zod-openapi';
import { districts, towns } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { insertRowsAsJson } from './bulk-json.js';
import { locateColumns, type ColumnSpec } from './columns.js';
import { requiredText } from './cells.js';
import { chunk, perChunk, type PlanResult } from './plan.js';
import { loadTowns, TOWN_HEADERS } from './references.js';
import { RowErrors } from './row-errors.js';
import type { Table } from './read-table.js';
import { TurnBudget } from './turn-budget.js';

type Field = 'town';
// Exported for the import page's downloadable template (web/pages/import-templates.ts).
export const COLUMNS: ColumnSpec<Field>[] = [{ field: 'town', label: '镇（街道）', headers: [...TOWN_HEADERS, '名称', 'name'], required: true }];
const Row = z.object({ town: requiredText(50) });

/** Towns by name; an existing name counts as updated (a town has nothing else to change). */
export async function planTowns(ctx: Ctx, table: Table, budget = new TurnBudget()): Promise<PlanResult> {
  const located = await locateColumns(table, COLUMNS, budget);
  const errors = new RowErrors(located.columnName);
  const existing = await loadTowns(ctx.db);
  const district = await ctx.db.select({ id: districts.id }).from(districts).limit(1).get();
  const seen = new Map<string, number>();
  const fresh: string[] = [];
  let updated = 0;
  for (const row of located.rows) {
    if (budget.spent()) await budget.yield();
    const parsed = errors.parse(Row, row);
    if (!parsed || errors.duplicate(seen, parsed.town, row.line, 'town', '镇（街道）')) continue;
    if (existing.has(parsed.town)) updated++;
    else fresh.push(parsed.town);
  }
  const now = ctx.clock();
  const columns = { districtId: towns.districtId, name: towns.name, createdAt: towns.createdAt };
  const statements = await perChunk(budget, fresh, (names) =>
    insertRowsAsJson(ctx.db, towns, columns, names.map((name) => ({ districtId: district?.id ?? 1, name, createdAt: now })), 'on conflict do nothing'),
  );
  return { errors: errors.list, plan: { created: fresh.length, updated, statements } };
}
