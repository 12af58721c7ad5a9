import { describe, expect, it } from 'vitest';
import { testDeps } from './helpers/deps.js';
import { makeWorld, ctxFor } from './helpers/fixtures.js';
import { createApp } from '../api/app.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { csrfTokenFor } from '../web/auth/sessions.js';
import { listCheckItems } from '../api/policy/list-check-items.js';
import { listPatrols } from '../api/patrols/list.js';
import { getHazard } from '../api/hazards/get.js';
import { sessionCookie } from './helpers/web-sign-in.js';

describe('patrol form', () => {
  it('records a patrol with the checklist; a ticked item becomes a hazard linked to it; another grid is refused', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const app = createApp(t.deps);
    const { ticket } = await issueLoginTicket(t.deps, w.workerA1.id, t.clock());
    const token = (await sessionCookie(app, ticket)).split('=')[1];
    const ctx = await ctxFor(t.deps, w.workerA1.id);
    const [item] = await listCheckItems(ctx);
    const post = (form: [string, string][]) => {
      const body = new FormData();
      for (const [k, v] of [...form, ['_csrf', csrfTokenFor(token)]]) body.append(k, v);
      return app.request('/app/patrol', { method: 'POST', body, headers: { cookie: `gs_session=${token}`, origin: 'http://localhost' } });
    };
    const page = await app.request('/app/patrol', { headers: { cookie: `gs_session=${token}` } });
    expect(await page.text()).toContain(item.title);

    const res = await post([['enterpriseId', String(w.entA1.id)], ['problem', String(item.id)], ['note', '二楼']]);
    expect(res.status).toBe(303);
    const code = decodeURIComponent(res.headers.get('location')!.split('/').pop()!.split('?')[0]);
    const h = await getHazard(ctx, { code });
    expect(h.checkItemId).toBe(item.id);
    expect(h.description).toContain('二楼');
    const patrols = await listPatrols(ctx, { enterpriseId: w.entA1.id, limit: 10, offset: 0 } as never);
    expect(patrols.items).toHaveLength(1);

    const other = await post([['enterpriseId', String(w.entB1.id)]]);
    expect(other.status).toBe(404);
    t.close();
  });
});
