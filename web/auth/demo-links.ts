import type { Deps } from '../../api/core/context.js';
import { issueLoginTicket, ticketUrl, TICKET_TTL_MS } from './issue-ticket.js';

type Person = { id: number; name: string };

/** `npm run demo`: one-time sign-in links to the pages for the demo worker and town admin. */
export async function demoSignInLinks(deps: Deps, url: string, seed: { tokens: { worker: Person; townAdmin: Person } }): Promise<string> {
  const now = deps.clock();
  const worker = await issueLoginTicket(deps, seed.tokens.worker.id, now);
  const admin = await issueLoginTicket(deps, seed.tokens.townAdmin.id, now, { next: '/app/dashboard' });
  return [
    `页面 pages（${TICKET_TTL_MS / 60_000} 分钟内有效、各用一次；之后在聊天里发“登录”获取新链接）:`,
    `  网格员 worker      ${seed.tokens.worker.name.padEnd(4)} ${ticketUrl(url, worker.ticket)}`,
    `  镇管理员 town admin ${seed.tokens.townAdmin.name.padEnd(4)} ${ticketUrl(url, admin.ticket)}`,
    '',
  ].join('\n');
}
