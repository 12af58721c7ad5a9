import { z } from '@hono/zod-openapi';
import type { Ctx } from '../core/context.js';
import { requireRole } from '../core/scope.js';
import { importTable } from './import-table.js';
import { IMPORT_KINDS, type ImportResult } from './import-types.js';
import { importTooLarge, MAX_IMPORT_BYTES } from './upload-limit.js';

export { IMPORT_KINDS, type ImportKind, type ImportResult } from './import-types.js';
export { MAX_IMPORT_ROWS } from './upload-limit.js';

export const RunImportInput = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    bytes: z.instanceof(Uint8Array),
    contentType: z.string(),
    dryRun: z.boolean().default(false),
  })
  .strict();
export type RunImportInputT = z.input<typeof RunImportInput>;

/**
 * Imports a spreadsheet all-or-nothing (importTable). District admins import anything; a town
 * admin grids, people and enterprises of their town. Where the runtime has an import runner (a
 * local database file: a worker thread), the reading, checking and writing happen there, so a
 * 50,000-row file costs the event loop nothing but a few messages.
 */
export async function runImport(ctx: Ctx, raw: RunImportInputT): Promise<ImportResult> {
  const input = RunImportInput.parse(raw);
  if (input.kind === 'towns') requireRole(ctx.actor, 'district_admin');
  else requireRole(ctx.actor, 'district_admin', 'town_admin');
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) throw importTooLarge();
  return ctx.importRunner ? ctx.importRunner(ctx, input) : importTable(ctx, input);
}
