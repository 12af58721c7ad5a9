import type { Reply } from '../present/reply.js';
import { clip } from '../present/reply.js';
import { hazardResultReply, echoLines } from '../present/hazard.js';
import type { CorrectReportInputT } from '../../api/hazards/correct.js';
import { parseCorrection, type Correction } from './parse/corrections.js';
import { resolveEnterprise } from './enterprise.js';
import { echoOf } from './echo.js';
import { photoTarget } from './photos.js';
import { attempt, deadlineInput, errorReply, type Turn } from './turn.js';
import { M } from './messages.js';

// 改成重大 / 期限改为5天 / 不是华美，是恒泰纺织 / 撤回, right after the sender's own report: the
// report is corrected through the correct verb (its own checks: reporter only, within 10 minutes,
// nobody has acted on it), and the reply echoes the hazard as it now stands.

/**
 * The correction of the last report (`report`: its slots, lastReportOf), or null when the message is
 * not one (or, with `quiet`, when there is no such report). `forget` is what a withdrawal does to
 * the draft: drop it, or only the carried report when a question is still pending.
 */
export async function correctLastReport(
  t: Turn, report: Record<string, unknown> | null, text: string,
  opts: { forget?: () => Promise<void>; quiet?: boolean } = {},
): Promise<Reply | null> {
  const fix = parseCorrection(text, t.now);
  if (!fix) return null;
  if (!report) {
    // 改成重大 with no report to correct is no riddle: say so rather than 没看懂 (撤回 alone stays 取消).
    return fix.kind === 'withdraw' || opts.quiet ? null : { title: M.errorTitle, lines: [M.nothingToCorrect] };
  }
  const target = photoTarget(report);
  const input = await inputFor(t, fix);
  if ('reply' in input) return input.reply;
  return attempt(() => t.verbs.correct({ id: target.hazardId }, input.input), async (h) => {
    if (fix.kind === 'withdraw') {
      await (opts.forget ?? (() => t.drafts.drop(t.actor.personId)))();
      return { title: M.withdrawnTitle(h.code), lines: [M.withdrawn] };
    }
    const said = fix.kind === 'level' ? { level: fix.level } : fix.kind === 'deadline' ? { deadline: fix.deadline } : {};
    const echo = await echoOf(t, h, said, 0);
    // 改成重大 alerts the admins as a major report does (api/hazards/correct.ts): the reply counts the alerts the
    // outbox holds for it, so it says only what was queued. Any other correction of a major report queues no new
    // alarm (its correction notice goes to those already alerted), so no count is claimed.
    const alerted = fix.kind === 'level' && fix.level === 'major' ? echo.alerted : undefined;
    return hazardResultReply(M.correctedTitle(h.code), h, t.actor.role, echoLines(h, { ...echo, alerted }));
  });
}

async function inputFor(t: Turn, fix: Correction): Promise<{ input: CorrectReportInputT } | { reply: Reply }> {
  switch (fix.kind) {
    case 'withdraw': return { input: { withdraw: true } };
    case 'level': return { input: { level: fix.level } };
    case 'deadline': return { input: deadlineInput(fix.deadline, t.now) };
    case 'enterprise': {
      try {
        const r = await resolveEnterprise(t, fix.enterprise);
        if (r.kind === 'one') return { input: { enterpriseId: r.enterprise.id } };
        if (r.kind === 'none') return { reply: { title: M.errorTitle, lines: [M.noEnterprise(clip(fix.enterprise, 30))] } };
        return { reply: { title: '请说得具体一些', lines: [M.correctWhich(r.candidates.map((c) => c.name))] } };
      } catch (e) {
        return { reply: errorReply(e) };
      }
    }
  }
}
