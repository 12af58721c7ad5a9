import type { Actor } from '../../api/core/context.js';
import type { ParsedMessage } from './intents.js';

// An enterprise safety contact asks for their enterprise's hazards in their own words (本企业隐患,
// 我们公司的隐患), not a grid worker's 我的任务: those words mean the tasks list for them. Only for
// that role, and only the whole message, so nothing a worker says is read differently.
const OWN_HAZARDS = /^(?:查看?|看看?|查询)?(?:本企业|本单位|本公司|我们?(?:公司|企业|单位|厂|这边))的?(?:隐患|待整改(?:的?隐患)?|整改任务)(?:清单|列表|情况)?[?？。!！]*$/;

export function contactWords(actor: Pick<Actor, 'role'>, text: string): ParsedMessage | null {
  if (actor.role !== 'enterprise') return null;
  return OWN_HAZARDS.test(text.normalize('NFKC').replace(/\s+/g, '')) ? { intent: 'tasks' } : null;
}
