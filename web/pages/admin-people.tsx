/** @jsxImportSource hono/jsx */
import { DomainError, forbidden, notFound, validationFailed } from '../../api/core/errors.js';
import { setIdentities } from '../../api/people/set-identities.js';
import { listTokens } from '../../api/people/list-tokens.js';
import { revokeToken } from '../../api/people/revoke-token.js';
import { PEOPLE_MSG } from '../../api/people/messages.js';
import { liveSessionCount, revokePersonSessions } from '../auth/sessions.js';
import { isAdmin } from '../../api/core/scope.js';
import { listPeople } from '../../api/people/list-people.js';
import { getPerson } from '../../api/people/get-person.js';
import { issueBindingCode } from '../../api/people/issue-binding-code.js';
import { mintToken } from '../../api/people/mint-token.js';
import { listNotifications } from '../../api/notifications/list.js';
import { resendNotification } from '../../api/notifications/resend.js';
import { Csrf, Layout, Notice } from '../layout.js';
import { readForm, text, type WebApp, type WebContext } from '../env.js';
import { timeLabel } from './format.js';

const ROLE_NAMES: Record<string, string> = { worker: '网格员', town_admin: '镇管理员', district_admin: '区管理员', department: '行业部门', enterprise: '企业安全员' };
const PLATFORM_NAMES: Record<string, string> = { dingtalk: '钉钉', wecom: '企业微信', wechat: '微信', terminal: '终端', web: '网页' };
const TOKEN_KIND_NAMES: Record<string, string> = { person: '个人', bot: '机器人服务' };

const adminOnly = (c: WebContext) => { if (!isAdmin(c.get('user').actor)) throw forbidden(); };
const personId = (c: WebContext) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw validationFailed('人员编号不正确');
  return id;
};

// Who may see and mint a person's API tokens, as the token verbs decide (district admins anyone's).
const mayManageTokens = (c: WebContext, id: number) => c.get('user').actor.role === 'district_admin' || c.get('user').actor.personId === id;

