import { describe, expect, it } from 'vitest';
import { testDeps } from './helpers/deps.js';
import { makePerson } from './helpers/fixtures.js';
import { createApp } from '../api/app.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { IMPORT_KINDS } from '../api/imports/run-import.js';
import { sessionCookie } from './helpers/web-sign-in.js';

describe('import templates', () => {
  it('each downloadable template is a header the importer accepts', async () => {
    const t = await testDeps();
    const admin = await makePerson(t.db, 'district_admin');
    const app = createApp(t.deps);
    const { ticket } = await issueLoginTicket(t.deps, admin.id, t.clock());
    const cookie = await sessionCookie(app, ticket);
    for (const kind of IMPORT_KINDS) {
      const res = await app.request(`/app/admin/templates/${kind}.csv`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const csv = await res.text();
      expect(csv.split('\r\n')[0].length).toBeGreaterThan(2);
      const dry = await app.request(`/v1/imports/${kind}?dryRun=true`, {
        method: 'POST', body: csv, headers: { ...admin.auth, 'content-type': 'text/csv; charset=utf-8' },
      });
      const body = await dry.json();
      // No missing-column error: an empty but well-formed file.
      expect(JSON.stringify(body)).not.toMatch(/缺少|missing/i);
    }
    // The check above can fail: a template without its required column is refused for it.
    const broken = await app.request('/v1/imports/enterprises?dryRun=true', {
      method: 'POST', body: '\ufeff简称,镇（街道）,网格\r\n华美,横林镇,崔桥村网格\r\n', headers: { ...admin.auth, 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(JSON.stringify(await broken.json())).toMatch(/缺少/);
    t.close();
  });
});
