import { z } from '@hono/zod-openapi';
import { grids } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { insertRowsAsJson, upsertSet } from './bulk-json.js';
import { locateColumns, type ColumnSpec } from './columns.js';
import { mobileCell, optionalText, requiredText } from './cells.js';
import { chunk, perChunk, type PlanResult } from './plan.js';
import { loadGrids, loadTowns, namedTownIds, resolveTown, TOWN_HEADERS } from './references.js';
import { RowErrors } from './row-errors.js';
import type { Table } from './read-table.js';
import { TurnBudget } from './turn-budget.js';
import { loadWorkers, resolveWorker } from './workers.js';

type Field = 'town' | 'name' | 'village' | 'worker' | 'workerPhone';
// Exported for the import page's downloadable template (web/pages/import-templates.ts).
export const COLUMNS: ColumnSpec<Field>[] = [
  { field: 'town', label: '镇（街道）', headers: TOWN_HEADERS, required: true },
  { field: 'name', label: '网格', headers: ['网格', '网格名称', '网格名', 'grid', 'gridname', 'grid_name', 'name'], required: true },
  { field: 'village', label: '村（社区）', headers: ['村（社区）', '村(社区)', '村', '社区', '村居', '村/社区', 'village', 'community'] },
  { field: 'worker', label: '网格员', headers: ['网格员', '网格员姓名', '专职网格员', 'worker', 'workername', 'worker_name'] },
  { field: 'workerPhone', label: '网格员手机号', headers: ['网格员手机号', '网格员手机', '网格员电话', '网格员联系电话', 'workerphone', 'worker_phone'] },
];
const Row = z.object({
  town: requiredText(50),
  name: requiredText(50),
  village: optionalText(50),
  worker: optionalText(30),
  workerPhone: mobileCell.optional(),
});

/** Grids by town + name, with village and responsible worker; a blank cell keeps what is stored. */
export async function planGrids(ctx: Ctx, table: Table, budget = new TurnBudget()): Promise<PlanResult> {
  const located = await locateColumns(table, COLUMNS, budget);
  const errors = new RowErrors(located.columnName);
  const [townsByName, workers] = await Promise.all([loadTowns(ctx.db), loadWorkers(ctx.db)]);
  const existing = await loadGrids(ctx.db, namedTownIds(located.rows, townsByName), budget);
  const seen = new Map<string, number>();
  const values: (typeof grids.$inferInsert)[] = [];
  let updated = 0;
  const now = ctx.clock();
  for (const row of located.rows) {
    if (budget.spent()) await budget.yield();
    const r = errors.parse(Row, row);
    if (!r) continue;
    const town = resolveTown(ctx.actor, townsByName, r.town, row.line, errors);
    if (!town) continue;
    if (errors.duplicate(seen, `${town.id}|${r.name}`, row.line, 'name', '网格')) continue;
    let workerId: number | null | undefined;
    if (r.worker || r.workerPhone) {
      workerId = resolveWorker(ctx.actor, workers, { name: r.worker, phone: r.workerPhone }, town.id, row.line, errors);
      if (workerId === null) continue;
    }
    const old = existing.get(`${town.id}|${r.name}`);
    if (old) updated++;
    values.push({
      townId: town.id,
      name: r.name,
      village: r.village ?? old?.village ?? null,
      workerId: workerId ?? old?.workerId ?? null,
      createdAt: now,
    });
  }
  const columns = { townId: grids.townId, name: grids.name, village: grids.village, workerId: grids.workerId, createdAt: grids.createdAt };
  const conflict = upsertSet([grids.townId, grids.name], [grids.village, grids.workerId]);
  const statements = await perChunk(budget, values, (part) => insertRowsAsJson(ctx.db, grids, columns, part, conflict));
  return { errors: errors.list, plan: { created: values.length - updated, updated, statements } };
}
