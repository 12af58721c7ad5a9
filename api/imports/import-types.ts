import type { Ctx } from '../core/context.js';

export const IMPORT_KINDS = ['towns', 'grids', 'people', 'enterprises'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One checked import request: what importTable needs besides ctx (plain data, so it crosses to a thread). */
export type ImportJob = { kind: ImportKind; bytes: Uint8Array; contentType: string; dryRun: boolean };

export type ImportResult = {
  kind: ImportKind; dryRun: boolean; rows: number; created: number; updated: number;
  contacts?: { created: number; updated: number }; riskColorChanges?: number;
};

/**
 * Runs importTable somewhere other than the calling turn of the event loop (Deps.importRunner):
 * on a local database file, a worker thread (api/imports/thread/off-thread-import.ts).
 */
export type ImportRunner = (ctx: Ctx, job: ImportJob) => Promise<ImportResult>;
