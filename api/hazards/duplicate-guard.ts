import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { hazards, OPEN_STATUSES } from '../../db/schema/index.js';
import { conflict } from '../core/errors.js';
import { MSG } from './messages.js';
import { OTHER_CHECK_ITEM } from './check-item.js';

// Two reports are near-identical when their character-bigram sets overlap this much (Dice).
export const SIMILARITY_THRESHOLD = 0.8;
// An enterprise rarely has more than a handful of open hazards; the cap bounds a pathological one.
const MAX_COMPARED = 500;

/** Case, width, spaces and punctuation do not make a report different ("消防通道堵塞。" = "消防通道 堵塞"). */
export function normaliseText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const chars = [...s];
  if (chars.length === 1) m.set(chars[0], 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Sørensen–Dice coefficient over character bigrams (multiset), 0…1, on normalised text. */
export function bigramSimilarity(a: string, b: string): number {
  const x = bigrams(normaliseText(a));
  const y = bigrams(normaliseText(b));
  let total = 0;
  let shared = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  for (const [g, n] of x) shared += Math.min(n, y.get(g) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

export type DuplicateCandidate = { enterpriseId: number; description: string; checkItemId: number | null; checkItemCode: string | null };

/**
 * SPEC §4 duplicate guard: an open hazard of the same enterprise in the same check item (other
 * than OTHER) or with near-identical text makes the new report a possible duplicate. The reporter
 * is asked to add to the existing one (add-note) or to confirm with force.
 */
export async function assertNotDuplicate(db: Db, c: DuplicateCandidate): Promise<void> {
  const open = await db
    .select({ id: hazards.id, code: hazards.code, description: hazards.description, checkItemId: hazards.checkItemId })
    .from(hazards)
    .where(and(eq(hazards.enterpriseId, c.enterpriseId), inArray(hazards.status, OPEN_STATUSES)))
    .limit(MAX_COMPARED);
  const sameItem = (h: (typeof open)[number]) =>
    c.checkItemId != null && c.checkItemCode !== OTHER_CHECK_ITEM && h.checkItemId === c.checkItemId;
  const text = normaliseText(c.description);
  const sameText = (h: (typeof open)[number]) =>
    normaliseText(h.description) === text || bigramSimilarity(h.description, c.description) >= SIMILARITY_THRESHOLD;
  const hit = open.find(sameItem) ?? open.find(sameText);
  if (hit) {
    throw conflict(MSG.possibleDuplicate(hit.code, hit.description), {
      reason: 'possible_duplicate',
      hazard: { id: hit.id, code: hit.code, description: hit.description },
    });
  }
}
