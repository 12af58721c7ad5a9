import { validationFailed } from '../core/errors.js';
import { IMPORT_MSG } from './messages.js';
import type { Table } from './read-table.js';
import type { TurnBudget } from './turn-budget.js';

/** One importable field: the headers it is known by (Chinese and English) and whether it must exist. */
export type ColumnSpec<F extends string = string> = { field: F; label: string; headers: string[]; required?: boolean };

/** A data row keyed by field, holding only non-empty cells, with its line for error reports. */
export type ImportRow<F extends string = string> = { line: number; cells: Partial<Record<F, string>> };

export type Located<F extends string> = {
  rows: ImportRow<F>[];
  /** Fields whose column is in the file: a re-import updates only those. */
  present: Set<F>;
  /** Field → header text as written in the file (per-row errors name the column the user sees). */
  columnName: Record<F, string>;
};

// "镇（街道）", "镇(街道)" and " 镇 （街道）* " are the same header.
const normalizeHeader = (h: string) => h.normalize('NFKC').replace(/[\s*]/g, '').toLowerCase();
const HEADER_SEARCH_ROWS = 10;

/**
 * Finds the header row (offices often put a title row such as "某某镇企业名录" above it) and maps
 * its columns to fields. Unknown columns (序号, 备注 …) are ignored.
 */
export async function locateColumns<F extends string>(table: Table, specs: ColumnSpec<F>[], budget: TurnBudget): Promise<Located<F>> {
  const lookup = new Map<string, F>();
  for (const s of specs) for (const h of s.headers) lookup.set(normalizeHeader(h), s.field);
  const required = specs.filter((s) => s.required);

  let best: { at: number; index: Map<F, number> } | null = null;
  for (let at = 0; at < Math.min(HEADER_SEARCH_ROWS, table.rows.length); at++) {
    const index = new Map<F, number>();
    table.rows[at].cells.forEach((cell, i) => {
      const field = lookup.get(normalizeHeader(cell));
      if (field && !index.has(field)) index.set(field, i);
    });
    if (!best || index.size > best.index.size) best = { at, index };
    if (required.every((s) => index.has(s.field))) {
      best = { at, index };
      break;
    }
  }
  const missing = required.filter((s) => !best?.index.has(s.field)).map((s) => s.label);
  if (!best || missing.length) throw validationFailed(IMPORT_MSG.missingColumns(missing.length ? missing : required.map((s) => s.label)));

  const header = table.rows[best.at];
  const columnName = Object.fromEntries(specs.map((s) => [s.field, s.label])) as Record<F, string>;
  for (const [field, i] of best.index) columnName[field] = header.cells[i];
  const rows: ImportRow<F>[] = [];
  for (const r of table.rows.slice(best.at + 1)) {
    const cells: Partial<Record<F, string>> = {};
    for (const [field, i] of best.index) {
      const v = (r.cells[i] ?? '').trim();
      if (v) cells[field] = v;
    }
    if (Object.keys(cells).length) rows.push({ line: r.line, cells });
    if (budget.spent()) await budget.yield();
  }
  return { rows, present: new Set(best.index.keys()), columnName };
}
