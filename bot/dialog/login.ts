import { DomainError } from '../../api/core/errors.js';
import type { Reply } from '../present/reply.js';
import { issueLoginTicket, ticketUrl, TICKET_TTL_MS } from '../../web/auth/issue-ticket.js';
import { WEB_MSG } from '../../web/messages.js';
import type { Turn } from './turn.js';

/**
 * 登录: a link with a single-use ticket (10 minutes) that signs the sender in to the pages. Only a
 * bound sender gets here; the link is sent to them alone, never to a group.
 */
export async function loginReply(t: Turn): Promise<Reply> {
  if (!t.deps.publicUrl) return { title: WEB_MSG.loginReplyTitle, lines: [WEB_MSG.loginNoUrl] };
  if (t.msg.conversation.kind === 'group') return { title: WEB_MSG.loginReplyTitle, lines: ['登录链接只能私聊发送：请单独给我发“登录”。'] };
  try {
    const { ticket } = await issueLoginTicket(t.deps, t.actor.personId, t.now);
    return { title: WEB_MSG.loginReplyTitle, lines: [WEB_MSG.loginReply(TICKET_TTL_MS / 60_000), ticketUrl(t.deps.publicUrl, ticket)] };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'rate_limited') return { title: WEB_MSG.loginReplyTitle, lines: [e.message] };
    throw e;
  }
}
