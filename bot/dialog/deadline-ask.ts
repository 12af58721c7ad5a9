import type { Reply } from '../present/reply.js';
import type { IntentOf, ParsedMessage } from './intents.js';
import type { Draft } from './drafts.js';
import { parseDeadline } from '../../lib/deadline.js';
import { normalise } from './parse/normalise.js';
import type { Dispatch } from './choose-intent.js';
import { ask, type Turn } from './turn.js';
import { U } from './understand-messages.js';

// A report or patrol whose deadline words were a date already gone or no date at all (尽快, 月中前):
// nothing is written yet; the bot asks for the deadline once and then continues with everything else
// the message said. 不设期限 goes on without one.

export const DEADLINE_ISSUE = 'deadline_issue';
const NO_DEADLINE = /^(?:不设期限|不设|不设置|没有期限|无期限|不限|不限期|不用|不要|没有|无|不需要)(?:了|吧)?$/;

type WithIssue = IntentOf<'report'> | IntentOf<'patrol'>;

export function askDeadline(t: Turn, p: WithIssue): Promise<Reply> {
  const { deadlineIssue: issue, ...rest } = p;
  const question = issue!.reason === 'past' ? U.deadlinePast(issue!.text) : U.deadlineUnclear(issue!.text);
  return ask(t, DEADLINE_ISSUE, { parsed: rest }, 'deadline', question, U.deadlineTitle);
}

/** The answer: a deadline, or 不设期限; null when the message is something else. */
export async function answerDeadline(t: Turn, draft: Draft, parsed: ParsedMessage, text: string, dispatch: Dispatch): Promise<Reply | null> {
  const original = draft.slots.parsed as WithIssue;
  const said = normalise(text);
  const resume = async (p: ParsedMessage) => {
    await t.drafts.drop(t.actor.personId);
    return dispatch(t, p);
  };
  if (NO_DEADLINE.test(said) || (parsed.intent === 'confirm' && !parsed.yes)) return resume({ ...original, deadline: undefined });
  // The answer is only a deadline ("5天内", "12月10号前"), not a new report that happens to carry one.
  if (parsed.intent === 'report' || parsed.intent === 'patrol') {
    if (parsed.enterprise || ('description' in parsed && parsed.description) || ('findings' in parsed && parsed.findings)) return null;
  }
  const hit = parseDeadline(said, t.now);
  if (!hit || said.replace(hit.matched, '').trim().length > 4) return null;
  if (hit.past) return askDeadline(t, { ...original, deadlineIssue: { reason: 'past', text: hit.matched } });
  return resume({ ...original, deadline: hit.slot });
}
