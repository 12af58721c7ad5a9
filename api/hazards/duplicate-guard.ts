import type { Db } from '../../db/client.js';
import { SqlText } from '../../db/sql-text.js';
import { conflict, type DomainError } from '../core/errors.js';
import { MSG } from './messages.js';

// Two reports describe the same hazard when their character bigrams overlap this much (Dice, on
// comparableText). Chosen on the labelled pairs of test/data/duplicate-pairs.ts: no different pair
// reaches it (a false positive holds a major alert behind a question), most same pairs do.
export const SIMILARITY_THRESHOLD = 0.7;
// An enterprise rarely has more than a handful of open hazards; the cap bounds a pathological one.
export const MAX_COMPARED = 500;

/** Case, width, spaces and punctuation do not make a report different ("消防通道堵塞。" = "消防通道 堵塞"). */
export function normaliseText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

// Words that do not make a hazard different: 被/已/了/的 and the negations written several ways.
const FILLER = /[被已了的着]|已经/g;
const NEGATION = /没有|没|无|不/g;

/** normaliseText, then filler words dropped and negations written one way ("没有接地" = "未接地"). */
export function comparableText(s: string): string {
  return normaliseText(s).replace(NEGATION, '未').replace(FILLER, '');
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

/** Sørensen–Dice coefficient over character bigrams (multiset), 0…1, on comparable text. */
export function bigramSimilarity(a: string, b: string): number {
  return dice(bigrams(comparableText(a)), bigrams(comparableText(b)));
}

function dice(x: Map<string, number>, y: Map<string, number>): number {
  let total = 0;
  let shared = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  for (const [g, n] of x) shared += Math.min(n, y.get(g) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

export type DuplicateCandidate = { description: string; checkItemId: number | null; checkItemCode: string | null };
export type OpenHazard = { id: number; code: string; description: string; checkItemId: number | null };

/**
 * The open hazards of several enterprises in one query (an intake group reads them together), at
 * most MAX_COMPARED per enterprise. Enterprises without open hazards are absent from the map.
 */
export async function openHazardsOf(db: Db, enterpriseIds: number[]): Promise<Map<number, OpenHazard[]>> {
  const out = new Map<number, OpenHazard[]>();
  if (enterpriseIds.length === 0) return out;
  // Served by hazards_enterprise_status_idx; row_number keeps the cap per enterprise, not per query.
  // SqlText: this read runs for every intake group (see db/sql-text.ts for why not drizzle's builder).
  const q = new SqlText().raw(`select id, code, description, check_item_id as checkItemId, enterprise_id as enterpriseId from (
      select h.id, h.code, h.description, h.check_item_id, h.enterprise_id,
        row_number() over (partition by h.enterprise_id order by h.id) as rn from hazards h
      where h.status in ('reported', 'rectifying', 'review') and h.enterprise_id in (`)
    .ints(enterpriseIds).raw(')) where rn <= ').int(MAX_COMPARED);
  const rows = await db.all<OpenHazard & { enterpriseId: number }>(q.toSQL());
  for (const { enterpriseId, ...h } of rows) {
    const list = out.get(enterpriseId) ?? [];
    list.push(h);
    out.set(enterpriseId, list);
  }
  return out;
}

/**
 * SPEC §4 duplicate guard: an open hazard of the same enterprise whose description a person would
 * call the same (bigram Dice on comparable text at or above SIMILARITY_THRESHOLD). A shared check
 * item alone is not enough: 消防栓被遮挡 and 灭火器过期 are both fire equipment and two hazards.
 */
export function findDuplicate<H extends Omit<OpenHazard, 'id' | 'code'>>(open: H[], c: DuplicateCandidate): H | undefined {
  // The candidate is normalised once, not once per open hazard (this runs for every report).
  const text = comparableText(c.description);
  const grams = bigrams(text);
  return open.find((h) => {
    const other = comparableText(h.description);
    return other === text || dice(bigrams(other), grams) >= SIMILARITY_THRESHOLD;
  });
}

/** The reporter is asked to add to the existing hazard (add-note) or to confirm with force. */
export const duplicateError = (hit: OpenHazard): DomainError =>
  conflict(MSG.possibleDuplicate(hit.code, hit.description), {
    reason: 'possible_duplicate',
    hazard: { id: hit.id, code: hit.code, description: hit.description },
  });
