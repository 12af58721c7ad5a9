import type { Reply } from '../present/reply.js';
import type { DeadlineSlot, HazardLevel, ParsedMessage } from './intents.js';
import { freeText, takeDeadline, takeLevel } from './parse/slots.js';
import type { Draft } from './drafts.js';
import { findHazardCode, normalise } from './parse/index.js';
import { answerDuplicate, continueReport } from './report.js';
import { continuePatrol, patrolResultAnswer, patrolVerdictAnswer } from './patrol.js';
import { continueRectify, continueReview } from './hazard-flows.js';
import { continueAcknowledge, continueAssign, continueVoid, continueWhistle } from './admin-flows.js';
import { continueQueryEnterprise } from './queries.js';
import type { PickedEnterprise } from './enterprise.js';
import type { Slots, Turn } from './turn.js';
import { M } from './messages.js';
import { awaitingName } from './pending.js';

// A message while the bot waits for an answer: fill the one missing slot and resume the flow, or
// return null when the message is something else (a new command replaces the question).

const FLOWS: Record<string, (t: Turn, slots: Slots) => Promise<Reply>> = {
  report: continueReport,
  patrol: continuePatrol,
  rectify: continueRectify,
  review: continueReview,
  assign: continueAssign,
  void: continueVoid,
  whistle: continueWhistle,
  acknowledge: continueAcknowledge,
  // The enterprise once chosen names it: in a group the answer goes to the sender privately.
  query_enterprise: async (t, s) => {
    const r = await continueQueryEnterprise(t, s);
    return r.title === '请选择企业' || r.title === M.errorTitle ? r : { ...r, names: true };
  },
};

/**
 * The answer to "what is the hazard / what was found": its words, with any deadline or level said in
 * them. "发现消防通道堵塞" parses as a report without an enterprise: here it is that answer, not a
 * new report (one naming an enterprise is a new command). Null when the message is something else.
 */
function hazardWords(parsed: ParsedMessage, now: Date): { description: string; deadline?: DeadlineSlot; level?: HazardLevel } | null {
  if (parsed.intent === 'report' && !parsed.enterprise && parsed.description) {
    return { description: parsed.description, deadline: parsed.deadline, level: parsed.level };
  }
  if (parsed.intent !== 'unknown') return null;
  const { deadline, rest } = takeDeadline(parsed.text, now);
  const { level, rest: words } = takeLevel(rest);
  const description = freeText(words);
  return description ? { description, deadline, level } : null;
}

/** Slots from hazard words: what the answer says wins, what the draft had is kept otherwise. */
const withWords = (s: Slots, key: 'description' | 'findings', w: NonNullable<ReturnType<typeof hazardWords>>): Slots => ({
  ...s,
  [key]: w.description,
  deadline: w.deadline ?? s.deadline,
  level: w.level ?? s.level,
});

// "哪家企业？" is answered by a name. A sentence ("华美 恒泰 都看过了 没问题") is a message of its own: taken as
// the name it would put the waiting patrol or report on whichever enterprise it mentions first.
const nameAnswer = (free: string | null): boolean => Boolean(free && free.length <= 30 && !/[\s,;。、:]/.test(free));

const FAIL = /不通过|不合格|未通过|没通过|驳回|不行/;
const PASS = /^(?:复查)?(?:通过|合格|验收通过|可以)/;

