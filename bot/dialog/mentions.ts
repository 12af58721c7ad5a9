import type { Reply } from '../present/reply.js';
import { clip } from '../present/reply.js';
import type { ParsedMessage } from './intents.js';
import type { PickedEnterprise } from './enterprise.js';
import { coreName } from '../../api/enterprises/normalize-name.js';
import { normalise } from './parse/index.js';
import { nameTokens, townFigures } from './in-scope.js';
import { askIntent } from './choose-intent.js';
import type { Slots, Turn } from './turn.js';
import { M } from './messages.js';
import { U } from './understand-messages.js';
import { gridNames, gridsToName } from './places.js';
import { patrolVerdict } from './patrol-verdict.js';
import { saidAsLandmark } from './parse/landmarks.js';

// The parser guesses an enterprise from where a name usually stands ("横林镇现在有哪些逾期没整改" in
// 横林镇现在有哪些逾期没整改的隐患，列个清单给我). When that guess is no enterprise of the sender's, the
// whole message is looked at for what the scope does hold before asking "which enterprise?":
// - an enterprise named elsewhere in it takes the slot, and the hazard's words lose its name;
// - else a town in scope named with figure words (逾期, 统计, 几条…) is offered as 逾期清单 / 统计.
// Bounded at city scale (a district can hold 400,000 enterprises): the lookups go through the scoped
// match verb, whose first filter is the sender's scope by index. A worker's message is one call, which
// scores only the worker's own grids (enterprises_grid_idx). A town admin's is at most three calls,
// one per candidate name of the message (in-scope.ts), each within the town (enterprises_town_idx;
// measured 17-44 ms per call at 100,000 enterprises). A district admin's or a department's scope is the
// directory itself (no index narrows a name inside it), so for them only towns are looked for: the
// few the sender may see (grids too for a worker or town admin: theirs, a few hundred at most).
// Nothing reads the directory into JS.

const ADMIN_LOOKUPS = 3;
// Words that ask for figures: with a town or grid named and no enterprise found, the message is a question.
const FIGURES = /逾期|超期|没整改|未整改|统计|完成率|多少|几条|几个|几家|几起|清单|列表|名单|汇总|排名|报表/;
const OVERDUE = /逾期|超期|没整改|未整改|没有整改/;
// A town-like word opening the guessed phrase (横山桥镇…): said back when it is no town in scope.
const TOWN_WORD = /^([\u4e00-\u9fa5]{2,4}(?:镇|街道|乡))/;
// The stats and overdue answers live in queries.ts, which imports enterprise.ts, this module's
// caller: loaded when first needed, so the two modules do not import each other.
const queries = () => import('./queries.js');
const bare = (s: string) => s.replace(/(?:镇|街道|乡)$/, '');

export type Elsewhere = { slots: Slots } | { reply: Reply | null };

/**
 * Looks in the whole message for an enterprise or town of the sender's scope, after the phrase
 * `tried` found no enterprise. The slots come back with the enterprise taken (and its name out of
 * the hazard's words), or a reply that replaces the question; null when the message holds neither.
 */
export async function elsewhereInMessage(t: Turn, tried: string, slots: Slots): Promise<Elsewhere | null> {
  const text = normalise(t.msg.text).trim();
  if (!text) return null;
  const found = await enterpriseIn(t, text, tried);
  if (found) return { slots: { ...withoutName(slots, found.said), enterpriseText: undefined, enterprise: found.enterprise } };
  // Words naming a problem (横林镇那家厂有几个灭火器过期了) make it a report after all, whatever else is asked.
  const words = [slots.description, slots.findings].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (!FIGURES.test(text) || (words && patrolVerdict(words) === 'problem')) return null;
  const named = await placeIn(t, text);
  if (named) {
    const { place, heading } = named.kind === 'town' ? townFigures(t, named.name) : { place: named.name, heading: U.mentionedPlace(named.name) };
    const options: ParsedMessage[] = [{ intent: 'overdue', place }, { intent: 'stats', place }];
    if (!OVERDUE.test(text)) options.reverse();
    const dispatch = async (tt: Turn, p: ParsedMessage) =>
      p.intent === 'overdue' ? (await queries()).overdue(tt, p) : p.intent === 'stats' ? (await queries()).stats(tt, p) : null;
    return { reply: await askIntent(t, options, dispatch, heading) };
  }
  // A town word that is no town of the sender's: not found, said without naming anything else.
  const word = TOWN_WORD.exec(tried.trim())?.[1];
  if (word) {
    return { reply: { title: M.errorTitle, lines: [M.noPlace(clip(word, 20))] } };
  }
  return null;
}

