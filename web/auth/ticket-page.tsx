/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import type { Deps } from '../../api/core/context.js';
import { DomainError } from '../../api/core/errors.js';
import { Layout } from '../layout.js';
import { WEB_MSG } from '../messages.js';
import type { WebContext, WebEnv } from '../env.js';
import { exchangeTicket, ticketUsable } from './sessions.js';
import { safeNext } from './issue-ticket.js';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * Sign-in from a chat link in two steps. DingTalk, WeChat and WeCom fetch a link (GET) to draw its
 * preview card before anyone taps it, so GET only shows a confirm page and never spends the ticket;
 * the page's plain form (no script needed) POSTs it, and only that exchange opens the session and
 * redirects (303), so the ticket leaves the address bar. The POST is under /auth/*, whose Origin check
 * (app.tsx) keeps another site from signing a browser in with the attacker's own ticket.
 */
export function registerTicketSignIn(web: Hono<WebEnv>, deps: Deps, onSession: (c: WebContext, token: string) => Promise<void>) {
  // `/t/<ticket>` is the link chat replies carry; `/auth/ticket?t=` the older form, still honoured.
  const confirm = async (c: WebContext, ticket: string, next: string | undefined) => {
    // A read only: a used, expired or unknown link says so at once instead of after the tap.
    if (!(await ticketUsable(deps, ticket, deps.clock()))) throw new DomainError('unauthorized', WEB_MSG.ticketInvalid);
    return c.html(
      <Layout title={WEB_MSG.ticketConfirmTitle}>
        <div class="card">
          <h1>{WEB_MSG.ticketConfirmTitle}</h1>
          <p>{WEB_MSG.ticketConfirmHint}</p>
          <form method="post" action="/auth/ticket">
            <input type="hidden" name="t" value={ticket} />
            {next && <input type="hidden" name="next" value={safeNext(next)} />}
            <button type="submit" id="enter">{WEB_MSG.ticketConfirmButton}</button>
          </form>
        </div>
      </Layout>,
      200, NO_STORE,
    );
  };
  web.get('/t/:ticket', (c) => confirm(c, c.req.param('ticket'), undefined));
  web.get('/auth/ticket', (c) => confirm(c, c.req.query('t') ?? '', c.req.query('next')));
  web.post('/auth/ticket', async (c) => {
    const body = await c.req.parseBody();
    const session = await exchangeTicket(deps, typeof body.t === 'string' ? body.t : '', deps.clock());
    await onSession(c, session.token);
    // The page stored with the ticket, else (an older link) the form's.
    return c.redirect(session.next ?? safeNext(body.next), 303);
  });
}
