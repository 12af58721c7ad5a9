/** @jsxImportSource hono/jsx */
import { getEnterprise } from '../../api/enterprises/get-enterprise.js';
import { listHazards } from '../../api/hazards/list.js';
import { validationFailed } from '../../api/core/errors.js';
import { Layout } from '../layout.js';
import type { WebApp } from '../env.js';
import { CLASS_NAMES, RISK_NAMES, dayLabel, timeLabel } from './format.js';
import { HazardItems } from './hazard-list.js';

/** An enterprise: class, risk colour, last and next patrol, its hazards (same verbs as GET /v1/enterprises/{id}). */
export function registerEnterprisePages(web: WebApp) {
  web.get('/app/enterprises/:id', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id <= 0) throw validationFailed('企业编号不正确');
    const ctx = c.get('ctx');
    const e = await getEnterprise(ctx, id);
    const hazards = await listHazards(ctx, { enterpriseId: id, limit: 50 });
    return c.html(
      <Layout title={e.name} user={c.get('user')}>
        <div class="card">
          <h1>{e.name}</h1>
          <div><span class={`tag ${e.riskColor}`}>{RISK_NAMES[e.riskColor]}色风险</span><span class="tag">{CLASS_NAMES[e.class]}</span></div>
          {e.address && <p>{e.address}</p>}
          <p class="muted">
            上次巡查：{e.lastPatrolAt ? timeLabel(e.lastPatrolAt) : '从未巡查'} · 下次应巡查：{dayLabel(e.nextDueDay)}
            {e.overdue && <span class="tag overdue">巡查逾期</span>}
          </p>
          {e.contactName && <p class="muted">联系人：{e.contactName} {e.contactPhone}</p>}
          <a class="button" href={`/app/patrol?enterpriseId=${e.id}`}>记录巡查</a> <a class="button secondary" href={`/app/report?enterpriseId=${e.id}`}>上报隐患</a>
        </div>
        <div class="card"><h2>隐患记录 <span class="muted">{hazards.total} 条</span></h2><HazardItems items={hazards.items} /></div>
      </Layout>,
    );
  });
}
