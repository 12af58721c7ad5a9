import { describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { testDeps } from './helpers/deps.js';
import { makeGrid, makeWorld } from './helpers/fixtures.js';
import { sessionCookie } from './helpers/web-sign-in.js';

describe('dashboard per-place chart', () => {
  it('charts only the 15 weakest places of a large town; the table keeps every one', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    for (let i = 0; i < 18; i++) await makeGrid(t.db, w.townA.id);
    const app = createApp(t.deps);
    const { ticket } = await issueLoginTicket(t.deps, w.adminA.id, t.clock());
    const cookie = await sessionCookie(app, ticket);
    const html = await (await app.request('/app/dashboard', { headers: { cookie } })).text();
    const section = /<h2>按网格<\/h2>([\s\S]*?)<\/section>/.exec(html)![1];
    const rows = (/<tbody>([\s\S]*?)<\/tbody>/.exec(section)![1].match(/<tr>/g) ?? []).length;
    expect(rows).toBeGreaterThan(15);
    expect(section).toContain(`图中为按期巡查率最低的 15 个网格，全部 ${rows} 个见下表。`);
    // One bar per charted place.
    const svg = /<svg[\s\S]*?<\/svg>/.exec(section)![0];
    expect(svg.match(/ecmeta_ssr_type="chart"/g)).toHaveLength(15);
    t.close();
  });
});
