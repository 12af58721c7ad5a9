import type { BatchItem } from 'drizzle-orm/batch';
import type { Ctx } from '../core/context.js';
import { validationFailed } from '../core/errors.js';
import { planEnterprises } from './import-enterprises.js';
import { planGrids } from './import-grids.js';
import { planPeople } from './import-people.js';
import { planTowns } from './import-towns.js';
import { IMPORT_MSG } from './messages.js';
import type { Planner } from './plan.js';
import { readTable } from './read-table.js';
import { TurnBudget } from './turn-budget.js';
import { MAX_IMPORT_ROWS } from './upload-limit.js';
import { fillMissingPinyin } from '../enterprises/fill-pinyin.js';
import type { ImportJob, ImportResult, ImportKind } from './import-types.js';

const PLANNERS: Record<ImportKind, Planner> = { towns: planTowns, grids: planGrids, people: planPeople, enterprises: planEnterprises };

// Enough per-row errors to fix a file in one go without an unbounded response.
const MAX_REPORTED_ERRORS = 1000;

/**
 * Reads, checks and (unless a dry run) writes one import whose caller has already passed the role
 * and size checks (runImport). It uses nothing but `ctx`, so it runs the same on the main thread
 * and in an import thread (api/imports/thread/): every row is validated and every reference
 * resolved first; any error → validation_failed with details.rows and nothing written; otherwise
 * one batch writes everything.
 */
export async function importTable(ctx: Ctx, input: ImportJob): Promise<ImportResult> {
  // Parsing and validating yield to the event loop every few milliseconds (api/imports/turn-budget.ts).
  const budget = new TurnBudget();
  const table = await readTable(input.bytes, input.contentType, budget);
  if (table.rows.length > MAX_IMPORT_ROWS + 10) throw validationFailed(IMPORT_MSG.tooManyRows(MAX_IMPORT_ROWS));
  const { errors, plan } = await PLANNERS[input.kind](ctx, table, budget);
  const rows = plan.created + plan.updated;
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw validationFailed(IMPORT_MSG.failed(errors.length), { rows: errors.slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length });
  }
  if (rows === 0) throw validationFailed(IMPORT_MSG.empty);
  if (!input.dryRun && plan.statements.length) {
    // Still one atomic batch; over a local file on the main thread it runs off the event loop (db/off-thread-batch.ts).
    if (ctx.writer.bulk) await ctx.writer.bulk(plan.statements);
    else await ctx.writer.batch(plan.statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    // New and renamed enterprises have no stored pinyin yet (admins' `hm` for 华美 reads it).
    if (input.kind === 'enterprises') await fillMissingPinyin(ctx, rows);
  }
  return {
    kind: input.kind, dryRun: input.dryRun, rows, created: plan.created, updated: plan.updated,
    ...(plan.contacts ? { contacts: plan.contacts } : {}),
    ...(plan.riskColorChanges !== undefined ? { riskColorChanges: plan.riskColorChanges } : {}),
  };
}
