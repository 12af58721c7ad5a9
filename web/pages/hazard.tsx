/** @jsxImportSource hono/jsx */
import type { Actor } from '../../api/core/context.js';
import { isAdmin } from '../../api/core/scope.js';
import { getHazard, type HazardDetail } from '../../api/hazards/get.js';
import { parseHazardRef } from '../../api/hazards/load.js';
import { rectifyHazard } from '../../api/hazards/rectify.js';
import { reviewHazard } from '../../api/hazards/review.js';
import { assignHazard } from '../../api/hazards/assign.js';
import { whistleHazard } from '../../api/hazards/whistle.js';
import { acknowledgeHazard } from '../../api/hazards/acknowledge.js';
import { voidHazard } from '../../api/hazards/void.js';
import { transitionFor } from '../../api/hazards/lifecycle.js';
import { listDepartments } from '../../api/org/list-departments.js';
import { DomainError } from '../../api/core/errors.js';
import { shanghaiIsoDay } from '../../lib/time.js';
import { Csrf, Layout, Notice } from '../layout.js';
import { positiveInt, readForm, text, type WebApp, type WebContext } from '../env.js';
import { ACTION_NAMES, LEVEL_NAMES, STATUS_NAMES, countdown, dayLabel, timeLabel } from './format.js';
import { storeFormPhotos } from './photo-upload.js';

type Photo = HazardDetail['photos'][number];
const Photos = ({ photos }: { photos: Photo[] }) => (
  <div class="photos">{photos.map((p) => <a href={`/app/photos/${p.id}`}><img src={`/app/photos/${p.id}`} alt="照片" loading="lazy" /></a>)}</div>
);

export const StatusTag = ({ h }: { h: { status: string; level: string; overdue: boolean } }) => (
  <>
    <span class={`tag ${h.status}`}>{STATUS_NAMES[h.status as keyof typeof STATUS_NAMES]}</span>
    {h.level === 'major' && <span class="tag major">重大</span>}
    {h.overdue && <span class="tag overdue">逾期</span>}
  </>
);

/** Before (the report's photos) and after (the latest rectification's), side by side. */
function BeforeAfter({ h }: { h: HazardDetail }) {
  const reportEvent = h.timeline.find((e) => e.action === 'report');
  const lastRectify = [...h.timeline].reverse().find((e) => e.action === 'rectify');
  const before = h.photos.filter((p) => p.eventId === null || p.eventId === reportEvent?.id);
  const after = lastRectify ? h.photos.filter((p) => p.eventId === lastRectify.id) : [];
  if (!before.length || !after.length) return null;
  return (
    <div class="card">
      <h2>整改前后对比</h2>
      <div class="compare">
        <figure><img src={`/app/photos/${before[0].id}`} alt="整改前" /><figcaption class="muted">整改前</figcaption></figure>
        <figure><img src={`/app/photos/${after[0].id}`} alt="整改后" /><figcaption class="muted">整改后</figcaption></figure>
      </div>
    </div>
  );
}

function Timeline({ h }: { h: HazardDetail }) {
  const reportEvent = h.timeline.find((e) => e.action === 'report');
  return (
    <ol class="timeline">
      {h.timeline.map((e) => {
        const photos = h.photos.filter((p) => p.eventId === e.id || (p.eventId === null && e.id === reportEvent?.id));
        return (
          <li>
            <div><b>{ACTION_NAMES[e.action]}</b> <span class="muted">{e.actor.name} · {timeLabel(e.at)}</span></div>
            {e.note && <div>{e.note}</div>}
            {photos.length > 0 && <Photos photos={photos} />}
          </li>
        );
      })}
    </ol>
  );
}

const DeadlinePresets = ({ name = 'deadlineDays' }: { name?: string }) => (
  <div class="choices">
    {[['', '不改'], ['1', '1天'], ['3', '3天'], ['7', '7天'], ['15', '15天'], ['30', '30天']].map(([v, l]) => (
      <label><input type="radio" name={name} value={v} checked={v === ''} /> {l}</label>
    ))}
  </div>
);

