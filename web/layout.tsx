/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { Actor } from '../api/core/context.js';
import { isAdmin } from '../api/core/scope.js';
import { WEB_MSG } from './messages.js';

export type PageUser = { actor: Actor; csrf: string };

/** The hidden field every form carries (checked with the Origin header by web/csrf.ts). */
export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

function Nav({ user, here }: { user: PageUser; here: string }) {
  // An enterprise contact only has its tasks and its hazards (api/core/enterprise-role.ts).
  const contact = user.actor.role === 'enterprise';
  // Named as theirs: a contact has its enterprise's hazards, not a grid worker's tasks.
  const links: [string, string][] = contact ? [['/app', '本企业隐患']] : [['/app', '我的任务'], ['/app/report', '上报隐患'], ['/app/patrol', '巡查']];
  if (user.actor.role !== 'worker' && !contact) links.push(['/app/dashboard', '总览']);
  links.push(['/app/hazards', contact ? '隐患记录' : '隐患']);
  if (!contact) links.push(['/app/patrols', '巡查记录']);
  if (isAdmin(user.actor)) links.push(['/app/admin/import', '导入'], ['/app/admin/people', '人员'], ['/app/admin/policy', '规则'], ['/app/admin/notifications', '通知']);
  return (
    <nav>
      {links.map(([href, label]) => <a href={href} class={here === href ? 'on' : undefined}>{label}</a>)}
    </nav>
  );
}

/** Every page: one stylesheet from the app, no script unless a page asks for its own. */
export function Layout(props: { title: string; user?: PageUser; here?: string; children?: Child; script?: string }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - ${WEB_MSG.appName}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/app">{WEB_MSG.appName}</a>
          {props.user && <Nav user={props.user} here={props.here ?? ''} />}
          {props.user && (
            <form method="post" action="/auth/logout">
              <Csrf token={props.user.csrf} />
              <button type="submit">退出</button>
            </form>
          )}
        </header>
        <main>{props.children}</main>
        {props.script && <script src={props.script} defer />}
      </body>
    </html>
  );
}

export const Notice = ({ ok, error }: { ok?: string | null; error?: string | null }) => (
  <>
    {ok && <div class="alert">{ok}</div>}
    {error && <div class="alert error" role="alert">{error}</div>}
  </>
);