export async function answerDraft(t: Turn, draft: Draft, parsed: ParsedMessage, text: string): Promise<Reply | null> {
  const flow = FLOWS[draft.intent];
  if (!flow) return null;
  const s = draft.slots;
  const free = parsed.intent === 'unknown' && parsed.text.trim() ? parsed.text.trim() : null;
  const resume = async (slots: Slots) => {
    // The flow saves a new question if it still lacks something; otherwise the draft is done.
    await t.drafts.drop(t.actor.personId);
    return flow(t, slots);
  };

  // A deadline alone ("3天内") while the report or patrol waits for something else: kept, and the question stands.
  if (free && (draft.intent === 'report' || draft.intent === 'patrol') && draft.awaiting !== 'duplicate') {
    const { deadline, rest } = takeDeadline(free, t.now);
    if (deadline && !freeText(rest)) {
      await t.drafts.save(t.actor.personId, { intent: draft.intent, slots: { ...s, deadline }, awaiting: draft.awaiting }, t.now,
        draft.expiresAt.getTime() - t.now.getTime());
      return { title: '已记下期限', lines: [M.deadlineNoted(awaitingName(draft))] };
    }
  }
  switch (draft.awaiting) {
    case 'enterprise_choice': {
      const candidates = (s.candidates ?? []) as PickedEnterprise[];
      if (parsed.intent === 'choice') {
        const chosen = candidates[parsed.index - 1];
        if (!chosen) return { title: '请选择企业', lines: [M.choiceOutOfRange(candidates.length)] };
        return resume({ ...s, candidates: undefined, enterprise: chosen });
      }
      return nameAnswer(free) ? resume({ ...s, candidates: undefined, enterpriseText: free! }) : null;
    }
    case 'enterprise':
      return nameAnswer(free) ? resume({ ...s, enterpriseText: free! }) : null;
    case 'description': {
      const w = hazardWords(parsed, t.now);
      return w ? resume(withWords(s, 'description', w)) : null;
    }
    case 'findings': {
      const w = hazardWords(parsed, t.now);
      return w ? resume({ ...withWords(s, 'findings', w), result: 'issues' }) : null;
    }
    case 'patrol_result': {
      const answer = free ? patrolResultAnswer(s, free) : null;
      if (answer) return resume(answer);
      const w = hazardWords(parsed, t.now);
      return w ? resume({ ...withWords(s, 'findings', w), result: 'issues' }) : null;
    }
    case 'patrol_verdict': {
      if (parsed.intent === 'choice') {
        if (parsed.index !== 1 && parsed.index !== 2) return { title: '请确认巡查结果', lines: [M.choiceOutOfRange(2)] };
        return resume(patrolVerdictAnswer(s, parsed.index === 2));
      }
      // The choices in words (巡查正常, 发现隐患), or a patrol's own result and findings said again.
      if (parsed.intent === 'patrol') {
        return parsed.findings ? resume({ ...s, result: 'issues', findings: parsed.findings })
          : resume(patrolVerdictAnswer(s, parsed.result === 'issues'));
      }
      if (parsed.intent === 'report' && !parsed.description) return resume(patrolVerdictAnswer(s, true));
      // 正常 / 有问题 in words, or the problem itself described: read as the result question reads them. 正常 is the
      // sender's verdict on the words asked about, as 1 is: never the same question again.
      const answer = free ? patrolResultAnswer(s, free) : null;
      if (answer) return resume(answer.result === 'normal' ? patrolVerdictAnswer(s, false) : answer);
      const w = hazardWords(parsed, t.now);
      return w ? resume({ ...withWords(s, 'findings', w), result: 'issues' }) : null;
    }
    case 'code': {
      // A bare code reads as 查询 YH…: here it answers the question.
      const code = parsed.intent === 'query_hazard' ? parsed.code : null;
      return code ? resume({ ...s, code }) : null;
    }
    case 'review_result': {
      if (parsed.intent === 'confirm') return resume({ ...s, pass: parsed.yes });
      if (!free) return null;
      if (FAIL.test(free)) return resume({ ...s, pass: false, reason: free.replace(FAIL, '').trim() || undefined });
      return PASS.test(free) ? resume({ ...s, pass: true }) : null;
    }
    case 'reason': {
      if (draft.intent === 'void') {
        // "重复 YH…" parses as a query of that code; "不属实" as unknown text. Both answer here.
        const dup = findHazardCode(normalise(text));
        if (free || dup) return resume({ ...s, reason: text, duplicateOf: dup?.code });
        return null;
      }
      return free ? resume({ ...s, reason: free }) : null;
    }
    case 'department':
      return free ? resume({ ...s, department: free }) : null;
    case 'evidence':
      return free ? resume({ ...s, note: free }) : null;
    case 'duplicate': {
      if (parsed.intent !== 'confirm') return null;
      await t.drafts.drop(t.actor.personId);
      return answerDuplicate(t, s, parsed.yes);
    }
    default:
      return null;
  }
}
