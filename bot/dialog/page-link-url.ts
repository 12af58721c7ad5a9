import type { Deps } from '../../api/core/context.js';
import { DomainError } from '../../api/core/errors.js';
import type { Actor } from '../../api/core/context.js';
import { issueLoginTicket, ticketUrl } from '../../web/auth/issue-ticket.js';
import type { Reply } from '../present/reply.js';

/**
 * Turns a reply's page path into the URL it carries (PUBLIC_URL unset: no link at all). A private
 * chat gets one single-use ticket per reply, so the tap signs the person in and lands on the page.
 * A group never gets a ticket (anyone reading along could sign in as the sender), and when the
 * person's ticket budget is nearly spent the link goes to the page without one: the page sends
 * them to the sign-in page, which says to send 登录 — for which one ticket is always kept back.
 */
export async function resolvePageLink(deps: Deps, actor: Pick<Actor, 'personId'>, reply: Reply, withTicket: boolean, now: Date): Promise<Reply> {
  if (!reply.link || !deps.publicUrl) return reply.link ? { ...reply, link: undefined } : reply;
  const base = deps.publicUrl.replace(/\/+$/, '');
  const plain = `${base}${reply.link.path}`;
  if (!withTicket) return { ...reply, link: { ...reply.link, url: plain } };
  try {
    const { ticket } = await issueLoginTicket(deps, actor.personId, now, { keep: 1, next: reply.link.path });
    return { ...reply, link: { ...reply.link, url: ticketUrl(deps.publicUrl, ticket) } };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'rate_limited') return { ...reply, link: { ...reply.link, url: plain } };
    throw e;
  }
}
