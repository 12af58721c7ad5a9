import type { Turn, Slots } from './turn.js';
import type { Reply } from '../present/reply.js';
import type { EnterpriseMatch } from '../client/types.js';
import { ask, errorReply } from './turn.js';
import { clip } from '../present/reply.js';
import { M } from './messages.js';
import { elsewhereInMessage } from './mentions.js';
import { nicknameTrade } from './parse/nicknames.js';

export type PickedEnterprise = { id: number; name: string };

// More than this many candidates is not a choice a worker can make on a phone: ask for a longer name.
const MAX_CHOICES = 5;

export type Resolution =
  | { kind: 'one'; enterprise: PickedEnterprise }
  | { kind: 'choice'; candidates: PickedEnterprise[] }
  | { kind: 'none' };

/**
 * Fuzzy-matches an enterprise phrase within the sender's scope (the verb filters by scope, so an
 * enterprise of another grid simply is not found). Only an exact match is taken without asking:
 * a merely similar name, even a single one, is offered as a numbered choice, because a record
 * written against the wrong enterprise is worse than one more tap.
 */
export async function resolveEnterprise(t: Turn, phrase: string): Promise<Resolution> {
  const found = await t.verbs.matchEnterprises(phrase, MAX_CHOICES);
  const exact = found.filter((c) => c.exact);
  if (exact.length === 1) return { kind: 'one', enterprise: pick(exact[0]) };
  if (found.length === 0) return byTrade(t, phrase);
  const list = exact.length > 1 ? exact : found;
  return { kind: 'choice', candidates: list.slice(0, MAX_CHOICES).map(pick) };
}

/**
 * 做电缆的那家 names no enterprise, but what it makes is usually in the registered name (常州某某电缆有限公司):
 * the sender's enterprises holding that word are offered as choices, never taken alone, since the trade is a clue
 * and not a name.
 */
async function byTrade(t: Turn, phrase: string): Promise<Resolution> {
  const trade = nicknameTrade(phrase);
  if (!trade) return { kind: 'none' };
  const found = (await t.verbs.matchEnterprises(trade, MAX_CHOICES)).filter((c) => c.name.includes(trade));
  return found.length ? { kind: 'choice', candidates: found.map(pick) } : { kind: 'none' };
}

const pick = (c: EnterpriseMatch): PickedEnterprise => ({ id: c.id, name: c.name });

/**
 * Resolves `slots.enterpriseText` into `slots.enterprise`, asking when needed. Returns the filled
 * slots, or a reply (a question or "not found") that ends this turn.
 */
export async function needEnterprise(t: Turn, intent: string, slots: Slots): Promise<{ slots: Slots } | { reply: Reply }> {
  if (slots.enterprise) return { slots };
  const phrase = typeof slots.enterpriseText === 'string' ? slots.enterpriseText.trim() : '';
  let r: Resolution;
  let elsewhere: Awaited<ReturnType<typeof elsewhereInMessage>>;
  try {
    r = phrase ? await resolveEnterprise(t, phrase) : { kind: 'none' };
    // No enterprise in what the parser guessed (or no guess): what the rest of the message names in
    // the sender's scope is taken before the sender is asked (mentions.ts).
    elsewhere = r.kind === 'none' ? await elsewhereInMessage(t, phrase, slots) : null;
  } catch (e) {
    return { reply: errorReply(e) };
  }
  if (elsewhere && 'slots' in elsewhere) return elsewhere;
  if (elsewhere) return { reply: elsewhere.reply ?? { title: '没看懂', lines: [M.unknown] } };
  if (!phrase) return { reply: await ask(t, intent, slots, 'enterprise', M.askEnterprise) };
  if (r.kind === 'one') return { slots: { ...slots, enterprise: r.enterprise } };
  if (r.kind === 'none') {
    // Keep what was said about the hazard; only the enterprise has to be given again.
    const rest = { ...slots, enterpriseText: undefined };
    await t.drafts.save(t.actor.personId, { intent, slots: rest, awaiting: 'enterprise' }, t.now);
    return { reply: { title: M.errorTitle, lines: [M.noEnterprise(clip(phrase, 30)), M.askEnterprise] } };
  }
  const numbered = r.candidates.map((c, i) => ({ line: `${i + 1}. ${c.name}`, answer: String(i + 1) }));
  const lines = [M.chooseEnterprise, ...numbered.map((c) => c.line), M.chooseHint];
  return { reply: { ...(await ask(t, intent, { ...slots, candidates: r.candidates }, 'enterprise_choice', lines, '请选择企业')), choices: numbered } };
}
