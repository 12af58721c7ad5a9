/** @jsxImportSource hono/jsx */
import { DomainError, forbidden } from '../../api/core/errors.js';
import { isAdmin } from '../../api/core/scope.js';
import { loadPolicy } from '../../api/patrols/policy.js';
import { updatePolicy } from '../../api/policy/update-policy.js';
import { listCheckItems } from '../../api/policy/list-check-items.js';
import { createCheckItem } from '../../api/policy/create-check-item.js';
import { updateCheckItem } from '../../api/policy/update-check-item.js';
import { listDepartments } from '../../api/org/list-departments.js';
import { updateDepartment } from '../../api/org/update-department.js';
import { Csrf, Layout, Notice } from '../layout.js';
import { positiveInt, readForm, text, type WebApp, type WebContext } from '../env.js';
import { CLASS_NAMES, RISK_NAMES } from './format.js';

async function renderPolicy(c: WebContext, notice: { ok?: string; error?: string } = {}, status = 200) {
  if (!isAdmin(c.get('user').actor)) throw forbidden();
  const ctx = c.get('ctx');
  const [policy, items, depts] = await Promise.all([loadPolicy(ctx.db), listCheckItems(ctx, { includeInactive: true }), listDepartments(ctx)]);
  const user = c.get('user');
  const district = user.actor.role === 'district_admin';
  return c.html(
    <Layout title="巡查规则" user={user} here="/app/admin/policy">
      <h1>巡查频次与检查表</h1>
      <Notice ok={notice.ok ?? (c.req.query('ok') ? '已保存' : null)} error={notice.error} />
      <form method="post" action="/app/admin/policy" class="card">
        <h2>巡查频次（天）</h2><Csrf token={user.csrf} />
        <div class="row">{Object.entries(CLASS_NAMES).map(([k, l]) => (
          <div><label for={`c-${k}`}>{l}</label><input id={`c-${k}`} type="number" min={1} max={365} name={`class_${k}`} value={policy.byClass[k]} /></div>
        ))}</div>
        <div class="row">{Object.entries(RISK_NAMES).map(([k, l]) => (
          <div><label for={`r-${k}`}>{l}色企业最长间隔</label><input id={`r-${k}`} type="number" min={1} max={365} name={`color_${k}`} value={policy.colorCap[k] ?? ''} placeholder="不限" /></div>
        ))}</div>
        <button type="submit">保存频次</button>
      </form>
      <div class="card scroll">
        <h2>检查表 <span class="muted">{items.length} 项</span></h2>
        <table>
          <thead><tr><th>类别</th><th>检查项</th><th>默认重大</th><th>状态</th><th /></tr></thead>
          <tbody>{items.map((i) => (
            <tr>
              <td>{i.category}</td><td>{i.title}</td><td>{i.majorByDefault ? '是' : ''}</td><td>{i.active ? '启用' : '停用'}</td>
              <td><form method="post" action={`/app/admin/check-items/${i.id}`}><Csrf token={user.csrf} />
                <input type="hidden" name="active" value={i.active ? 'false' : 'true'} />
                <button type="submit" class="secondary">{i.active ? '停用' : '启用'}</button></form></td>
            </tr>
          ))}</tbody>
        </table>
      </div>
      <div class="card scroll" id="department-industries">
        <h2>行业部门主管行业</h2>
        <p class="muted">企业的风险等级变化时，除企业联系人外，还会通知主管该企业行业的部门（按企业的“行业”一词完全一致匹配，例如 化工）。{district ? '' : '仅区级管理员可修改。'}</p>
        {depts.items.length === 0 ? <p class="muted">尚无行业部门。</p> : (
          <table>
            <thead><tr><th>部门</th><th>主管行业</th></tr></thead>
            <tbody>{depts.items.map((d) => (
              <tr>
                <td>{d.name}</td>
                <td>{district ? (
                  <form method="post" action={`/app/admin/departments/${d.id}/industries`}><Csrf token={user.csrf} />
                    <input type="text" name="industries" value={d.industries.join('、')} aria-label={`${d.name}主管行业`} placeholder="用顿号或逗号分隔，例如 化工、危化品" />
                    <button type="submit" class="secondary">保存</button>
                  </form>
                ) : (d.industries.join('、') || '未设置')}</td>
              </tr>
            ))}</tbody>
          </table>
        )}
      </div>
      <form method="post" action="/app/admin/check-items" class="card">
        <h2>新增检查项</h2><Csrf token={user.csrf} />
        <div class="row">
          <div><label for="ci-code">编码</label><input id="ci-code" type="text" name="code" required placeholder="例如 FIRE-09" /></div>
          <div><label for="ci-cat">类别</label><input id="ci-cat" type="text" name="category" required placeholder="例如 消防安全" /></div>
        </div>
        <label for="ci-title">检查项</label><input id="ci-title" type="text" name="title" required />
        <label for="ci-kw">关键词（用顿号或逗号分隔，用于从描述自动识别）</label><input id="ci-kw" type="text" name="keywords" />
        <label><input type="checkbox" name="major" value="1" /> 默认按重大隐患处理</label>
        <button type="submit">新增</button>
      </form>
    </Layout>,
    status as 200,
  );
}

const intervals = (f: Record<string, unknown>, prefix: string, keys: string[], nullable: boolean) =>
  Object.fromEntries(keys.map((k) => [k, positiveInt(f[`${prefix}${k}`]) ?? (nullable ? null : undefined)]).filter(([, v]) => v !== undefined));

/** 巡查频次 and 检查表: the policy verbs (admins only, as the API). */
export function registerAdminPolicy(web: WebApp) {
  const guarded = (run: (c: WebContext, f: Record<string, unknown>) => Promise<unknown>) => async (c: WebContext) => {
    const f = await readForm(c);
    try {
      await run(c, f);
    } catch (e) {
      if (e instanceof DomainError && e.code !== 'internal') return renderPolicy(c, { error: e.message }, e.status);
      throw e;
    }
    return c.redirect('/app/admin/policy?ok=1', 303);
  };
  web.get('/app/admin/policy', (c) => renderPolicy(c));
  web.post('/app/admin/policy', guarded((c, f) => updatePolicy(c.get('ctx'), {
    byClass: intervals(f, 'class_', Object.keys(CLASS_NAMES), false),
    colorCap: intervals(f, 'color_', Object.keys(RISK_NAMES), true),
  } as never)));
  web.post('/app/admin/check-items', guarded((c, f) => createCheckItem(c.get('ctx'), {
    code: text(f.code), category: text(f.category), title: text(f.title),
    keywords: text(f.keywords).split(/[、,，\s]+/).filter(Boolean), majorByDefault: text(f.major) === '1',
  })));
  web.post('/app/admin/departments/:id/industries', guarded((c, f) => updateDepartment(c.get('ctx'), Number(c.req.param('id')), {
    industries: text(f.industries).split(/[、,，;；\s]+/).filter(Boolean),
  })));
  web.post('/app/admin/check-items/:id', guarded((c, f) => updateCheckItem(c.get('ctx'), Number(c.req.param('id')), { active: text(f.active) === 'true' })));
}
