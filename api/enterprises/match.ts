import { and, or, sql, type SQL } from 'drizzle-orm';
import { enterprises } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { enterpriseScope } from '../core/scope.js';
import { contains } from '../core/contains.js';
import { canonicalName, charOverlap, coreName } from './normalize-name.js';
import { enterprisesOfGrids } from './grid-candidates.js';
import { LATIN_QUERY, pinyinForm, pinyinScore, type PinyinForm } from './match-pinyin.js';
import { pinyinKeys, pinyinPrefilter, type NamedRow } from './pinyin-keys.js';

export type EnterpriseCandidate = { id: number; name: string; shortName: string | null; score: number; exact: boolean };
type Kind = 'equal' | 'contains' | 'similar';
type Scored = EnterpriseCandidate & { kind: Kind };

// Scores: an equal name/short name/alias beats containment, which beats mere character overlap.
const SIMILAR_MIN = 0.5;
// A town holds thousands of enterprises and the district up to 400,000: materialising them costs far
// more than scoring, so SQLite first narrows to rows sharing the query or one of its bigrams.
const PREFILTER_FETCH = 500;
const BIGRAMS_PER_QUERY = 8;

function scoreKey(q: string, key: string): { score: number; kind: Kind } | null {
  if (!key) return null;
  if (key === q) return { score: 1, kind: 'equal' };
  if (key.includes(q)) return { score: 0.7 + 0.25 * (q.length / key.length), kind: 'contains' };
  if (key.length >= 2 && q.includes(key)) return { score: 0.6 + 0.25 * (key.length / q.length), kind: 'contains' };
  const sim = charOverlap(q, key);
  return sim >= SIMILAR_MIN ? { score: 0.6 * sim, kind: 'similar' } : null;
}

// Both forms of every name scored, kept by the raw name: they are pure functions of it, and a
// worker's chat report scores every enterprise of the grid (NFKC and the regexes were ~15 % of a
// chat report's CPU). Bounded: forgotten wholesale past the limit, then rebuilt as names come up.
const FORMS_KEPT = 100_000;
const forms = new Map<string, { canonical: string; core: string; pinyin?: PinyinForm }>();

function formsOf(raw: string) {
  let f = forms.get(raw);
  if (!f) {
    if (forms.size >= FORMS_KEPT) forms.clear();
    f = { canonical: canonicalName(raw), core: coreName(raw) };
    forms.set(raw, f);
  }
  return f;
}

/** The name's pinyin, computed the first time a query needs it and kept with its other forms. */
function pinyinOf(raw: string): PinyinForm {
  const f = formsOf(raw);
  return (f.pinyin ??= pinyinForm(f.core));
}

/** The stored pinyin of an enterprise's names, from the same cached forms the scoring reads. */
export const storedPinyin = (e: NamedRow) => pinyinKeys(e, pinyinOf);

function scoreEnterprisePinyin(q: { latin: boolean; form: PinyinForm }, e: { name: string; shortName: string | null; aliases: string[] }) {
  let best: number | null = null;
  for (const raw of [e.name, e.shortName ?? '', ...e.aliases]) {
    if (!raw) continue;
    const s = pinyinScore(q, pinyinOf(raw));
    if (s !== null && (best === null || s > best)) best = s;
  }
  return best;
}

function scoreEnterprise(q: string, qCanonical: string, e: { name: string; shortName: string | null; aliases: string[] }) {
  let best: { score: number; kind: Kind } | null = null;
  for (const raw of [e.name, e.shortName ?? '', ...e.aliases]) {
    if (!raw) continue;
    const f = formsOf(raw);
    const s = f.canonical === qCanonical ? { score: 1, kind: 'equal' as const } : scoreKey(q, f.core);
    if (s && (!best || s.score > best.score)) best = s;
  }
  return best;
}

