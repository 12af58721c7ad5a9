/** @jsxImportSource hono/jsx */
import { DomainError } from '../../api/core/errors.js';
import { logPatrol } from '../../api/patrols/log.js';
import { listCheckItems } from '../../api/policy/list-check-items.js';
import { Csrf, Layout, Notice } from '../layout.js';
import { positiveInt, readForm, text, type WebApp, type WebContext } from '../env.js';
import { WEB_MSG } from '../messages.js';
import { EnterprisePicker, enterpriseChoices } from './report.js';
import { storeFormPhotos } from './photo-upload.js';

async function renderPatrol(c: WebContext, notice: { ok?: string; error?: string } = {}, status = 200) {
  const q = (c.req.query('q') ?? '').trim();
  const [choices, items] = await Promise.all([enterpriseChoices(c, q), listCheckItems(c.get('ctx'))]);
  const user = c.get('user');
  const groups = new Map<string, typeof items>();
  for (const i of items.filter((x) => x.active)) groups.set(i.category, [...(groups.get(i.category) ?? []), i]);
  return c.html(
    <Layout title="巡查" user={user} here="/app/patrol">
      <h1>记录巡查</h1>
      <Notice ok={notice.ok ?? (c.req.query('ok') ? WEB_MSG.patrolSaved : null)} error={notice.error} />
      <form method="post" action="/app/patrol" enctype="multipart/form-data" class="card">
        <Csrf token={user.csrf} />
        <EnterprisePicker choices={choices} selected={positiveInt(c.req.query('enterpriseId'))} action="/app/patrol" q={q} />
        <label>检查表（有问题的项请勾选）</label>
        {[...groups].map(([category, list]) => (
          <details open={groups.size <= 2}>
            <summary>{category}</summary>
            {list.map((i) => <label class="choices"><input type="checkbox" name="problem" value={i.id} /> {i.title}</label>)}
          </details>
        ))}
        <label for="note">备注或发现的问题</label><textarea id="note" name="note" />
        <label for="patrol-photos">照片（最多 9 张）</label>
        <input id="patrol-photos" type="file" name="photos" accept="image/*" multiple />
        <button type="submit">保存巡查</button>
      </form>
    </Layout>,
    status as 200,
  );
}

/** 巡查: the checklist's ticked items become findings through the same logPatrol verb as chat and API. */
export function registerPatrolPages(web: WebApp) {
  web.get('/app/patrol', (c) => renderPatrol(c));
  web.post('/app/patrol', async (c) => {
    const ctx = c.get('ctx');
    const f = await readForm(c);
    try {
      const enterpriseId = positiveInt(f.enterpriseId);
      if (!enterpriseId) throw new DomainError('validation_failed', '请选择企业');
      const problems = new Set((Array.isArray(f.problem) ? f.problem : f.problem ? [f.problem] : []).map((v) => positiveInt(v)).filter((v): v is number => !!v));
      const items = (await listCheckItems(ctx)).filter((i) => i.active);
      const note = text(f.note);
      const photoIds = await storeFormPhotos(ctx, f.photos);
      const result = await logPatrol(ctx, {
        enterpriseId,
        result: problems.size ? 'issues' : 'normal',
        note: note || undefined,
        checklist: items.map((i) => ({ checkItemId: i.id, ok: !problems.has(i.id) })),
        photoIds: photoIds.length ? photoIds : undefined,
        hazards: [...problems].slice(0, 10).map((checkItemId) => ({
          description: `${items.find((i) => i.id === checkItemId)?.title ?? '检查发现问题'}${note ? `：${note}` : ''}`.slice(0, 500),
          checkItemId,
        })),
      });
      if (result.hazards.length === 1) return c.redirect(`/app/hazards/${result.hazards[0].code}?ok=1`, 303);
      return c.redirect('/app/patrol?ok=1', 303);
    } catch (e) {
      if (e instanceof DomainError && e.code !== 'internal') return renderPatrol(c, { error: e.message }, e.status);
      throw e;
    }
  });
}
