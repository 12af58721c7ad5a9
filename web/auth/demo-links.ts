import type { Deps } from '../../api/core/context.js';
import { DomainError } from '../../api/core/errors.js';
import { issueLoginTicket, ticketUrl, TICKET_TTL_MS } from './issue-ticket.js';

export const DEMO_LINKS_LATER = '（10 分钟内申请的链接已达上限，稍后在聊天里发“登录”获取）';

type Person = { id: number; name: string };

/** `npm run demo`: one-time sign-in links to the pages for the demo worker and town admin. */
export async function demoSignInLinks(deps: Deps, url: string, seed: { tokens: { worker: Person; townAdmin: Person } }): Promise<string> {
  const now = deps.clock();
  // A demo restarted a few times within ten minutes (each report reply carries a link too) meets the
  // per-person limit on links: that is the limit working, never a reason for the demo not to start.
  const link = async (person: Person, next?: string) => {
    try {
      return ticketUrl(url, (await issueLoginTicket(deps, person.id, now, next ? { next } : {})).ticket);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'rate_limited') return DEMO_LINKS_LATER;
      throw e;
    }
  };
  const worker = await link(seed.tokens.worker);
  const admin = await link(seed.tokens.townAdmin, '/app/dashboard');
  return [
    `页面 pages（${TICKET_TTL_MS / 60_000} 分钟内有效、各用一次；之后在聊天里发“登录”获取新链接）:`,
    `  网格员 worker      ${seed.tokens.worker.name.padEnd(4)} ${worker}`,
    `  镇管理员 town admin ${seed.tokens.townAdmin.name.padEnd(4)} ${admin}`,
    '',
  ].join('\n');
}