/** Rows whose name, short name or aliases contain the query or one of its bigrams. */
function prefilter(q: string): SQL {
  const parts = [q];
  for (let i = 0; i + 2 <= q.length && parts.length <= BIGRAMS_PER_QUERY; i++) parts.push(q.slice(i, i + 2));
  const fields = [enterprises.name, enterprises.shortName, enterprises.aliases];
  return or(...parts.flatMap((p) => fields.map((f) => contains(f, p))))!;
}

/**
 * Ranked enterprises for what a worker typed ("华美"), within the actor's scope only. `exact` marks
 * an unambiguous hit the bot may take without asking: the only candidate whose name, short name or
 * alias equals the query, or failing that the only candidate that contains it (or is contained).
 */
export async function matchEnterprises(ctx: Ctx, query: string, limit = 5): Promise<EnterpriseCandidate[]> {
  const q = coreName(query);
  const qCanonical = canonicalName(query);
  if (!q) return [];
  const scope = enterpriseScope(ctx.actor);
  // The scope comes first (grid/town index); a worker's few grids are small enough to score whole,
  // which also keeps similarity-only matches (typos sharing no bigram) for the people who type most.
  // A worker's scope is exactly their grids (enterpriseScope), read per grid so that the chat
  // reports of a whole district arriving together share one query.
  const rows = ctx.actor.role === 'worker'
    ? await enterprisesOfGrids(ctx.db, ctx.actor.gridIds)
    : await ctx.db
      .select({ id: enterprises.id, name: enterprises.name, shortName: enterprises.shortName, aliases: enterprises.aliases })
      .from(enterprises)
      .where(and(scope, prefilter(q)))
      .orderBy(sql`(${contains(enterprises.name, q)}) desc`)
      .limit(PREFILTER_FETCH);

  const scored: Scored[] = [];
  for (const r of rows) {
    const s = scoreEnterprise(q, qCanonical, r);
    if (s) scored.push({ id: r.id, name: r.name, shortName: r.shortName, score: Math.round(s.score * 1000) / 1000, exact: false, kind: s.kind });
  }
  // Nothing shares characters with the query ("hmhg", "恒太"): try pinyin. A worker's rows are the whole
  // grid already. An admin's were narrowed by characters, so their scope is narrowed again by the stored
  // pinyin (enterprises.pinyin) in SQL: a town or district is too large to score whole per keystroke.
  if (!scored.some((s) => s.kind !== 'similar')) {
    const latin = LATIN_QUERY.test(q);
    const form = pinyinForm(q);
    const seen = new Set(scored.map((s) => s.id));
    // pinyinScore needs 2 letters typed, or 4 letters of a homophone's syllables.
    const worth = latin ? form.full.length >= 2 : form.full.length >= 4;
    const pinyinRows = ctx.actor.role === 'worker' ? rows : !worth ? [] : await ctx.db
      .select({ id: enterprises.id, name: enterprises.name, shortName: enterprises.shortName, aliases: enterprises.aliases })
      .from(enterprises)
      .where(and(scope, pinyinPrefilter(form.full)))
      // Rows not filled yet are scored from their names, after the ones the stored pinyin selected.
      .orderBy(sql`${enterprises.pinyin} is null`)
      .limit(PREFILTER_FETCH);
    for (const r of pinyinRows) {
      if (seen.has(r.id)) continue;
      const p = scoreEnterprisePinyin({ latin, form }, r);
      if (p !== null) scored.push({ id: r.id, name: r.name, shortName: r.shortName, score: p, exact: false, kind: 'similar' });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.id - b.id);

  const equal = scored.filter((s) => s.kind === 'equal');
  const containing = scored.filter((s) => s.kind === 'contains');
  const unambiguous = equal.length === 1 ? equal[0] : equal.length === 0 && containing.length === 1 && q.length >= 2 ? containing[0] : null;
  if (unambiguous) unambiguous.exact = true;
  return scored.slice(0, limit).map(({ kind: _kind, ...c }) => c);
}
