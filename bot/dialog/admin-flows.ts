import type { Reply } from '../present/reply.js';
import { clip } from '../present/reply.js';
import { hazardResultReply } from '../present/hazard.js';
import type { Department } from '../client/types.js';
import type { DeadlineSlot, IntentOf } from './intents.js';
import { ask, attempt, deadlineInput, errorReply, slotText, type Slots, type Turn } from './turn.js';
import { M } from './messages.js';
import { shanghaiIsoDay } from '../../lib/time.js';

// 交办, 作废, 吹哨, 报到: one hazard code plus at most one more piece; the verbs check who may do it.

export async function continueAssign(t: Turn, slots: Slots): Promise<Reply> {
  const c = slotText(slots, 'code');
  if (!c) return ask(t, 'assign', slots, 'code', M.askCode);
  const { fixNow, ...deadline } = deadlineInput(slots.deadline as DeadlineSlot | undefined, t.now);
  const responsible = slotText(slots, 'responsible');
  const input = { ...(fixNow ? { deadline: shanghaiIsoDay(t.now) } : deadline), ...(responsible ? { responsible: clip(responsible, 100) } : {}) };
  return attempt(() => t.verbs.assign({ code: c }, input), (h) => hazardResultReply(M.assignedTitle(h.code), h, t.actor.role));
}

export const startAssign = (t: Turn, p: IntentOf<'assign'>) => continueAssign(t, { code: p.code, deadline: p.deadline, responsible: p.responsible });

/** 不属实 / 重复 YH…: the two reasons the verb knows; anything else is asked again. */
function voidReason(slots: Slots): 'false_report' | 'duplicate' | null {
  const r = slotText(slots, 'reason') ?? '';
  if (slots.duplicateOf || /重复/.test(r)) return 'duplicate';
  if (/不属实|不实|虚假|误报|不存在|假的|错报/.test(r)) return 'false_report';
  return null;
}

export async function continueVoid(t: Turn, slots: Slots): Promise<Reply> {
  const c = slotText(slots, 'code');
  if (!c) return ask(t, 'void', slots, 'code', M.askCode);
  const reason = voidReason(slots);
  if (!reason) return ask(t, 'void', { ...slots, reason: undefined }, 'reason', M.askVoidReason);
  let duplicateOfId: number | undefined;
  if (reason === 'duplicate') {
    const dup = slotText(slots, 'duplicateOf');
    if (!dup) return ask(t, 'void', { ...slots, reason: undefined }, 'reason', M.askVoidReason);
    try {
      duplicateOfId = (await t.verbs.getHazard({ code: dup })).id;
    } catch (e) {
      return errorReply(e);
    }
  }
  const note = reason === 'false_report' ? slotText(slots, 'reason') : undefined;
  return attempt(
    () => t.verbs.void({ code: c }, { reason, ...(duplicateOfId ? { duplicateOfId } : {}), ...(note ? { note: clip(note, 200) } : {}) }),
    (h) => hazardResultReply(M.voidedTitle(h.code), h, t.actor.role),
  );
}

export const startVoid = (t: Turn, p: IntentOf<'void'>) => continueVoid(t, { code: p.code, reason: p.reason, duplicateOf: p.duplicateOf });

/** A department named the way people say it: full name, or a keyword such as 消防 or 住建. */
export function findDepartment(all: Department[], said: string): Department[] {
  const q = said.replace(/\s+/g, '');
  const exact = all.filter((d) => d.name === q || d.keywords.includes(q));
  if (exact.length) return exact;
  return all.filter((d) => d.name.includes(q) || d.keywords.some((k) => q.includes(k)));
}

export async function continueWhistle(t: Turn, slots: Slots): Promise<Reply> {
  const c = slotText(slots, 'code');
  if (!c) return ask(t, 'whistle', slots, 'code', M.askCode);
  const said = slotText(slots, 'department');
  if (!said) return ask(t, 'whistle', slots, 'department', M.askDepartment);
  const found = findDepartment(await t.verbs.departments(), said);
  if (found.length !== 1) {
    const lines = found.length ? [`请说得具体一些：${found.map((d) => d.name).join('、')}`] : [M.noDepartment(clip(said, 20))];
    return ask(t, 'whistle', { ...slots, department: undefined }, 'department', lines);
  }
  return attempt(() => t.verbs.whistle({ code: c }, { departmentId: found[0].id }), (h) => hazardResultReply(M.whistledTitle(h.code), h, t.actor.role));
}

export const startWhistle = (t: Turn, p: IntentOf<'whistle'>) => continueWhistle(t, { code: p.code, department: p.department });

export async function continueAcknowledge(t: Turn, slots: Slots): Promise<Reply> {
  const c = slotText(slots, 'code');
  if (!c) return ask(t, 'acknowledge', slots, 'code', M.askCode);
  return attempt(() => t.verbs.acknowledge({ code: c }), (h) => hazardResultReply(M.acknowledgedTitle(h.code), h, t.actor.role));
}

export const startAcknowledge = (t: Turn, p: IntentOf<'acknowledge'>) => continueAcknowledge(t, { code: p.code });
