import type { ParsedMessage } from './intents.js';
import type { Draft, DraftStore } from './drafts.js';
import { pendingSummary } from './pending-summary.js';
import { findHazardCode, normalise } from './parse/index.js';

// The rules of a pending question, in one place:
// - it consumes only a message that answers it (a choice number, 是/否, a name, a code, the words
//   it asked for, 取消); any other complete command is handled as itself;
// - the reply to that other command says what became of the question (kept, or replaced);
// - a question that expired is announced, never dropped silently: in the next reply, and in the
//   next 08:30 digest when the sender wrote nothing since (jobs/worker-digest.ts).

export { pendingSummary };

/** Intents that are never a command of their own while a question waits: they can only answer it. */
const ANSWER_INTENTS = new Set<ParsedMessage['intent']>(['unknown', 'choice', 'confirm']);

const compact = (s: string) => normalise(s).replace(/[\s，。,.!！？?]+/g, '');

/**
 * Whether this message answers the pending question (then answerDraft decides how), rather than
 * being a command of its own. A message naming an action and its target (`作废 YH… 不属实`) is
 * always its own command, even when it also contains something that would fit the question.
 */
export function answersPending(draft: Draft, parsed: ParsedMessage, text: string): boolean {
  if (ANSWER_INTENTS.has(parsed.intent)) return true;
  switch (draft.awaiting) {
    case 'code': {
      // A bare code reads as 查询 YH…; only the code itself answers "which hazard?".
      const code = findHazardCode(normalise(text));
      return parsed.intent === 'query_hazard' && code !== null && compact(text).length <= compact(code.code).length + 1;
    }
    case 'reason':
      // "重复 YH…" (the other hazard of a duplicate) parses as a query of that code.
      return draft.intent === 'void' && parsed.intent === 'query_hazard' && /^重复/.test(compact(text));
    case 'patrol_verdict':
      // The choices in words: 巡查正常 reads as a patrol without an enterprise, 发现隐患 as a report.
      if (parsed.intent === 'patrol' && !parsed.enterprise && !parsed.enterprises?.length) return true;
      return parsed.intent === 'report' && !parsed.enterprise;
    case 'description':
    case 'findings':
    case 'patrol_result':
      // "发现消防通道堵塞" is a report without an enterprise: the words asked for.
      return parsed.intent === 'report' && !parsed.enterprise;
    case 'enterprise':
    case 'enterprise_choice':
      // A bare name may be read as "tell me about this enterprise": here it answers "which one?".
      return parsed.intent === 'query_enterprise' && compact(text) === compact(parsed.enterprise);
    default:
      return false;
  }
}



const AWAITING_NAMES: Record<string, string> = {
  enterprise: '企业名称', enterprise_choice: '选择企业的序号', description: '隐患描述', findings: '发现的问题',
  patrol_result: '巡查结果', patrol_verdict: '巡查结果的序号', code: '隐患编号', review_result: '是否通过', reason: '原因', department: '部门',
  evidence: '整改照片或说明', duplicate: '“是”或“否”（是否补充到已有隐患）',
  intent_choice: '要做的事的序号', deadline: '整改期限',
};

/** What the question waits for, in a few words ("隐患描述"). */
export const awaitingName = (draft: Draft) => AWAITING_NAMES[draft.awaiting ?? ''] ?? '上一个问题';


export const pendingKept = (draft: Draft) =>
  `另：您之前的${pendingSummary(draft)}还在等您回复${AWAITING_NAMES[draft.awaiting ?? ''] ?? ''}，尚未记录；直接回复即可继续，回复“取消”放弃。`;
export const pendingReplaced = (draft: Draft) =>
  `另：您之前的${pendingSummary(draft)}未完成，已放弃（未记录）；如需办理请重新发送完整内容。`;
export const pendingExpired = (draft: Draft) =>
  `另：您之前的${pendingSummary(draft)}超过 30 分钟未回复，已失效（未记录），如需办理请重新发送。`;

/**
 * A draft store that notes whether the command it serves asked a question of its own. One person
 * has one draft: a new question replaces the pending one; anything else (a record made, a photo
 * target, nothing) leaves the pending question to be put back.
 */
export function watchedDrafts(inner: DraftStore): DraftStore & { askedQuestion(): boolean; photoTarget(): Record<string, unknown> | null } {
  let asked = false;
  let target: Record<string, unknown> | null = null;
  return {
    load: (p, now) => inner.load(p, now),
    loadAny: (p) => inner.loadAny(p),
    save: (p, d, now, ttl) => {
      if (d.awaiting) asked = true;
      target = d.intent === 'attach' && !d.awaiting ? d.slots : target;
      return inner.save(p, d, now, ttl);
    },
    drop: (p) => inner.drop(p),
    askedQuestion: () => asked,
    /** Where photos after the command's own record should go (kept inside the restored question). */
    photoTarget: () => target,
  };
}
