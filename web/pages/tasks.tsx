/** @jsxImportSource hono/jsx */
import { myTasks, type MyTasks } from '../../api/stats/my-tasks.js';
import { Layout, Notice } from '../layout.js';
import type { WebApp } from '../env.js';
import { shanghaiIsoDay } from '../../lib/time.js';
import { dayLabel } from './format.js';

// deadlineAt is 24:00 Shanghai of the deadline day: the day is the millisecond before.
const deadlineDayOf = (at: string) => dayLabel(shanghaiIsoDay(Date.parse(at) - 1));

type Section = MyTasks['hazardsDueSoon'];

function HazardSection({ title, s, empty }: { title: string; s: Section; empty: string }) {
  return (
    <section class="card">
      <h2>{title} <span class="muted">{s.total} 条</span></h2>
      {s.items.length === 0 ? <p class="muted">{empty}</p> : (
        <ul class="list">
          {s.items.map((h) => (
            <li>
              <a href={`/app/hazards/${h.code}`}><b>{h.code}</b></a> {h.level === 'major' && <span class="tag major">重大</span>}
              {h.overdue && <span class="tag overdue">逾期</span>}
              <div>{h.enterpriseName}：{h.description}</div>
              {h.deadlineAt && <div class="muted">期限 {deadlineDayOf(h.deadlineAt)}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** 我的任务 (本企业隐患 for a contact): the same verb as the chat command and GET /v1/me/tasks. */
export function registerTaskPages(web: WebApp) {
  web.get('/app', async (c) => {
    const t = await myTasks(c.get('ctx'));
    const user = c.get('user');
    const worker = t.role === 'worker';
    // An enterprise contact's home is its enterprise's hazards, not a grid worker's tasks.
    const title = t.role === 'enterprise' ? '本企业隐患' : '我的任务';
    return c.html(
      <Layout title={title} user={user} here="/app">
        <h1>{title} <span class="muted">{user.actor.name}</span></h1>
        <Notice ok={c.req.query('ok')} />
        {worker && (
          <section class="card">
            <h2>今日应巡查 <span class="muted">{t.patrolsDue.total} 家</span></h2>
            {t.patrolsDue.items.length === 0 ? <p class="muted">今天没有到期的巡查</p> : (
              <ul class="list">
                {t.patrolsDue.items.map((p) => (
                  <li>
                    <a href={`/app/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</a>
                    {p.overdueDays > 0 ? <span class="tag overdue">逾期 {p.overdueDays} 天</span> : <span class="tag">{dayLabel(p.dueDay)}到期</span>}
                    {' '}<a href={`/app/patrol?enterpriseId=${p.enterpriseId}`}>记录巡查</a>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {worker && <HazardSection title="临期和逾期隐患" s={t.hazardsDueSoon} empty="没有临期隐患" />}
        {t.role === 'enterprise' && <HazardSection title="本企业待整改隐患" s={t.hazardsDueSoon} empty="没有待整改的隐患" />}
        {t.reviews.total + t.reviews.items.length > 0 || worker ? <HazardSection title="待复查" s={t.reviews} empty="没有待复查的隐患" /> : null}
        {t.role.endsWith('admin') && <HazardSection title="待交办" s={t.toAssign} empty="没有待交办的隐患" />}
        {t.role === 'department' && <HazardSection title="待报到" s={t.toAcknowledge} empty="没有待报到的隐患" />}
        <p>{t.role !== 'enterprise' && <><a class="button" href="/app/report">上报隐患</a>{' '}</>}<a class="button secondary" href="/app/hazards?status=open">未销号隐患{t.openHazards != null ? ` ${t.openHazards} 条` : ''}</a></p>
      </Layout>,
    );
  });
}
