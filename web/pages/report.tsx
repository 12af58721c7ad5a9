/** @jsxImportSource hono/jsx */
import { DomainError } from '../../api/core/errors.js';
import { listEnterprises } from '../../api/enterprises/list-enterprises.js';
import { matchEnterprises } from '../../api/enterprises/match.js';
import { reportHazard } from '../../api/hazards/report.js';
import { listCheckItems } from '../../api/policy/list-check-items.js';
import { Csrf, Layout, Notice } from '../layout.js';
import { positiveInt, readForm, text, type WebApp, type WebContext } from '../env.js';
import { storeFormPhotos } from './photo-upload.js';

type Choice = { id: number; name: string };

/**
 * Enterprises the viewer may report on: for a search the bot's own match verb (fuzzy, and pinyin
 * initials or syllables such as `hmhg` for 华美化工), else the first of their scope.
 */
export async function enterpriseChoices(c: WebContext, q: string): Promise<Choice[]> {
  const ctx = c.get('ctx');
  if (q) return (await matchEnterprises(ctx, q, 20)).map((e) => ({ id: e.id, name: e.name }));
  const page = await listEnterprises(ctx, { limit: 200, offset: 0 });
  return page.items.map((e: { id: number; name: string }) => ({ id: e.id, name: e.name }));
}

export const EnterprisePicker = ({ choices, selected, action, q }: { choices: Choice[]; selected?: number; action: string; q: string }) => (
  <>
    <label for="enterpriseId">企业</label>
    <select id="enterpriseId" name="enterpriseId" required>
      {!selected && <option value="">请选择企业（共 {choices.length} 家）</option>}
      {choices.map((e) => <option value={e.id} selected={e.id === selected}>{e.name}</option>)}
    </select>
    {q && <div class="muted">{choices.length ? `搜索“${q}”的结果，` : `没有找到“${q}”，请换个说法（名称、简称或拼音首字母）。`}<a href={action}>显示全部</a></div>}
  </>
);

const SearchBox = ({ action, q }: { action: string; q: string }) => (
  <form method="get" action={action} class="card row">
    <div><label for="q">搜索企业（名称、简称或拼音首字母，可模糊）</label><input id="q" type="search" name="q" value={q} placeholder="例如：华美 或 hmhg" autocapitalize="off" /></div>
    <div class="shrink"><button type="submit" class="secondary">搜索</button></div>
  </form>
);

async function renderReport(c: WebContext, notice: { error?: string } = {}, status = 200, keep: Record<string, string> = {}) {
  const q = (c.req.query('q') ?? '').trim();
  const [choices, items] = await Promise.all([enterpriseChoices(c, q), listCheckItems(c.get('ctx'))]);
  const user = c.get('user');
  const selected = positiveInt(keep.enterpriseId ?? c.req.query('enterpriseId'));
  return c.html(
    <Layout title="上报隐患" user={user} here="/app/report">
      <h1>上报隐患</h1>
      <Notice error={notice.error} />
      <SearchBox action="/app/report" q={q} />
      <form method="post" action={`/app/report${q ? `?q=${encodeURIComponent(q)}` : ''}`} enctype="multipart/form-data" class="card">
        <Csrf token={user.csrf} />
        <EnterprisePicker choices={choices} selected={selected} action="/app/report" q={q} />
        <label for="checkItemId">检查项</label>
        <select id="checkItemId" name="checkItemId">
          <option value="">按描述自动识别</option>
          {items.filter((i) => i.active).map((i) => <option value={i.id} selected={String(i.id) === keep.checkItemId}>{i.category} · {i.title}</option>)}
        </select>
        <label>隐患等级</label>
        <div class="choices">
          <label><input type="radio" name="level" value="general" checked={keep.level !== 'major'} /> 一般</label>
          <label><input type="radio" name="level" value="major" checked={keep.level === 'major'} /> 重大</label>
        </div>
        <label for="description">隐患描述</label>
        <textarea id="description" name="description" required maxlength={500} placeholder="例如：二楼配电房堆放杂物">{keep.description ?? ''}</textarea>
        <label>整改期限</label>
        <div class="choices">
          {[['', '暂不设定'], ['now', '立即整改'], ['3', '3天内'], ['7', '7天内'], ['15', '15天内'], ['30', '30天内']].map(([v, l]) => (
            <label><input type="radio" name="deadline" value={v} checked={(keep.deadline ?? '') === v} /> {l}</label>
          ))}
        </div>
        {/* No `capture`: with it Android WebViews open only the camera; without it the phone offers camera and album. */}
        <label for="photos">现场照片（拍照或从相册选，最多 9 张）</label>
        <input id="photos" type="file" name="photos" accept="image/*" multiple />
        {keep.duplicate && <label><input type="checkbox" name="force" value="1" /> 我确认这不是重复隐患</label>}
        <button type="submit">上报</button>
      </form>
    </Layout>,
    status as 200,
  );
}

export function registerReportPages(web: WebApp) {
  web.get('/app/report', (c) => renderReport(c));
  web.post('/app/report', async (c) => {
    const ctx = c.get('ctx');
    const f = await readForm(c);
    const keep = Object.fromEntries(['enterpriseId', 'checkItemId', 'level', 'description', 'deadline'].map((k) => [k, text(f[k])]));
    const deadline = keep.deadline;
    try {
      const enterpriseId = positiveInt(f.enterpriseId);
      if (!enterpriseId) throw new DomainError('validation_failed', '请选择企业');
      const photoIds = await storeFormPhotos(ctx, f.photos);
      const { hazard } = await reportHazard(ctx, {
        enterpriseId,
        description: keep.description,
        level: keep.level === 'major' ? 'major' : 'general',
        checkItemId: positiveInt(f.checkItemId),
        fixNow: deadline === 'now' ? true : undefined,
        deadlineDays: deadline && deadline !== 'now' ? positiveInt(deadline) : undefined,
        photoIds: photoIds.length ? photoIds : undefined,
        force: text(f.force) === '1' ? true : undefined,
      });
      return c.redirect(`/app/hazards/${hazard.code}?ok=1`, 303);
    } catch (e) {
      if (e instanceof DomainError && e.code !== 'internal') {
        return renderReport(c, { error: e.message }, e.status, { ...keep, duplicate: e.code === 'conflict' ? '1' : '' });
      }
      throw e;
    }
  });
}
