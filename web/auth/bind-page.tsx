/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import type { Deps } from '../../api/core/context.js';
import { DomainError } from '../../api/core/errors.js';
import { normaliseBindingCode } from '../../api/people/binding-code-format.js';
import { BINDING_CODE_TTL_DAYS } from '../../api/people/create-binding-code.js';
import { redeemBindingCode } from '../../api/people/redeem-binding-code.js';
import { DINGTALK_BIND_JS } from '../assets/dingtalk-bind.js';
import { Layout } from '../layout.js';
import { WEB_MSG } from '../messages.js';
import type { WebContext, WebEnv, WebOptions } from '../env.js';
import { openSession } from './sessions.js';
import { dingTalkUserId } from './dingtalk-userid.js';

const JS = { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' };
// The page shows a live secret: no cache may keep it.
const NO_STORE = { 'cache-control': 'no-store' };

/** Where the hazard page's QR code points: the binding page for this code. */
export const bindPageUrl = (base: string, code: string) => `${base.replace(/\/+$/, '')}/auth/bind?code=${encodeURIComponent(code)}`;

/**
 * /auth/bind?code=…: what the enterprise contact sees after scanning the worker's QR code. It needs
 * no session and checks nothing (reading a code would spend one of its few checks): it says what to
 * send to the bot (`绑定 <code>`) on WeChat, WeCom or DingTalk. Inside DingTalk, when 免登 is
 * configured, the page binds by itself: the 免登 code gives the DingTalk userid, the binding code is
 * redeemed for it exactly as `绑定 …` in chat would be, and the contact is signed in.
 */
export function registerBindPage(web: Hono<WebEnv>, deps: Deps, options: WebOptions, onSession: (c: WebContext, token: string) => Promise<void>) {
  const dt = options.dingtalk;
  web.get('/auth/bind', (c) => {
    const code = normaliseBindingCode(c.req.query('code') ?? '');
    return c.html(
      <Layout title={WEB_MSG.bindTitle}>
        <div class="card">
          <h1>{WEB_MSG.bindTitle}</h1>
          {code ? (
            <>
              <p>{WEB_MSG.bindHowto}</p>
              <p class="bind-code" id="bind-message">绑定 {code}</p>
              <p class="muted">{WEB_MSG.bindValidity(BINDING_CODE_TTL_DAYS)}</p>
              {dt && (
                <form id="dd-bind" method="post" action="/auth/bind/dingtalk" data-corp={dt.corpId ?? ''} data-client={dt.clientId}>
                  <input type="hidden" name="bind" value={code} />
                  <input type="hidden" name="code" value="" />
                  <p id="dd-bind-msg" class="muted">{WEB_MSG.bindDingTalk}</p>
                </form>
              )}
            </>
          ) : <div class="alert error" role="alert">{WEB_MSG.bindBadCode}</div>}
        </div>
        {code && dt && <script src="/assets/dingtalk-jsapi.js" />}
        {code && dt && <script src="/assets/dingtalk-bind.js" />}
      </Layout>,
      200,
      NO_STORE,
    );
  });
  if (!dt) return;
  web.get('/assets/dingtalk-bind.js', (c) => c.body(DINGTALK_BIND_JS, 200, JS));
  web.post('/auth/bind/dingtalk', async (c) => {
    const body = await c.req.parseBody();
    const authCode = typeof body.code === 'string' ? body.code.trim() : '';
    const bind = typeof body.bind === 'string' ? body.bind : '';
    if (!authCode || authCode.length > 200) throw new DomainError('unauthorized', '钉钉免登失败，请按页面说明给机器人发送绑定消息');
    const userId = await dingTalkUserId({ ...dt, oapiBase: dt.oapiBase ?? 'https://oapi.dingtalk.com' }, authCode);
    // The same verb as `绑定 …` in DingTalk chat: the sender's attempts and the code's checks are counted.
    const { personId } = await redeemBindingCode(deps, { platform: 'dingtalk', externalId: userId, code: bind });
    const session = await openSession(deps, personId, 'dingtalk', deps.clock());
    await onSession(c, session.token);
    return c.redirect(`/app?ok=${encodeURIComponent(WEB_MSG.bindDone)}`, 303);
  });
}
