import { conflict } from './errors.js';

/**
 * Pre-checks give friendly conflict messages, but two concurrent writers can both pass them: the
 * unique index is the real guard, so a violation it reports is mapped to the same conflict.
 */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e; cur instanceof Error; cur = (cur as Error & { cause?: unknown }).cause) {
    if (/UNIQUE constraint failed/.test(cur.message)) return true;
  }
  return false;
}

export async function uniqueAsConflict<T>(work: Promise<T>, message: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(message);
    throw e;
  }
}
