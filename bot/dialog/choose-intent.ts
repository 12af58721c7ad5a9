import type { Role } from '../../db/schema/index.js';
import type { Reply } from '../present/reply.js';
import { clip } from '../present/reply.js';
import type { ParsedMessage } from './intents.js';
import type { Draft } from './drafts.js';
import { ask, type Turn } from './turn.js';
import { M } from './messages.js';
import { U } from './understand-messages.js';
import { codeOf, codesLeft, codesOfOptions } from './several-codes.js';

// When a message has two or more readings (YH… 催一下; a bare enterprise name), the bot asks one short
// numbered question (1. 查看隐患 2. 交办) and keeps the readings in the draft; the number runs the one chosen.
// Only a choice answers it: anything else is handled as a message of its own (handle.ts).

export const CHOOSE_INTENT = 'choose_intent';
const MAX_OPTIONS = 4;

// What each role may do with a hazard in chat (SPEC §6); readings a role cannot act on are not offered.
const ALLOWED: Record<Role, ReadonlySet<ParsedMessage['intent']>> = {
  worker: new Set(['query_hazard', 'query_enterprise', 'report', 'patrol', 'rectify', 'review', 'whistle', 'stats', 'overdue']),
  town_admin: new Set(['query_hazard', 'query_enterprise', 'report', 'patrol', 'review', 'assign', 'whistle', 'close', 'void', 'stats', 'overdue']),
  district_admin: new Set(['query_hazard', 'query_enterprise', 'report', 'patrol', 'review', 'assign', 'whistle', 'close', 'void', 'stats', 'overdue']),
  department: new Set(['query_hazard', 'query_enterprise', 'acknowledge', 'rectify', 'stats', 'overdue']),
  // An enterprise contact reads its own hazards and submits rectification; nothing else (default deny).
  enterprise: new Set(['query_hazard', 'rectify']),
};

/** How a reading is offered: 查看隐患 YH…, 上报 恒泰 的隐患. */
export function optionLabel(p: ParsedMessage): string {
  const code = 'code' in p && typeof p.code === 'string' ? ` ${p.code}` : '';
  const name = 'enterprise' in p && p.enterprise ? clip(p.enterprise, 20) : '';
  const place = 'place' in p && p.place ? `${clip(p.place, 12)} ` : '';
  switch (p.intent) {
    case 'query_hazard': return `查看隐患${code}`;
    case 'rectify': return `提交整改${code}`;
    case 'review': return `复查${code}`;
    case 'assign': return `交办${code}（督办）`;
    case 'whistle': return `吹哨${code}（移交部门）`;
    case 'close': return `销号${code}`;
    case 'void': return `作废${code}`;
    case 'acknowledge': return `报到${code}`;
    case 'query_enterprise': return `查询企业 ${name}`;
    case 'report': return `上报 ${name} 的隐患`;
    case 'patrol': return `记录 ${name} 的巡查`;
    case 'stats': return `${place}统计`;
    case 'overdue': return `${place}逾期清单`;
    default: return p.intent;
  }
}

export type Dispatch = (t: Turn, p: ParsedMessage) => Promise<Reply | null> | Reply | null;

/**
 * Asks which reading was meant; a single reading left for the sender's role simply runs.
 * others: the message named more codes than the one the options are about (YH…0003 YH…0004 搞一下); the
 * question names them and the reply to the choice says they are left (several-codes.ts).
 */
export async function askIntent(t: Turn, options: ParsedMessage[], dispatch: Dispatch, heading = U.chooseIntent, others: readonly string[] = []): Promise<Reply | null> {
  // One action on each of several codes (YH…0003 YH…0004 都改好了): the sender named the action, so the verb,
  // not this list, says whether the role may do it; every code is offered (several-codes.ts).
  const perCode = codesOfOptions(options) !== null;
  if (perCode) return askWhich(t, options, U.chooseCode);
  const allowed = options.filter((o) => ALLOWED[t.actor.role]?.has(o.intent)).slice(0, MAX_OPTIONS);
  if (allowed.length === 0) return { title: '没看懂', lines: [M.unknown] };
  if (allowed.length === 1) {
    // Two things told and one the role may do: it is done, and the other is said as not recorded; so are the
    // codes the message named beyond this one.
    const reply = await dispatch(t, allowed[0]);
    const left = others.length ? U.severalCodesLeft([...others]) : thingsLeft(options, allowed[0]);
    return reply && left ? { ...reply, lines: [...reply.lines, left] } : reply;
  }
  const first = codeOf(allowed[0]);
  const question = others.length && first ? U.firstOfCodes(first, [...others]) : severalThings(allowed) ? U.chooseOneThing : heading;
  return askWhich(t, allowed, question, others);
}

async function askWhich(t: Turn, allowed: ParsedMessage[], heading: string, others: readonly string[] = []): Promise<Reply> {
  const numbered = allowed.map((o, i) => ({ line: `${i + 1}. ${optionLabel(o)}`, answer: String(i + 1) }));
  const lines = [heading, ...numbered.map((c) => c.line), U.chooseIntentHint];
  const slots = others.length ? { options: allowed, others: [...others] } : { options: allowed };
  return { ...(await ask(t, CHOOSE_INTENT, slots, 'intent_choice', lines, '请选择要做的事')), choices: numbered };
}

/** The answer to askIntent's question: a number runs that reading; anything else is not an answer (null). */
export async function answerIntentChoice(t: Turn, draft: Draft, parsed: ParsedMessage, dispatch: Dispatch): Promise<Reply | null> {
  if (parsed.intent !== 'choice') return null;
  const options = (draft.slots.options ?? []) as ParsedMessage[];
  const chosen = options[parsed.index - 1];
  if (!chosen) return { title: '请选择要做的事', lines: [M.choiceOutOfRange(options.length)] };
  await t.drafts.drop(t.actor.personId);
  const reply = await dispatch(t, chosen);
  // One of several codes done: the others are said, to be sent again (several-codes.ts). So are the other things
  // told of other enterprises (华美 正常，另外恒泰通道堵了): never dropped without a word.
  const others = (draft.slots.others ?? []) as string[];
  const left = codesLeft(options, chosen) ?? (others.length ? U.severalCodesLeft(others) : null) ?? thingsLeft(options, chosen);
  return reply && left ? { ...reply, lines: [...reply.lines, left] } : reply;
}

const enterpriseOf = (p: ParsedMessage): string | undefined =>
  (p.intent === 'report' || p.intent === 'patrol') && typeof p.enterprise === 'string' && p.enterprise ? p.enterprise : undefined;

/** Whether the readings are things told of different enterprises (two-things.ts), not readings of one. */
function severalThings(options: readonly ParsedMessage[]): boolean {
  const names = options.map(enterpriseOf);
  return names.every(Boolean) && new Set(names).size > 1;
}

/** The note after one of several things was done: the things told of other enterprises, not recorded. */
export function thingsLeft(options: readonly ParsedMessage[], chosen: ParsedMessage): string | null {
  if (!severalThings(options)) return null;
  const left = options.filter((o) => enterpriseOf(o) !== enterpriseOf(chosen)).map(optionLabel);
  return left.length ? U.thingsLeft(left) : null;
}
