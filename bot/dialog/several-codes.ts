import type { Reply } from '../present/reply.js';
import type { ParsedMessage } from './intents.js';
import { M } from './messages.js';
import { U } from './understand-messages.js';
import type { Dispatch } from './choose-intent.js';
import type { Turn } from './turn.js';
import { codeOf } from './parse/several-codes.js';
import { errorReply } from './turn.js';
import { hazardLine } from '../present/hazard.js';

// One message naming several hazard codes (parse/several-codes.ts reads one option per code). What needs
// nothing more from the sender (复查通过, 销号, 报到) is done for each code, one reply listing every result;
// anything that may still ask (evidence for 整改, a reason, a department, a deadline) is one hazard at a time:
// the sender picks which first (choose-intent.ts) and the reply says which codes are left, so none is lost.

export { codeOf };

/** The codes when the options are one per hazard code (the readings of several-codes.ts), else null. */
export function codesOfOptions(options: readonly ParsedMessage[]): string[] | null {
  if (options.length < 2) return null;
  const codes = options.map(codeOf);
  if (codes.some((c) => !c) || new Set(codes).size !== codes.length) return null;
  return codes as string[];
}

// Readings whose flows never ask a question: the verb runs or refuses.
const DONE_AT_ONCE = (p: ParsedMessage): boolean =>
  p.intent === 'close' || p.intent === 'acknowledge' || (p.intent === 'review' && p.pass === true);

/** Whether every option can be done now, with nothing to ask. */
export const allAtOnce = (options: readonly ParsedMessage[]): boolean => codesOfOptions(options) !== null && options.every(DONE_AT_ONCE);

/** Does each option in turn (allAtOnce); one reply with each hazard's result, a refusal said per code. */
export async function actOnEach(t: Turn, options: readonly ParsedMessage[], dispatch: Dispatch): Promise<Reply> {
  const lines: string[] = [];
  let done = 0;
  for (const option of options) {
    const reply = await dispatch(t, option);
    if (!reply) continue;
    const failed = reply.title === M.errorTitle;
    if (!failed) done++;
    lines.push(failed ? `${codeOf(option)}：${reply.lines.join(' ')}` : reply.title);
  }
  return { title: U.severalCodesDone(done, options.length), lines };
}

/** Whether every option asks after a hazard (YH…0003 YH…0004 改好了吗): a question needs no choosing. */
export const allQueries = (options: readonly ParsedMessage[]): boolean =>
  codesOfOptions(options) !== null && options.every((o) => o.intent === 'query_hazard');

/** One line per hazard asked after, where it stands (the full history is one code at a time); a refusal per code. */
export async function queryEach(t: Turn, options: readonly ParsedMessage[]): Promise<Reply> {
  const lines: string[] = [];
  for (const option of options) {
    const code = codeOf(option)!;
    try {
      lines.push(`· ${hazardLine(await t.verbs.getHazard({ code }))}`);
    } catch (e) {
      lines.push(`· ${code}：${errorReply(e).lines.join(' ')}`);
    }
  }
  return { title: U.severalCodesShown(options.length), lines, actions: options.slice(0, 1).map((o) => ({ label: '查看详情', command: `查询 ${codeOf(o)}` })) };
}

/** The note after one of several codes was chosen and done: the others, to send again. */
export function codesLeft(options: readonly ParsedMessage[], chosen: ParsedMessage): string | null {
  const codes = codesOfOptions(options);
  const left = codes?.filter((c) => c !== codeOf(chosen)) ?? [];
  return left.length ? U.severalCodesLeft(left) : null;
}
