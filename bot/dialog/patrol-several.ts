import type { Reply } from '../present/reply.js';
import { clip } from '../present/reply.js';
import { dayLabel } from '../present/format.js';
import { DomainError } from '../../api/core/errors.js';
import type { IntentOf } from './intents.js';
import { resolveEnterprise, type PickedEnterprise } from './enterprise.js';
import { errorReply, source, type Turn } from './turn.js';
import { M } from './messages.js';

// 华美塑料 恒泰 都看过了 没问题: several enterprises visited and all well, in one message. Each name that
// matches exactly one enterprise in the sender's scope gets its own normal patrol; there is no question to
// ask per name on a phone, so a name not found or matching several is listed back, never guessed.
// Each patrol has its own source id (the first the message's, then <messageId>#patrol<i>), so a replayed
// message records none of them twice.

export async function patrolSeveral(t: Turn, p: IntentOf<'patrol'> & { enterprises: string[] }): Promise<Reply> {
  const picked: PickedEnterprise[] = [];
  const notFound: string[] = [];
  const unclear: string[] = [];
  for (const phrase of p.enterprises) {
    let r;
    try {
      r = await resolveEnterprise(t, phrase);
    } catch (e) {
      return errorReply(e);
    }
    if (r.kind === 'none') notFound.push(phrase);
    else if (r.kind === 'choice') unclear.push(phrase);
    // Two names for the same enterprise (华美 华美化工) are one visit.
    else if (!picked.some((e) => e.id === r.enterprise.id)) picked.push(r.enterprise);
  }
  const recorded: string[] = [];
  const failed: string[] = [];
  const from = source(t);
  for (const [i, enterprise] of picked.entries()) {
    try {
      const r = await t.verbs.patrol({
        enterpriseId: enterprise.id,
        result: 'normal',
        source: i === 0 ? from : { ...from, messageId: `${from.messageId}#patrol${i}` },
      });
      recorded.push(M.severalRecorded(clip(r.patrol.enterpriseName, 40), dayLabel(r.nextDueDay)));
    } catch (e) {
      // One enterprise refused (closed, out of scope since) leaves the others recorded.
      if (!(e instanceof DomainError) || e.code === 'internal') throw e;
      failed.push(M.severalFailed(clip(enterprise.name, 40), e.message));
    }
  }
  // As after one patrol: what was recorded ends the conversation's current draft.
  if (recorded.length) await t.drafts.drop(t.actor.personId);
  const lines = [...recorded, ...failed];
  if (notFound.length) lines.push(M.severalNotFound(notFound.map((n) => clip(n, 20)).join('、')));
  if (unclear.length) lines.push(M.severalUnclear(unclear.map((n) => clip(n, 20)).join('、')));
  return { title: recorded.length ? M.patrolTitle : M.errorTitle, lines };
}
