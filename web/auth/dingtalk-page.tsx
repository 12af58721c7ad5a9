/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import type { Deps } from '../../api/core/context.js';
import { DomainError } from '../../api/core/errors.js';
import { personForIdentity } from '../../api/people/identity.js';
import { loadActor } from '../../api/core/actor.js';
import { DINGTALK_JSAPI_JS } from '../assets/dingtalk-jsapi.js';
import { DINGTALK_LOGIN_JS } from '../assets/dingtalk-login.js';
import { Layout } from '../layout.js';
import { WEB_MSG } from '../messages.js';
import type { WebContext, WebEnv, WebOptions } from '../env.js';
import { openSession } from './sessions.js';
import { dingTalkUserId } from './dingtalk-userid.js';

const JS = { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' };

/**
 * DingTalk H5 免登 at /auth/dingtalk (the 微应用's home page): the page runs the JSAPI served by the
 * app, the server trades the code for the userid and signs in the person whose DingTalk identity
 * (staffId) it is. Unbound users get a page saying so, and no session.
 */
export function registerDingTalkSignIn(web: Hono<WebEnv>, deps: Deps, options: WebOptions, onSession: (c: WebContext, token: string) => Promise<void>) {
  const dt = options.dingtalk;
  if (!dt) return;
  web.get('/assets/dingtalk-jsapi.js', (c) => c.body(DINGTALK_JSAPI_JS, 200, JS));
  web.get('/assets/dingtalk-login.js', (c) => c.body(DINGTALK_LOGIN_JS, 200, JS));
  web.get('/auth/dingtalk', (c) => c.html(
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`登录 - ${WEB_MSG.appName}`}</title><link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <main>
          <div class="card">
            <h1>正在通过钉钉登录…</h1>
            <p id="dd-msg" class="muted">{WEB_MSG.signInDingTalk}</p>
            <form id="dd-form" method="post" action="/auth/dingtalk" data-corp={dt.corpId ?? ''} data-client={dt.clientId}>
              <input type="hidden" name="code" value="" />
            </form>
          </div>
        </main>
        <script src="/assets/dingtalk-jsapi.js" />
        <script src="/assets/dingtalk-login.js" />
      </body>
    </html>,
  ));
  web.post('/auth/dingtalk', async (c) => {
    const body = await c.req.parseBody();
    const code = typeof body.code === 'string' ? body.code.trim() : '';
    if (!code || code.length > 200) throw new DomainError('unauthorized', '钉钉免登失败，请重新打开应用');
    const userId = await dingTalkUserId({ ...dt, oapiBase: dt.oapiBase ?? 'https://oapi.dingtalk.com' }, code);
    const personId = await personForIdentity(deps.db, 'dingtalk', userId);
    if (!personId || !(await loadActor(deps.db, personId))) throw new DomainError('forbidden', WEB_MSG.notBound);
    const session = await openSession(deps, personId, 'dingtalk', deps.clock());
    await onSession(c, session.token);
    return c.redirect('/app', 303);
  });
}
