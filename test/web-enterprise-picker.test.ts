import { describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { matchEnterprises } from '../api/enterprises/match.js';
import { ctxFor } from './helpers/fixtures.js';
import { dialogWorld } from './helpers/dialog-world.js';
import { sessionCookie } from './helpers/web-sign-in.js';

/** The options of the page's enterprise <select>, as [id, name]. */
const options = (html: string) => [...(/<select id="enterpriseId"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '').matchAll(/<option value="(\d+)"[^>]*>([^<]+)<\/option>/g)].map((m) => [Number(m[1]), m[2]]);

describe('enterprise picker on the report and patrol pages', () => {
  it('finds enterprises by pinyin initials and syllables, as the bot does, within the worker\'s scope', async () => {
    const c = await dialogWorld();
    const app = createApp(c.deps);
    const { ticket } = await issueLoginTicket(c.deps, c.w.workerA1.id, c.clock());
    const cookie = await sessionCookie(app, ticket);
    const ctx = await ctxFor(c.deps, c.w.workerA1.id);
    const page = async (path: string) => (await app.request(path, { headers: { cookie } })).text();

    for (const q of ['hmhg', 'huameihuagong']) {
      const shown = options(await page(`/app/report?q=${q}`));
      expect(shown[0], q).toEqual([c.huamei.id, c.huamei.name]);
      // The same candidates, in the same order, as the chat's verb.
      expect(shown.map(([id]) => id)).toEqual((await matchEnterprises(ctx, q, 20)).map((e) => e.id));
    }
    expect(options(await page('/app/patrol?q=hmsl'))[0]).toEqual([c.huameiPlastic.id, c.huameiPlastic.name]);
    // Another grid's enterprise is not offered, by name or by pinyin.
    for (const q of ['jmjx', '精密机械']) {
      const html = await page(`/app/report?q=${encodeURIComponent(q)}`);
      expect(options(html).map(([id]) => id)).not.toContain(c.other.id);
      expect(html).toContain('没有找到');
    }
  });
});
