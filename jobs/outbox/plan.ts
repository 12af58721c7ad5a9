import type { ChatPlatform } from '../../bot/port.js';
import { pickRoute, type Route, type Routes } from './recipients.js';
import type { Senders } from './senders.js';

export type OutboxRow = { id: number; personId: number | null; platform: string | null; target: string | null; urgent: number; title: string; text: string; image?: string | null };
/** One platform call: a direct send, a group send, or a DingTalk batchSend of ≤ 20 users with one text. */
export type Send = { rows: OutboxRow[]; platform: ChatPlatform; to: Route['userId'][]; group?: string };
export type Budgets = { groupRobot: number; wechat: number; dingtalkBatchSize: number };

/**
 * Decides this round's calls: one platform per person (preferred first, among platforms with an
 * adapter here), identical DingTalk texts batched, within the platforms' budgets. Rows that
 * cannot go now step aside (`later`), so they do not fill every round's window and starve the
 * rows behind them; people with no chat identity at all are `unreachable`.
 */
export function planSends(due: OutboxRow[], routes: Routes, senders: Senders, budgets: Budgets) {
  const unreachable: OutboxRow[] = [];
  const later = { noSender: [] as number[], budget: [] as number[] };
  const plan: Send[] = [];
  const batches = new Map<string, Send>();
  let { groupRobot, wechat } = budgets;
  for (const r of due) {
    if (r.target) {
      const p = r.platform as ChatPlatform;
      if (!senders[p]) later.noSender.push(r.id);
      else if (p === 'dingtalk' && groupRobot-- <= 0) later.budget.push(r.id);
      else plan.push({ rows: [r], platform: p, to: [], group: r.target });
      continue;
    }
    const personRoutes = routes.get(r.personId!);
    const route = pickRoute(personRoutes, (p) => !!senders[p] && (p !== 'wechat' || wechat > 0));
    if (route === 'unreachable') unreachable.push(r);
    else if (!route) (pickRoute(personRoutes, (p) => !!senders[p]) ? later.budget : later.noSender).push(r.id);
    if (!route || route === 'unreachable') continue;
    if (route.platform === 'wechat') wechat--;
    if (route.platform === 'dingtalk' && senders.dingtalk?.sendBatch) {
      const key = `${r.title}\u0000${r.text}\u0000${r.image ?? ''}`;
      let b = batches.get(key);
      if (!b || b.to.length >= budgets.dingtalkBatchSize) batches.set(key, (b = { rows: [], platform: 'dingtalk', to: [] })), plan.push(b);
      b.rows.push(r);
      b.to.push(route.userId);
      continue;
    }
    plan.push({ rows: [r], platform: route.platform, to: [route.userId] });
  }
  return { plan, unreachable, later };
}
