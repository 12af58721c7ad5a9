import { describe, expect, it } from 'vitest';
import { testDeps } from './helpers/deps.js';
import { makeWorld, ctxFor } from './helpers/fixtures.js';
import { createApp } from '../api/app.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { reportHazard } from '../api/hazards/report.js';
import { logPatrol } from '../api/patrols/log.js';
import { sessionCookie } from './helpers/web-sign-in.js';

// The issue's budget: HTML, CSS and JS of a page (photos aside) under 100 KB, all from the app itself.
const BUDGET = 100 * 1024;

describe('page weight', () => {
  it('every main page, with the stylesheets and scripts it loads, stays under 100 KB and names no other origin', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const app = createApp(t.deps, { web: { dingtalk: { clientId: 'ding-app', clientSecret: 's', apiBase: 'http://127.0.0.1:9', corpId: 'c' } } });
    const a1 = await ctxFor(t.deps, w.workerA1.id);
    const { hazard } = await reportHazard(a1, { enterpriseId: w.entA1.id, description: '消防通道堵塞', deadlineDays: 3 });
    await logPatrol(a1, { enterpriseId: w.entA1.id, result: 'normal' });
    const cookies = {
      worker: await sessionCookie(app, (await issueLoginTicket(t.deps, w.workerA1.id, t.clock())).ticket),
      admin: await sessionCookie(app, (await issueLoginTicket(t.deps, w.adminA.id, t.clock())).ticket),
    };
    const pages: [keyof typeof cookies | null, string][] = [
      [null, '/auth/login'], [null, '/auth/dingtalk'], [null, `/auth/ticket?t=${(await issueLoginTicket(t.deps, w.workerA2.id, t.clock())).ticket}`],
      ['worker', '/app'], ['worker', '/app/report'], ['worker', '/app/patrol'], ['worker', `/app/hazards/${hazard.code}`],
      ['worker', `/app/enterprises/${w.entA1.id}`], ['worker', '/app/patrols'],
      ['admin', '/app/dashboard'], ['admin', '/app/hazards'], ['admin', '/app/admin/import'], ['admin', '/app/admin/people'],
      ['admin', '/app/admin/policy'], ['admin', '/app/admin/notifications'],
    ];
    const sizes: string[] = [];
    let photoFields = 0;
    for (const [who, path] of pages) {
      const headers = who ? { cookie: cookies[who] } : undefined;
      const res = await app.request(path, { headers });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      // Every URL the page names is a path on this app (a CDN would be an absolute URL).
      expect(html, path).not.toMatch(/(?:src|href|action)="(?:https?:)?\/\//);
      // Photo fields take several pictures from the camera or the album (`capture` would force the camera).
      for (const [input] of html.matchAll(/<input[^>]*type="file"[^>]*name="photos"[^>]*>/g)) {
        expect(input, path).toContain('accept="image/*"');
        expect(input, path).toContain('multiple');
        expect(input, path).not.toContain('capture');
        photoFields++;
      }
      let bytes = Buffer.byteLength(html);
      for (const [, url] of html.matchAll(/<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"/g)) {
        const asset = await app.request(url);
        expect(asset.status, url).toBe(200);
        bytes += (await asset.arrayBuffer()).byteLength;
      }
      sizes.push(`${path} ${(bytes / 1024).toFixed(1)} KB`);
      expect(bytes, path).toBeLessThan(BUDGET);
    }
    console.log(sizes.join('\n'));
    expect(photoFields).toBeGreaterThanOrEqual(3); // report, patrol, rectify on the hazard page
    t.close();
  });
});