/** The one enterprise in scope the message names outside `tried`, with the words that named it. */
async function enterpriseIn(t: Turn, text: string, tried: string): Promise<{ enterprise: PickedEnterprise; said: string[] } | null> {
  const rest = tried ? text.split(tried).join(' ') : text;
  const lookups = t.actor.role === 'worker'
    ? [rest]
    : t.actor.role === 'town_admin' ? nameTokens(rest).filter((s) => !tried.includes(s)).slice(0, ADMIN_LOOKUPS) : [];
  for (const q of lookups) {
    const exact = (await t.verbs.matchEnterprises(q, 5)).filter((c) => c.exact);
    if (exact.length !== 1) continue;
    const e = exact[0];
    // The words the message used for it: its names as stored (aliases from its view), longest first.
    const view = await t.verbs.getEnterprise(e.id);
    const said = [...new Set([e.name, e.shortName ?? '', ...view.aliases, coreName(e.name)])]
      .filter((k) => k.length >= 2 && rest.includes(k))
      .sort((a, b) => b.length - a.length);
    // 恒达隔壁那家小厂…: named as a landmark, it is not where the hazard is (parse/landmarks.ts).
    if (said.some((k) => saidAsLandmark(text, k))) continue;
    // Matched only by a looser form (width, case): taken, and the words are left as they are.
    return { enterprise: { id: e.id, name: e.name }, said };
  }
  return null;
}

/**
 * The grid or town of the sender's scope the message names. A grid is more precise than its town
 * (横林镇崔桥村 → the grid), but a grid name that is only part of the town's name said (横林 in 横林镇)
 * is the town; a town's name without 镇 (横林) counts last, since 横林村 is no 横林镇.
 */
async function placeIn(t: Turn, text: string): Promise<{ kind: 'town' | 'grid'; name: string } | null> {
  const longest = <T>(xs: T[], name: (x: T) => string) => [...xs].sort((a, b) => name(b).length - name(a).length);
  const towns = longest(await t.verbs.towns(), (x) => x.name);
  const town = towns.find((x) => text.includes(x.name));
  const grid = longest(await gridsToName(t), (g) => g.name)
    .find((g) => gridNames(g).some((n) => text.includes(n) && !(town && town.name.includes(n))));
  if (grid) return { kind: 'grid', name: grid.name };
  const hit = town ?? towns.find((x) => bare(x.name).length >= 2 && text.includes(bare(x.name)));
  return hit ? { kind: 'town', name: hit.name } : null;
}

// What is left between the name and the hazard: 华美的通道堵了 → 通道堵了, 华美那边 → ''.
const JOINERS = /^(?:[\s,，。、:：]|的|那边|这边|那里|这里|厂里|公司|里面|里)+|(?:[\s,，。、:：]|的|那边|这边|那里|这里)+$/g;

/** The hazard's words without the enterprise's name: the name is the slot now, not the description. */
function withoutName(slots: Slots, said: string[]): Slots {
  const out: Slots = { ...slots };
  for (const key of ['description', 'findings', 'note'] as const) {
    const v = out[key];
    if (typeof v !== 'string') continue;
    const name = said.find((k) => v.includes(k));
    if (!name) continue;
    const left = v.replace(name, ' ').replace(/\s+/g, ' ').trim().replace(JOINERS, '').trim();
    out[key] = left || undefined;
  }
  return out;
}
