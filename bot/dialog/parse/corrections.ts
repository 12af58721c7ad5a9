// Corrections of the report just sent, in plain words: 改成重大, 期限改为5天, 不是华美，是恒泰纺织, 撤回.
// Read only right after a report (the dialog asks only then), so these short phrases cannot be
// mistaken for anything else. Pure: words in, a correction or null out.
import type { DeadlineSlot, HazardLevel } from '../intents.js';
import { normalise } from './normalise.js';
import { takeDeadline } from './slots.js';

export type Correction =
  | { kind: 'level'; level: HazardLevel }
  | { kind: 'deadline'; deadline: DeadlineSlot }
  | { kind: 'enterprise'; enterprise: string }
  | { kind: 'withdraw' };

const CHANGE = '(?:改成|改为|改到|换成|应该是|应为|应是)';
const LEVEL = new RegExp(`^(?:等级|级别)?${CHANGE}(重大|一般)(?:隐患)?$`);
const DEADLINE = new RegExp(`^(?:整改)?(?:期限|时间|时限)${CHANGE}(.+)$`);
const ENTERPRISE = /^(?:企业)?(?:不是|并非|错了[，,]?不是)(.+?)[，,、\s]*(?:而?是|应该是|应为)(.+?)$/;
const ENTERPRISE_CHANGE = new RegExp(`^企业${CHANGE}(.+)$`);
// Read on the message with its spaces: the corrected part is one word (不对 是这样的 他们已经改了 is an explanation).
const RETRACTED = /^(?:不对|错了|搞错了|说错了|写错了|弄错了|打错了)[，,、:：\s]*(?:企业|期限|等级)?(?:是|应该是|应为|改成|改为)\s*(?![这那])([^，,、\s]{2,20})$/;
const WITHDRAW = /^(?:请)?(?:撤回|撤销|取消上报|删除|删掉)(?:上一条|刚才的|刚才那条|这条|上报|隐患)*$|^(?:报错了|发错了)[，,]?(?:撤回|撤销)?$/;

export function parseCorrection(text: string, now: Date): Correction | null {
  const s = normalise(text).replace(/[。.!！]+$/, '').replace(/\s+/g, ' ').trim();
  if (!s || s.length > 40) return null;
  const compact = s.replace(/\s+/g, '');
  if (WITHDRAW.test(compact)) return { kind: 'withdraw' };
  const level = LEVEL.exec(compact);
  if (level) return { kind: 'level', level: level[1] === '重大' ? 'major' : 'general' };
  const deadline = DEADLINE.exec(compact);
  if (deadline) {
    const { deadline: slot, rest } = takeDeadline(deadline[1], now);
    return slot && !rest.trim() ? { kind: 'deadline', deadline: slot } : null;
  }
  // "不对，是华美", "说错了 是后天", "搞错了 应该是重大": a retraction, then what it should be. What follows says which
  // part is corrected: a level, a whole deadline, else the enterprise.
  const fixed = RETRACTED.exec(s)?.[1];
  if (fixed) {
    if (/^(?:重大|一般)(?:隐患)?$/.test(fixed)) return { kind: 'level', level: fixed.startsWith('重大') ? 'major' : 'general' };
    const { deadline: slot, rest } = takeDeadline(fixed, now);
    if (slot) return rest.trim() ? null : { kind: 'deadline', deadline: slot };
    return { kind: 'enterprise', enterprise: fixed };
  }
  const ent = ENTERPRISE.exec(compact) ?? ENTERPRISE_CHANGE.exec(compact);
  if (ent) {
    const name = (ent[2] ?? ent[1]).trim();
    return name ? { kind: 'enterprise', enterprise: name } : null;
  }
  return null;
}
