/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
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
import { listEnterpriseContacts, type EnterpriseContact } from '../../api/people/enterprise-contacts.js';
import { issueBindingCode } from '../../api/people/issue-binding-code.js';
import { BINDING_CODE_TTL_DAYS } from '../../api/people/create-binding-code.js';
import { bindPageUrl } from '../auth/bind-page.js';
import { qrSvg } from '../qr/svg.js';
import type { Ctx } from '../../api/core/context.js';

const PLATFORM_NAMES: Record<string, string> = { dingtalk: '钉钉', wechat: '微信', wecom: '企业微信', terminal: '终端' };

/** A binding code just issued for a contact, shown once as a QR code and as the message to send. */
type Binding = { name: string; code: string; url: string };

/**
 * 企业联系人绑定: the worker (or admin) who looks after the enterprise hands its safety contact a
 * binding code on the spot. The contact scans the QR code with their phone; it opens the binding
 * page (/auth/bind), which says what to send to the bot and, inside DingTalk, binds by 免登.
 */
function ContactBinding({ h, contacts, csrf, binding }: { h: HazardDetail; contacts: EnterpriseContact[]; csrf: string; binding?: Binding }) {
  return (
    <div class="card" id="contact-binding">
      <h2>企业联系人绑定</h2>
      {binding && (
        <div class="qr" id="binding-qr">
          <p>请 <b>{binding.name}</b> 用手机扫描二维码（微信、钉钉或企业微信的“扫一扫”均可）：</p>
          <div>{raw(qrSvg(binding.url))}</div>
          <p>或在聊天中给机器人发送：<span class="bind-code">绑定 {binding.code}</span></p>
          <p class="muted">{BINDING_CODE_TTL_DAYS} 天内有效，只能使用一次；请只给本人看。</p>
        </div>
      )}
      {contacts.length === 0 ? <p class="muted">{h.enterprise.name}尚无安全联系人：请镇管理员在人员中添加，或在企业导入表中填写“联系人”。</p> : (
        <ul class="list contacts">
          {contacts.map((p) => (
            <li>
              {p.name} <span class="muted">{p.boundPlatforms.length ? `已绑定：${p.boundPlatforms.map((x) => PLATFORM_NAMES[x] ?? x).join('、')}` : '未绑定聊天'}</span>
              <form method="post" action={`/app/hazards/${h.code}/bind-code`}>
                <Csrf token={csrf} /><input type="hidden" name="contactId" value={String(p.id)} />
                <button type="submit" class="secondary">生成绑定二维码</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The contacts when the viewer looks after the enterprise (worker of its grid, its admins); else none shown. */
async function contactsFor(ctx: Ctx, h: HazardDetail): Promise<EnterpriseContact[] | null> {
  if (!['worker', 'town_admin', 'district_admin'].includes(ctx.actor.role)) return null;
  try {
    return (await listEnterpriseContacts(ctx, h.enterprise.id)).items;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'not_found') return null;
    throw e;
  }
}

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

export async function renderHazard(c: WebContext, code: string, notice: { ok?: string; error?: string } = {}, status = 200, binding?: Binding) {
  const ctx = c.get('ctx');
  const user = c.get('user');
  const [h, departments] = await Promise.all([getHazard(ctx, parseHazardRef(code)), listDepartments(ctx)]);
  const contacts = await contactsFor(ctx, h);
  // A page carrying a live binding code must not be kept by any cache.
  if (binding) c.header('cache-control', 'no-store');
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
      {contacts && <ContactBinding h={h} contacts={contacts} csrf={user.csrf} binding={binding} />}
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
        case 'bind-code': {
          // Only for a contact of this hazard's enterprise, whatever id the form carries.
          const h = await getHazard(ctx, ref);
          const contactId = positiveInt(f.contactId) ?? 0;
          const contact = (await contactsFor(ctx, h))?.find((p) => p.id === contactId);
          if (!contact) throw new DomainError('not_found', '找不到该企业联系人');
          const issued = await issueBindingCode(ctx, contact.id);
          const base = ctx.publicUrl ?? new URL(c.req.url).origin;
          return renderHazard(c, code, { ok: `已为 ${contact.name} 生成绑定码` }, 200, { name: contact.name, code: issued.code, url: bindPageUrl(base, issued.code) });
        }
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
