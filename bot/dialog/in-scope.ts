import type { Reply } from '../present/reply.js';
import type { ParsedMessage } from './intents.js';
import { SEPARATOR } from './parse/normalise.js';
import { askIntent, type Dispatch } from './choose-intent.js';
import type { Turn } from './turn.js';
import { M } from './messages.js';
import { U } from './understand-messages.js';

// A message the parser could not read may still name something the sender looks after: an enterprise
// (also by pinyin initials or a near-miss spelling, as the match verb scores them) or a town. Then the
// bot offers what can be done with it as numbered choices instead of 没看懂.

const MAX_TOKENS = 4;
const TOWN = /(?:镇|街道|乡)$/;
// Words of chat that are never a name (ICU's dictionary knows them; names it does not know).
const COMMON = /^(?:一下|多少|怎么|怎样|什么|情况|现在|今天|明天|昨天|老板|电话|巡查|检查|上报|隐患|问题|看看|帮忙|我们|你们|他们|这个|那个|还有|没有|已经|可以|回事|一下子|地址|联系|负责人|企业|公司)$/;
const SUFFIX = /^(?:化工|纺织|机械|电子|电器|五金|印染|家具|物流|食品|建材|木业|模具|包装|科技|实业|塑业|塑料|材料|制造|集团|公司|厂|镇|街道)$/;
// ICU word segmentation ships with Node (no dictionary download). An unknown name comes out as single
// characters (华/美), so runs of them, with a trade or town word after, are the candidates for a name.
const words = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

/** Phrases of a message that may be a name: separator tokens, then segmenter runs. */
export function nameCandidates(text: string): string[] {
  const out = text.split(SEPARATOR);
  if (words) {
    const segs = [...words.segment(text)].filter((x) => x.isWordLike).map((x) => x.segment);
    for (let i = 0; i < segs.length; i++) {
      if (segs[i].length === 1) {
        let j = i;
        let run = '';
        while (j < segs.length && segs[j].length === 1) run += segs[j++];
        if (j < segs.length && SUFFIX.test(segs[j])) run += segs[j++];
        run = run.replace(/^(?:去|到|在|给|帮|把|我|问|催)/, '');
        if (run.length >= 2) out.push(run);
        i = j - 1;
      } else if (!COMMON.test(segs[i])) {
        out.push(SUFFIX.test(segs[i + 1] ?? '') ? segs[i] + segs[i + 1] : segs[i]);
      }
    }
  }
  return [...new Set([text, ...out])];
}

/**
 * The place a town's figures are asked for, and how the question says it: a worker sees the figures
 * of their own grids only (the statistics verbs refuse them a town), so theirs are offered instead.
 */
export function townFigures(t: Turn, town: string): { place: string | undefined; heading: string } {
  return t.actor.role === 'worker'
    ? { place: undefined, heading: U.mentionedPlaceOwnGrids(town) }
    : { place: town, heading: U.mentionedPlace(town) };
}

/** The candidate names of a message, most whole first, without chat words: what the lookups are asked. */
export function nameTokens(text: string): string[] {
  return [...new Set(nameCandidates(text).map((s) => s.replace(/(?:的|呢|吗|啊|呀|了)+$/, '')))]
    .filter((s) => s.length >= 2 && s.length <= 20 && !COMMON.test(s));
}

export async function unknownInScope(
  t: Turn,
  p: Extract<ParsedMessage, { intent: 'unknown' }>,
  dispatch: Dispatch,
  notUnderstood: (t: Turn, text: string) => Promise<Reply> | Reply = () => ({ title: '没看懂', lines: [M.unknown] }),
): Promise<Reply | null> {
  const text = p.text.trim();
  const tokens = nameTokens(text).slice(0, MAX_TOKENS);
  const bare = (s: string) => s.replace(TOWN, '');
  try {
    const towns = await t.verbs.towns();
    const town = towns.find((x) => tokens.some((tok) => tok === x.name || bare(tok) === bare(x.name)));
    if (town) {
      const { place, heading } = townFigures(t, town.name);
      return askIntent(t, [{ intent: 'stats', place }, { intent: 'overdue', place }], dispatch, heading);
    }
    for (const tok of tokens) {
      const found = await t.verbs.matchEnterprises(tok, 3);
      if (!found.length) continue;
      const options: ParsedMessage[] = found.slice(0, 2).flatMap((e): ParsedMessage[] => [{ intent: 'query_enterprise', enterprise: e.name }]);
      const first = found[0].name;
      options.push({ intent: 'patrol', enterprise: first }, { intent: 'report', enterprise: first });
      return askIntent(t, options, dispatch, U.mentionedEnterprise);
    }
  } catch {
    // A lookup that fails is no reason to fail the message: fall back to the plain answer.
  }
  return notUnderstood(t, text);
}
