import type { z } from '@hono/zod-openapi';
import type { ImportRow } from './columns.js';
import { IMPORT_MSG } from './messages.js';

/** One problem in the file, as shown to the office that prepared it. */
export type RowError = { row: number; column: string; message: string };

/** Collects per-row errors and the rows that passed, keyed by their line. */
export class RowErrors {
  readonly list: RowError[] = [];
  constructor(private readonly columnName: Record<string, string>) {}

  add(row: number, field: string, message: string) {
    this.list.push({ row, column: this.columnName[field] ?? field, message });
  }

  /** Parses a row with its zod schema; on failure records every issue and returns null. */
  parse<S extends z.ZodTypeAny>(schema: S, row: ImportRow): z.infer<S> | null {
    const result = schema.safeParse(row.cells);
    if (result.success) return result.data;
    for (const issue of result.error.issues) this.add(row.line, String(issue.path[0] ?? ''), issue.message);
    return null;
  }

  /** Flags a repeated natural key within the file, remembering where each key was first seen. */
  duplicate(seen: Map<string, number>, key: string, row: number, field: string, what: string): boolean {
    const first = seen.get(key);
    if (first !== undefined) {
      this.add(row, field, IMPORT_MSG.duplicateInFile(what, first));
      return true;
    }
    seen.set(key, row);
    return false;
  }
}
