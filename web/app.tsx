/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { Deps } from '../api/core/context.js';
import { DomainError, forbidden } from '../api/core/errors.js';
import { ENTERPRISE_MSG, enterpriseMayOpen, isEnterpriseContact } from '../api/core/enterprise-role.js';
import { limitBody } from '../api/core/body-limit.js';
import { APP_CSS } from './assets/css.js';
import { Layout } from './layout.js';
import { WEB_MSG } from './messages.js';
import { csrfTokenFor, revokeSession, revokeSessionToken, sessionActor, SESSION_MAX_MS } from './auth/sessions.js';
import type { WebEnv, WebOptions, WebContext } from './env.js';
import { registerTaskPages } from './pages/tasks.js';
import { registerHazardPages } from './pages/hazard.js';
import { registerReportPages } from './pages/report.js';
import { registerDashboard } from './pages/dashboard.js';
import { registerPhotoRoutes } from './pages/photos.js';
import { registerImportPages } from './pages/import.js';
import { registerEnterprisePages } from './pages/enterprise.js';
import { registerPatrolPages } from './pages/patrol.js';
import { registerAdminPeople } from './pages/admin-people.js';
import { registerAdminPolicy } from './pages/admin-policy.js';
import { registerHazardList } from './pages/hazards.js';
import { registerPatrolList } from './pages/patrols.js';
import { registerExportPages } from './pages/exports.js';
import { registerDingTalkSignIn } from './auth/dingtalk-page.js';
import { registerBindPage } from './auth/bind-page.js';
import { registerTicketSignIn } from './auth/ticket-page.js';
import { registerDocsAssets } from './docs-assets.js';
import { errorFields, logger } from '../lib/log.js';

const webLog = logger('web');

export const SESSION_COOKIE = 'gs_session';
// Nine phone photos of a few MB each, plus the form; the Worker's request limit is 100 MB.
const MAX_FORM_BYTES = 64 * 1024 * 1024;

// Only the app's own origin: no CDN, no inline script or style (intranets are offline).
const CSP = {
  defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'"], fontSrc: ["'self'"],
  connectSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'self'"], baseUri: ["'self'"], objectSrc: ["'none'"],
};

const isHttps = (c: WebContext, options: WebOptions) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https' || !!options.publicUrl?.startsWith('https:');

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when the pages are served over https. */
export function setSessionCookie(c: WebContext, options: WebOptions, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'Lax', secure: isHttps(c, options), path: '/', maxAge: Math.floor(SESSION_MAX_MS / 1000),
  });
}

/**
 * The pages (web/): server-rendered JSX under /app, sign-in under /auth, assets under /assets.
 * Every page builds the same Ctx as the API (actor from the session, channel 'web') and calls the
 * same verbs, so scope and business rules are decided once.
 */
export function createWeb(deps: Deps, options: WebOptions = {}) {
  const web = new Hono<WebEnv>();
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : null;

  for (const path of ['/app/*', '/auth/*', '/t/*', '/assets/*', '/app', '/']) {
    web.use(path, secureHeaders({ contentSecurityPolicy: CSP, referrerPolicy: 'no-referrer' }));
  }
  const originOk = (origin: string, c: { req: { url: string } }) => origin === new URL(c.req.url).origin || origin === publicOrigin;
  web.use('/app/*', csrf({ origin: originOk }));
  web.use('/auth/*', csrf({ origin: originOk }));
  web.use('/app/*', limitBody(() => MAX_FORM_BYTES));

  web.onError((err, c) => {
    const status = err instanceof DomainError ? err.status : err instanceof HTTPException ? err.status : 500;
    const message = err instanceof DomainError ? err.message
      : err instanceof HTTPException && err.status === 403 ? WEB_MSG.csrfFailed
      : err instanceof HTTPException && err.status === 413 ? '上传的文件过大'
      : '服务器内部错误，请稍后重试';
    // Through lib/log: a drizzle error carries SQL and bound values, which its redaction removes.
    if (status >= 500) webLog.error('页面请求未能处理', errorFields(err));
    const user = c.get('user');
    return c.html(
      <Layout title="出错了" user={user}>
        <div class="card"><div class="alert error" role="alert">{message}</div><a href={user ? '/app' : '/auth/login'}>返回</a></div>
      </Layout>,
      status as 400,
    );
  });

  web.get('/', (c) => c.redirect('/app', 302));
  web.get('/assets/app.css', (c) => c.body(APP_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));

  // A new sign-in on this browser ends the session its old cookie held, then sets the new one.
  const startSession = async (c: WebContext, token: string) => {
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await revokeSessionToken(deps, previous, deps.clock());
    setSessionCookie(c, options, token);
  };
  registerTicketSignIn(web, deps, startSession);
  web.get('/auth/login', (c) => c.html(
    <Layout title={WEB_MSG.signInTitle}>
      <div class="card">
        <h1>{WEB_MSG.signInTitle}</h1>
        {c.req.query('out') && <div class="alert">{WEB_MSG.signedOut}</div>}
        <p>{WEB_MSG.signInHowto}</p>
        {options.dingtalk && <p class="muted">{WEB_MSG.signInDingTalk} <a href="/auth/dingtalk">钉钉免登</a></p>}
      </div>
    </Layout>,
  ));
  web.post('/auth/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE) ?? '';
    const s = await sessionActor(deps, token, deps.clock());
    const body = await c.req.parseBody();
    if (s && body._csrf === csrfTokenFor(token)) await revokeSession(deps, s.sessionId, deps.clock());
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/auth/login?out=1', 303);
  });
  registerDingTalkSignIn(web, deps, options, startSession);
  registerBindPage(web, deps, options, startSession);

  // Every page: the session's person, with the same Ctx the API builds from a bearer token.
  const requireSession = async (c: WebContext, next: () => Promise<void>) => {
    const token = getCookie(c, SESSION_COOKIE) ?? '';
    const s = token ? await sessionActor(deps, token, deps.clock()) : null;
    if (!s) {
      if (c.req.method === 'GET') return c.redirect(`/auth/login`, 303);
      throw new DomainError('unauthorized', WEB_MSG.signInHowto);
    }
    c.set('user', { actor: s.actor, sessionId: s.sessionId, csrf: csrfTokenFor(token) });
    c.set('ctx', { ...deps, actor: s.actor, channel: 'web' });
    await next();
  };
  web.use('/app', requireSession);
  web.use('/app/*', requireSession);
  // Default deny for enterprise contacts, as on the API (api/core/enterprise-role.ts).
  web.use('/app/*', async (c, next) => {
    if (isEnterpriseContact(c.get('user').actor) && !enterpriseMayOpen(c.req.method, c.req.path)) throw forbidden(ENTERPRISE_MSG.denied);
    await next();
  });

  registerTaskPages(web);
  registerHazardList(web);
  registerPatrolList(web);
  registerHazardPages(web);
  registerExportPages(web);
  registerReportPages(web);
  registerPatrolPages(web);
  registerEnterprisePages(web);
  registerDashboard(web);
  registerImportPages(web);
  registerAdminPeople(web);
  registerAdminPolicy(web);
  registerPhotoRoutes(web);
  registerDocsAssets(web, options);
  return web;
}