async function renderPerson(c: WebContext, shown: { label: string; secret: string; note: string } | null = null, ok: string | null = null, error: string | null = null, status = 200) {
  const ctx = c.get('ctx');
  const p = await getPerson(ctx, personId(c));
  const user = c.get('user');
  const now = ctx.clock();
  const [tokens, sessions] = await Promise.all([
    mayManageTokens(c, p.id) ? listTokens(ctx, p.id) : Promise.resolve(null),
    liveSessionCount(ctx, p.id, now),
  ]);
  const idOf = (platform: string) => p.identities.find((i) => i.platform === platform)?.externalId ?? '';
  return c.html(
    <Layout title={p.name} user={user} here="/app/admin/people">
      <div class="card">
        <h1>{p.name} <span class="tag">{ROLE_NAMES[p.role]}</span>{!p.active && <span class="tag void">已停用</span>}</h1>
        <h2>聊天身份</h2>
        {p.identities.length === 0 ? <p class="muted">尚未绑定任何聊天账号</p> : (
          <ul class="list">{p.identities.map((i) => <li>{PLATFORM_NAMES[i.platform] ?? i.platform}：{i.externalId}</li>)}</ul>
        )}
        <form method="post" action={`/app/admin/people/${p.id}/identities`} class="row">
            <Csrf token={user.csrf} />
            <div><label for="id-dingtalk">钉钉 userid（staffId）</label><input id="id-dingtalk" type="text" name="dingtalk" maxlength={128} value={idOf('dingtalk')} autocapitalize="off" /></div>
            <div><label for="id-wecom">企业微信 userid</label><input id="id-wecom" type="text" name="wecom" maxlength={128} value={idOf('wecom')} autocapitalize="off" /></div>
            <div class="shrink"><button type="submit" class="secondary">保存聊天身份</button></div>
        </form>
        <p class="muted">钉钉和企业微信按通讯录账号自动识别本人；微信由本人发送绑定码绑定。清空一栏即解除该平台的关联。</p>
      </div>
      <Notice ok={ok} error={error} />
      {shown && (
        <div class="card" role="status">
          <h2>{shown.label}（只显示这一次）</h2>
          <p><b id="shown-secret">{shown.secret}</b></p>
          <p class="muted">{shown.note}</p>
        </div>
      )}
      <section class="cols">
        <form method="post" action={`/app/admin/people/${p.id}/binding-code`} class="card">
          <h2>绑定码</h2><Csrf token={user.csrf} />
          <p class="muted">发给本人，在微信或钉钉里给机器人发送“绑定 10 位数字”完成绑定（3 天内有效）。</p>
          <button type="submit">发放绑定码</button>
        </form>
        <form method="post" action={`/app/admin/people/${p.id}/sessions/revoke`} class="card">
          <h2>网页登录</h2><Csrf token={user.csrf} />
          <p class="muted">当前有效的登录 <b id="live-sessions">{sessions}</b> 个（手机丢失或人员调离时可全部结束）。</p>
          <button type="submit" class="secondary" disabled={sessions === 0}>结束全部网页登录</button>
        </form>
      </section>
      {tokens && (
        <div class="card">
          <h2>API 令牌</h2>
          {tokens.length === 0 ? <p class="muted">没有令牌</p> : (
            <ul class="list" id="tokens">{tokens.map((t) => {
              const dead = t.revokedAt ? '已吊销' : t.expiresAt && t.expiresAt.getTime() <= now.getTime() ? '已过期' : null;
              return (
                <li>
                  <b>{t.label || '（未写用途）'}</b> <span class="tag">{TOKEN_KIND_NAMES[t.kind] ?? t.kind}</span>{dead && <span class="tag void">{dead}</span>}
                  <div class="muted">签发 {timeLabel(t.createdAt)}{t.expiresAt && ` · 到期 ${timeLabel(t.expiresAt)}`} · 最近使用 {t.lastUsedAt ? timeLabel(t.lastUsedAt) : '从未'}</div>
                  {!dead && (
                    <form method="post" action={`/app/admin/people/${p.id}/tokens/${t.id}/revoke`}>
                      <Csrf token={user.csrf} /><button type="submit" class="secondary">吊销</button>
                    </form>
                  )}
                </li>
              );
            })}</ul>
          )}
          <form method="post" action={`/app/admin/people/${p.id}/token`}>
            <Csrf token={user.csrf} />
            <label for="token-label">用途</label><input id="token-label" type="text" name="label" maxlength={60} placeholder="例如：台账系统对接" />
            <button type="submit" class="secondary">签发令牌</button>
          </form>
        </div>
      )}
    </Layout>,
    status as 200,
  );
}

