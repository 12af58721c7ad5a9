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

const MAX_TOKENS = 3;
const TOWN = /(?:镇|街道|乡)$/;

export async function unknownInScope(t: Turn, p: Extract<ParsedMessage, { intent: 'unknown' }>, dispatch: Dispatch): Promise<Reply | null> {
  const text = p.text.trim();
  const tokens = [...new Set([text, ...text.split(SEPARATOR)])]
    .map((s) => s.replace(/(?:的|呢|吗|啊|呀|了)+$/, ''))
    .filter((s) => s.length >= 2 && s.length <= 20)
    .slice(0, MAX_TOKENS);
  const bare = (s: string) => s.replace(TOWN, '');
  try {
    const towns = await t.verbs.towns();
    const town = towns.find((x) => tokens.some((tok) => tok === x.name || bare(tok) === bare(x.name)));
    if (town) {
      return askIntent(t, [{ intent: 'stats', place: town.name }, { intent: 'overdue', place: town.name }], dispatch, U.mentionedPlace(town.name));
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
  return { title: '没看懂', lines: [M.unknown] };
}