/** The forms the viewer may use now: the status table decides which actions exist; the verbs decide the rest. */
function Actions({ h, actor, csrf, departments }: { h: HazardDetail; actor: Actor; csrf: string; departments: { id: number; name: string }[] }) {
  const can = (a: Parameters<typeof transitionFor>[1]) => transitionFor(h.status, a) !== undefined;
  const base = `/app/hazards/${h.code}`;
  const mayReview = actor.role !== 'enterprise' && (h.level === 'major' ? isAdmin(actor) || actor.role === 'department' : actor.role !== 'department');
  const whistledToMe = actor.role === 'department' && h.departments.some((d) => d.id === actor.departmentId && !d.acknowledgedAt);
  const forms = [];
  if (can('rectify')) forms.push(
    <form method="post" action={`${base}/rectify`} enctype="multipart/form-data" class="card">
      <h2>整改完成</h2><Csrf token={csrf} />
      <label for="rectify-note">整改措施</label><textarea id="rectify-note" name="note" placeholder="例如：杂物已清理，通道已畅通" />
      <label for="rectify-photos">整改后照片（最多 9 张）</label>
      <input id="rectify-photos" type="file" name="photos" accept="image/*" multiple />
      <button type="submit">提交整改</button>
    </form>,
  );
  if (can('review_pass') && mayReview) forms.push(
    <form method="post" action={`${base}/review`} class="card">
      <h2>复查</h2><Csrf token={csrf} />
      <div class="choices">
        <label><input type="radio" name="pass" value="yes" checked /> 通过（销号）</label>
        <label><input type="radio" name="pass" value="no" /> 不通过</label>
      </div>
      <label for="review-reason">不通过的原因</label><input id="review-reason" type="text" name="reason" />
      <label>重新整改期限</label><DeadlinePresets />
      <button type="submit">提交复查</button>
    </form>,
  );
  if (can('assign') && isAdmin(actor)) forms.push(
    <form method="post" action={`${base}/assign`} class="card">
      <h2>交办</h2><Csrf token={csrf} />
      <label>整改期限</label><DeadlinePresets />
      <label for="assign-resp">整改责任人/单位</label><input id="assign-resp" type="text" name="responsible" />
      <button type="submit">交办</button>
    </form>,
  );
  if (whistledToMe && can('acknowledge')) forms.push(
    <form method="post" action={`${base}/acknowledge`} class="card"><Csrf token={csrf} /><button type="submit">报到</button></form>,
  );
  if (can('whistle') && actor.role !== 'department' && actor.role !== 'enterprise' && departments.length) forms.push(
    <form method="post" action={`${base}/whistle`} class="card">
      <h2>吹哨（移交行业部门）</h2><Csrf token={csrf} />
      <select name="departmentId" aria-label="部门">{departments.map((d) => <option value={d.id}>{d.name}</option>)}</select>
      <input type="text" name="note" placeholder="说明（可选）" aria-label="说明" />
      <button type="submit" class="secondary">吹哨</button>
    </form>,
  );
  if (can('void') && isAdmin(actor)) forms.push(
    <details class="card"><summary>作废</summary>
      <form method="post" action={`${base}/void`}>
        <Csrf token={csrf} />
        <div class="choices">
          <label><input type="radio" name="reason" value="false_report" checked /> 不属实</label>
          <label><input type="radio" name="reason" value="duplicate" /> 重复</label>
        </div>
        <input type="text" name="duplicateOf" placeholder="重复的隐患编号 YH…" aria-label="重复的隐患编号" />
        <button type="submit" class="danger">作废</button>
      </form>
    </details>,
  );
  return forms.length ? <section class="cols">{forms}</section> : null;
}

export async function renderHazard(c: WebContext, code: string, notice: { ok?: string; error?: string } = {}, status = 200) {
  const ctx = c.get('ctx');
  const user = c.get('user');
  const [h, departments] = await Promise.all([getHazard(ctx, parseHazardRef(code)), listDepartments(ctx)]);
  const left = countdown(h, shanghaiIsoDay(ctx.clock()));
  return c.html(
    <Layout title={h.code} user={user}>
      <Notice ok={notice.ok ?? (c.req.query('ok') ? '已提交' : null)} error={notice.error} />
      <div class="card">
        <h1>{h.code}</h1>
        <div><StatusTag h={h} />{left && <b class={h.overdue ? 'tag overdue' : 'tag'}>{left}</b>}</div>
        <p>{h.description}</p>
        <div class="muted">
          <a href={`/app/enterprises/${h.enterprise.id}`}>{h.enterprise.name}</a> · {LEVEL_NAMES[h.level]}隐患 · 上报于 {timeLabel(h.reportedAt)}
          {h.deadlineDay && ` · 期限 ${dayLabel(h.deadlineDay)}`}{h.responsible && ` · 责任人 ${h.responsible}`}
        </div>
        {h.departments.length > 0 && <div class="muted">吹哨部门：{h.departments.map((d) => `${d.name}${d.acknowledgedAt ? '（已报到）' : '（未报到）'}`).join('、')}</div>}
      </div>
      <BeforeAfter h={h} />
      <Actions h={h} actor={user.actor} csrf={user.csrf} departments={departments.items} />
      <div class="card"><h2>处理过程</h2><Timeline h={h} /></div>
    </Layout>,
    status as 200,
  );
}

const days = (v: unknown) => positiveInt(v);

export function registerHazardPages(web: WebApp) {
  web.get('/app/hazards/:code', (c) => renderHazard(c, c.req.param('code')));
  web.post('/app/hazards/:code/:action', async (c) => {
    const ctx = c.get('ctx');
    const code = c.req.param('code');
    const ref = parseHazardRef(code);
    const f = await readForm(c);
    try {
      switch (c.req.param('action')) {
        case 'rectify': {
          const photoIds = await storeFormPhotos(ctx, f.photos);
          await rectifyHazard(ctx, ref, { note: text(f.note) || undefined, photoIds: photoIds.length ? photoIds : undefined });
          break;
        }
        case 'review': {
          const pass = text(f.pass) !== 'no';
          await reviewHazard(ctx, ref, { pass, reason: text(f.reason) || undefined, deadlineDays: pass ? undefined : days(f.deadlineDays) });
          break;
        }
        case 'assign':
          await assignHazard(ctx, ref, { deadlineDays: days(f.deadlineDays), responsible: text(f.responsible) || undefined });
          break;
        case 'whistle':
          await whistleHazard(ctx, ref, { departmentId: positiveInt(f.departmentId) ?? 0, note: text(f.note) || undefined });
          break;
        case 'acknowledge':
          await acknowledgeHazard(ctx, ref, {});
          break;
        case 'void': {
          const reason = text(f.reason) === 'duplicate' ? 'duplicate' : 'false_report';
          const dup = reason === 'duplicate' && text(f.duplicateOf) ? await getHazard(ctx, parseHazardRef(text(f.duplicateOf))) : null;
          await voidHazard(ctx, ref, { reason, duplicateOfId: dup?.id });
          break;
        }
        default:
          throw new DomainError('not_found', '页面不存在');
      }
    } catch (e) {
      // A rule the verb refused (wrong status, missing reason): the page again, with its message.
      if (e instanceof DomainError && e.code !== 'not_found' && e.code !== 'internal') return renderHazard(c, code, { error: e.message }, e.status);
      throw e;
    }
    return c.redirect(`/app/hazards/${encodeURIComponent(code)}?ok=1`, 303);
  });
}
