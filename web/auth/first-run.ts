import { and, asc, eq } from 'drizzle-orm';
import type { Deps } from '../../api/core/context.js';
import { people } from '../../db/schema/index.js';
import { anySession } from './sessions.js';
import { issueLoginTicket, ticketUrl, TICKET_TTL_MS } from './issue-ticket.js';

/**
 * What `npm start` prints about getting in: until anyone has signed in, a one-time link for the
 * first district admin; with no admin at all, how to create one.
 */
export async function firstRunHint(deps: Deps, baseUrl: string): Promise<string> {
  if (await anySession(deps)) return `页面：${baseUrl}/app（在聊天中发送“登录”获取登录链接）`;
  const [admin] = await deps.db.select({ id: people.id, name: people.name }).from(people)
    .where(and(eq(people.role, 'district_admin'), eq(people.active, true))).orderBy(asc(people.id)).limit(1);
  if (!admin) {
    return '尚无管理员：设置 BOOTSTRAP_ADMIN_TOKEN=<至少 24 个字符的随机串> 后重启，将创建区级管理员并打印一次性登录链接。';
  }
  const { ticket } = await issueLoginTicket(deps, admin.id, deps.clock());
  return `首次登录（${admin.name}，${TICKET_TTL_MS / 60_000} 分钟内有效，只能用一次）：${ticketUrl(baseUrl, ticket)}`;
}
