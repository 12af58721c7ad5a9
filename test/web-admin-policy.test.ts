import { describe, expect, it } from 'vitest';
import { testDeps } from './helpers/deps.js';
import { makeWorld, ctxFor } from './helpers/fixtures.js';
import { createApp } from '../api/app.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { csrfTokenFor } from '../web/auth/sessions.js';
import { listCheckItems } from '../api/policy/list-check-items.js';
import { loadPolicy } from '../api/patrols/policy.js';
import { eq } from 'drizzle-orm';
import { departments } from '../db/schema/index.js';
import { sessionCookie } from './helpers/web-sign-in.js';

describe('policy and checklist pages', () => {
  it('an admin changes the interval and turns a check item off through the policy verbs; a worker may not', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const app = createApp(t.deps);
    const signIn = async (id: number) => {
      const { ticket } = await issueLoginTicket(t.deps, id, t.clock());
      const token = (await sessionCookie(app, ticket)).split('=')[1];
      return { cookie: `gs_session=${token}`, csrf: csrfTokenFor(token) };
    };
    const post = (s: { cookie: string; csrf: string }, path: string, form: Record<string, string>) => app.request(path, {
      method: 'POST', body: new URLSearchParams({ ...form, _csrf: s.csrf }),
      headers: { cookie: s.cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
    });
    const admin = await signIn(w.district.id);
    const [item] = await listCheckItems(await ctxFor(t.deps, w.district.id));
    expect((await post(admin, `/app/admin/check-items/${item.id}`, { active: 'false' })).status).toBe(303);
    expect((await listCheckItems(await ctxFor(t.deps, w.district.id), { includeInactive: true })).find((i) => i.id === item.id)?.active).toBe(false);
    expect((await post(admin, '/app/admin/policy', { class_key: '15' })).status).toBe(303);
    expect((await loadPolicy(t.db)).byClass.key).toBe(15);

    // The industries a department supervises (who hears of a risk colour change): district admins set them here.
    const page = await (await app.request('/app/admin/policy', { headers: { cookie: admin.cookie } })).text();
    expect(page).toContain('行业部门主管行业');
    expect(page).toContain(w.fireDept.name);
    expect((await post(admin, `/app/admin/departments/${w.fireDept.id}/industries`, { industries: '化工、 危化品，化工' })).status).toBe(303);
    expect((await t.db.select().from(departments).where(eq(departments.id, w.fireDept.id)).get())!.industries).toEqual(['化工', '危化品']);
    const townAdmin = await signIn(w.adminA.id);
    expect((await post(townAdmin, `/app/admin/departments/${w.fireDept.id}/industries`, { industries: '纺织' })).status).toBe(403);
    expect((await t.db.select().from(departments).where(eq(departments.id, w.fireDept.id)).get())!.industries).toEqual(['化工', '危化品']);

    const worker = await signIn(w.workerA1.id);
    expect((await app.request('/app/admin/policy', { headers: { cookie: worker.cookie } })).status).toBe(403);
    expect((await post(worker, `/app/admin/check-items/${item.id}`, { active: 'true' })).status).toBe(403);
    t.close();
  });
});
