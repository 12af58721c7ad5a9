import { z } from '@hono/zod-openapi';
import { parseIsoDay } from '../../lib/time.js';
import { IMPORT_MSG } from './messages.js';

// Zod schemas for spreadsheet cells (always text, absent when blank) with Chinese messages.

export const requiredText = (max: number) =>
  z.string({ error: IMPORT_MSG.required }).max(max, IMPORT_MSG.tooLong(max));
export const optionalText = (max: number) => z.string().max(max, IMPORT_MSG.tooLong(max)).optional();

/** A cell naming one of a few values in Chinese or English ("重点" / "key"). */
export function choice<T extends string>(label: string, values: Record<string, T>) {
  const allowed = Object.keys(values).filter((k) => /[\u4e00-\u9fa5]/.test(k)).join('/');
  const lookup = new Map(Object.entries(values).map(([k, v]) => [k.normalize('NFKC').toLowerCase().replace(/\s+/g, ''), v]));
  return z.string({ error: IMPORT_MSG.required }).transform((raw, ctx) => {
    const v = lookup.get(raw.normalize('NFKC').toLowerCase().replace(/\s+/g, ''));
    if (v === undefined) {
      ctx.addIssue({ code: 'custom', message: IMPORT_MSG.unknownChoice(label, raw, allowed) });
      return z.NEVER;
    }
    return v;
  });
}

export const numberCell = (min: number, max: number) =>
  z
    .string()
    .transform((raw, ctx) => {
      const n = Number(raw.normalize('NFKC'));
      if (!Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: IMPORT_MSG.notANumber });
      else if (n < min || n > max) ctx.addIssue({ code: 'custom', message: IMPORT_MSG.outOfRange });
      return n;
    })
    .optional();

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A day as offices write it: 2024-03-15, 2024/3/15, 2024.3.15, 2024年3月15日, or an Excel serial
 * day number (a date column formatted as a number). Returns YYYY-MM-DD.
 */
export const dayCell = z
  .string()
  .transform((raw, ctx) => {
    const s = raw.normalize('NFKC').trim();
    let y: number, m: number, d: number;
    const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
    if (parts) [y, m, d] = [+parts[1], +parts[2], +parts[3]];
    else if (/^\d{5}(\.\d+)?$/.test(s)) {
      const t = new Date(EXCEL_EPOCH_MS + Math.floor(+s) * 86_400_000);
      [y, m, d] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
    } else {
      ctx.addIssue({ code: 'custom', message: IMPORT_MSG.badDate });
      return z.NEVER;
    }
    const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (!parseIsoDay(iso)) {
      ctx.addIssue({ code: 'custom', message: IMPORT_MSG.badDate });
      return z.NEVER;
    }
    return iso;
  })
  .optional();

/** "华美、华美化工" or "华美;华美化工": a list in one cell. */
export const listCell = z
  .string()
  .transform((raw) => [...new Set(raw.split(/[、;；,，|]/).map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(50, IMPORT_MSG.tooLong(50))).max(20))
  .optional();

export const mobileCell = z
  .string()
  .transform((raw) => raw.normalize('NFKC').replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^1\d{10}$/, IMPORT_MSG.badPhone));