/** 人员, binding codes and API tokens (shown once), and failed notifications: the people and outbox verbs. */
export function registerAdminPeople(web: WebApp) {
  web.get('/app/admin/people', async (c) => {
    adminOnly(c);
    const q = (c.req.query('q') ?? '').trim();
    const page = await listPeople(c.get('ctx'), { q: q || undefined, limit: 100, offset: 0 });
    return c.html(
      <Layout title="人员" user={c.get('user')} here="/app/admin/people">
        <h1>人员 <span class="muted">{page.total} 人</span></h1>
        <form method="get" action="/app/admin/people" class="card row">
          <div><label for="pq">姓名或手机号</label><input id="pq" type="search" name="q" value={q} /></div>
          <div class="shrink"><button type="submit" class="secondary">搜索</button></div>
        </form>
        <div class="card scroll">
          <table>
            <thead><tr><th>姓名</th><th>角色</th><th>手机号</th><th>状态</th></tr></thead>
            <tbody>{page.items.map((p) => (
              <tr><td><a href={`/app/admin/people/${p.id}`}>{p.name}</a></td><td>{ROLE_NAMES[p.role]}</td><td>{p.phone ?? ''}</td><td>{p.active ? '在用' : '已停用'}</td></tr>
            ))}</tbody>
          </table>
        </div>
      </Layout>,
    );
  });
  web.get('/app/admin/people/:id', (c) => { adminOnly(c); return renderPerson(c); });
  web.post('/app/admin/people/:id/binding-code', async (c) => {
    await readForm(c);
    adminOnly(c);
    const issued = await issueBindingCode(c.get('ctx'), personId(c));
    return renderPerson(c, { label: '绑定码', secret: issued.code, note: `${timeLabel(issued.expiresAt)} 前有效，只能使用一次。` });
  });
  web.post('/app/admin/people/:id/token', async (c) => {
    const f = await readForm(c);
    const minted = await mintToken(c.get('ctx'), personId(c), { label: text(f.label) });
    return renderPerson(c, { label: 'API 令牌', secret: minted.token, note: '请立即复制保存；系统只保存其摘要，无法再次查看。' });
  });
  web.post('/app/admin/people/:id/identities', async (c) => {
    const f = await readForm(c);
    adminOnly(c);
    const ctx = c.get('ctx');
    const p = await getPerson(ctx, personId(c));
    // A filled field sets that platform's account, a cleared one removes it, an untouched blank stays absent.
    const input: Record<string, string | null> = {};
    for (const platform of ['dingtalk', 'wecom'] as const) {
      const value = text(f[platform]);
      const had = p.identities.some((i) => i.platform === platform);
      if (value) input[platform] = value;
      else if (had) input[platform] = null;
    }
    try {
      await setIdentities(ctx, p.id, input);
    } catch (e) {
      if (e instanceof DomainError && e.code !== 'internal') return renderPerson(c, null, null, e.message, e.status);
      throw e;
    }
    return renderPerson(c, null, '聊天身份已保存');
  });
  web.post('/app/admin/people/:id/tokens/:tokenId/revoke', async (c) => {
    await readForm(c);
    adminOnly(c);
    const id = personId(c);
    const tokenId = Number(c.req.param('tokenId'));
    // The token must be this person's: a form cannot reach another person's token through this page.
    const own = mayManageTokens(c, id) ? await listTokens(c.get('ctx'), id) : [];
    if (!Number.isInteger(tokenId) || !own.some((t) => t.id === tokenId)) throw notFound(PEOPLE_MSG.token);
    await revokeToken(c.get('ctx'), tokenId);
    return renderPerson(c, null, '令牌已吊销，使用它的请求将被拒绝');
  });
  web.post('/app/admin/people/:id/sessions/revoke', async (c) => {
    await readForm(c);
    adminOnly(c);
    const ctx = c.get('ctx');
    // getPerson is the scope check: out of scope reads as not found, and nothing is revoked.
    const p = await getPerson(ctx, personId(c));
    await revokePersonSessions(ctx, p.id, ctx.clock());
    return renderPerson(c, null, `已结束 ${p.name} 的全部网页登录`);
  });
  web.post('/app/admin/notifications/:id/resend', async (c) => {
    await readForm(c);
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id <= 0) throw validationFailed('提醒编号不正确');
    await resendNotification(c.get('ctx'), id);
    return c.redirect('/app/admin/notifications?ok=1', 303);
  });
  web.get('/app/admin/notifications', async (c) => {
    adminOnly(c);
    const user = c.get('user');
    const page = await listNotifications(c.get('ctx'), { status: 'failed', limit: 100 });
    return c.html(
      <Layout title="发送失败的通知" user={c.get('user')} here="/app/admin/notifications">
        <h1>发送失败的通知 <span class="muted">{page.total ?? page.items.length} 条</span></h1>
        <Notice ok={c.req.query('ok') ? '已重新排入发送队列（夜间的普通提醒在早上 8 点后发出）' : null} />
        <div class="card">
          {page.items.length === 0 ? <p class="muted">没有发送失败的通知</p> : (
            <ul class="list">{page.items.map((n) => (
              <li><b>{n.title}</b> <span class="muted">{n.personName ?? n.target ?? ''} · {PLATFORM_NAMES[n.platform ?? ''] ?? ''} · 尝试 {n.attempts} 次 · {timeLabel(n.createdAt)}</span>
                {n.lastError && <div class="muted">原因：{n.lastError}</div>}
                <form method="post" action={`/app/admin/notifications/${n.id}/resend`}><Csrf token={user.csrf} /><button type="submit" class="secondary">重新发送</button></form></li>
            ))}</ul>
          )}
        </div>
      </Layout>,
    );
  });
}
