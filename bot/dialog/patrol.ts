import type { Reply } from '../present/reply.js';
import { patrolReply } from '../present/patrol.js';
import type { DeadlineSlot, HazardLevel, IntentOf } from './intents.js';
import { echoOf } from './echo.js';
import { needEnterprise, type PickedEnterprise } from './enterprise.js';
import { markPhotoTarget, recentPhotoIds } from './photos.js';
import { ask, deadlineInput, errorReply, slotText, source, type Slots, type Turn } from './turn.js';
import { M } from './messages.js';
import { noteVerdict, patrolVerdict } from './patrol-verdict.js';
import { clip } from '../present/reply.js';

// 巡查: enterprise → result (正常, or what was found) → patrol (+ the hazard found, via the same verb).

const NORMAL_WORDS = /^(正常|无异常|没有异常|一切正常|没问题|没有问题|无问题|未发现问题|未发现隐患|没有发现隐患|没发现隐患|未发现异常|没发现异常|没有发现异常|未见异常|无隐患|没有隐患|良好)[。.!！]?$/;
// "There is a problem" without saying which: the next question is what was found.
const ISSUES_ONLY = /^(有问题|有隐患|发现问题|发现隐患|存在问题|存在隐患|不正常|异常|有)[。.!！]?$/;

export function startPatrol(t: Turn, p: IntentOf<'patrol'>): Promise<Reply> {
  return continuePatrol(t, { enterpriseText: p.enterprise, result: p.result, findings: p.findings, note: p.note, level: p.level, levelReason: p.levelReason, deadline: p.deadline });
}

/** The answer to "巡查结果如何？" when it is only a verdict (正常 / 有问题); null when it describes something. */
export function patrolResultAnswer(slots: Slots, text: string): Slots | null {
  if (NORMAL_WORDS.test(text.trim())) return { ...slots, result: 'normal' };
  if (ISSUES_ONLY.test(text.trim())) return { ...slots, result: 'issues', findings: undefined };
  return null;
}

export async function continuePatrol(t: Turn, slots: Slots): Promise<Reply> {
  const e = await needEnterprise(t, 'patrol', slots);
  if ('reply' in e) return e.reply;
  const s = e.slots;
  const findings = slotText(s, 'findings') ?? '';
  // "正常 灭火器过期": a normal patrol whose note tells a problem after all is never stored as normal with the
  // hazard as its note: told plainly, it is the finding; told unsure, the sender is asked (patrol-verdict.ts).
  const note = slotText(s, 'note');
  if (s.result === 'normal' && note && !findings && !s.findingsConfirmed) {
    const beside = noteVerdict(note, Boolean(s.deadline));
    if (beside === 'finding') return submitPatrol(t, { ...s, result: 'issues', note: undefined }, note);
    if (beside === 'unsure') return askVerdict(t, { ...s, note: undefined }, note, false);
  }
  // A patrol with findings and no result: the sender said 正常 beside words that may tell a problem; asked.
  if (!s.result && findings && !s.findingsConfirmed && patrolVerdict(findings) !== 'empty') return askVerdict(t, s, findings, false);
  if (!s.result && !findings) return ask(t, 'patrol', s, 'patrol_result', M.askPatrolResult);
  if (s.result === 'issues' && !findings) return ask(t, 'patrol', s, 'findings', M.askFindings);
  // Findings become a hazard: only words that say what is wrong may. All-well words are a normal
  // patrol; anything else is asked once (patrol-verdict.ts), unless the worker already said 发现隐患.
  if (findings && !s.findingsConfirmed) {
    const verdict = patrolVerdict(findings);
    if (verdict === 'well') return submitPatrol(t, { ...s, result: 'normal', findings: undefined }, '');
    if (verdict !== 'problem') return askVerdict(t, s, findings, verdict === 'empty');
  }
  return submitPatrol(t, s, findings);
}

/**
 * 1. 巡查正常 2. 发现隐患, the draft kept. Words that say nothing (a greeting, a form label) are not kept:
 * 发现隐患 then asks what was found instead of recording them as the hazard.
 */
async function askVerdict(t: Turn, s: Slots, findings: string, empty: boolean): Promise<Reply> {
  const enterprise = s.enterprise as PickedEnterprise;
  const numbered = [M.verdictNormal, M.verdictIssues].map((label, i) => ({ line: `${i + 1}. ${label}`, answer: String(i + 1) }));
  const lines = [M.askVerdict(clip(enterprise.name, 30), empty ? null : clip(findings, 30)), ...numbered.map((c) => c.line), M.chooseVerdictHint];
  const slots = { ...s, findings: empty ? undefined : findings, result: undefined };
  return { ...(await ask(t, 'patrol', slots, 'patrol_verdict', lines, '请确认巡查结果')), choices: numbered };
}

/** The answer to askVerdict: 巡查正常 → normal; 发现隐患 → a hazard from the words kept (or asked for). */
// 巡查正常 keeps the words asked about as the patrol's note (老板不在), and says the verdict is the sender's own, so the
// note is not asked about again.
export const patrolVerdictAnswer = (s: Slots, issues: boolean): Slots =>
  issues ? { ...s, result: 'issues', findingsConfirmed: true } : { ...s, result: 'normal', findings: undefined, note: s.note ?? s.findings, findingsConfirmed: true };

async function submitPatrol(t: Turn, slots: Slots, findings: string): Promise<Reply> {
  const enterprise = slots.enterprise as PickedEnterprise;
  const photoIds = await recentPhotoIds(t);
  const note = slotText(slots, 'note');
  const hazard = findings
    ? [{ description: findings, level: slots.level as 'general' | 'major' | undefined, ...deadlineInput(slots.deadline as DeadlineSlot | undefined, t.now) }]
    : undefined;
  try {
    const r = await t.verbs.patrol({
      enterpriseId: enterprise.id,
      result: findings ? 'issues' : 'normal',
      ...(note ? { note } : {}),
      ...(photoIds.length ? { photoIds } : {}),
      ...(hazard ? { hazards: hazard } : {}),
      source: source(t),
    });
    // Later photos belong to the hazard found here, and never to an earlier report.
    if (r.hazards[0]) await markPhotoTarget(t, r.hazards[0], 0, true);
    else await t.drafts.drop(t.actor.personId);
    const said = { level: slots.level as HazardLevel | undefined, levelReason: slots.levelReason as string | undefined, deadline: slots.deadline as DeadlineSlot | undefined };
    const echoes = await Promise.all(r.hazards.map((h) => echoOf(t, h, said, 0)));
    return patrolReply(r, t.actor.role, photoIds.length, echoes);
  } catch (e) {
    return errorReply(e);
  }
}
