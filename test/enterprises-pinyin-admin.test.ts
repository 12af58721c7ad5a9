import { describe, expect, it } from 'vitest';
import { eq, isNull, sql } from 'drizzle-orm';
import { createApp } from '../api/app.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { matchEnterprises } from '../api/enterprises/match.js';
import { fillMissingPinyin } from '../api/enterprises/fill-pinyin.js';
import { pinyinKeys } from '../api/enterprises/pinyin-keys.js';
import { updateEnterprise } from '../api/enterprises/update-enterprise.js';
import { createEnterprise } from '../api/enterprises/create-enterprise.js';
import { enterprises } from '../db/schema/index.js';
import { ctxFor } from './helpers/fixtures.js';
import { dialogWorld } from './helpers/dialog-world.js';
import { sessionCookie } from './helpers/web-sign-in.js';

const options = (html: string) => [...(/<select id="enterpriseId"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '').matchAll(/<option value="(\d+)"[^>]*>([^<]+)<\/option>/g)].map((m) => [Number(m[1]), m[2]]);
const ids = (list: { id: number }[]) => list.map((e) => e.id);

describe('pinyin search for every scope (stored enterprises.pinyin)', () => {
  it('town and district admins find enterprises by initials and syllables on the pages, within their scope', async () => {
    const c = await dialogWorld();
    const app = createApp(c.deps);
    const cookies = new Map<number, string>();
    const page = async (personId: number, q: string) => {
      if (!cookies.has(personId)) cookies.set(personId, await sessionCookie(app, (await issueLoginTicket(c.deps, personId, c.clock())).ticket));
      const cookie = cookies.get(personId)!;
      return options(await (await app.request(`/app/report?q=${encodeURIComponent(q)}`, { headers: { cookie } })).text());
    };
    // Before any fill (rows as a bulk seed leaves them) and after it, the same answers.
    for (const phase of ['unfilled', 'filled']) {
      if (phase === 'filled') expect(await fillMissingPinyin(c.deps)).toBeGreaterThan(0);
      const town = await page(c.w.adminA.id, 'hm');
      expect(town.map(([id]) => id).sort(), phase).toEqual([c.huamei.id, c.huameiPlastic.id].sort());
      expect((await page(c.w.adminA.id, 'hmhg'))[0], phase).toEqual([c.huamei.id, c.huamei.name]);
      expect((await page(c.w.adminA.id, 'huameisuliao'))[0], phase).toEqual([c.huameiPlastic.id, c.huameiPlastic.name]);
      // Another town's enterprise is not offered to a town admin; the district admin gets it.
      expect(await page(c.w.adminA.id, 'jmjx'), phase).toEqual([]);
      expect((await page(c.w.district.id, 'jmjx'))[0], phase).toEqual([c.other.id, c.other.name]);
    }
    expect(await c.deps.db.select().from(enterprises).where(isNull(enterprises.pinyin))).toEqual([]);
  });

  it('the stored pinyin narrows a large town in SQL: a match past the first 500 rows is found', async () => {
    const c = await dialogWorld();
    const ctx = await ctxFor(c.deps, c.w.adminA.id);
    const fillers = Array.from({ length: 700 }, (_, i) => ({
      name: `测试${String.fromCharCode(0x6c5f + (i % 40))}${i}号有限公司`, shortName: null, aliases: [] as string[],
      gridId: c.w.gridA1.id, townId: c.w.townA.id, class: 'below' as const, riskColor: 'blue' as const,
      registeredAt: new Date('2026-01-01T00:00:00Z'), createdAt: new Date(),
    }));
    for (let i = 0; i < fillers.length; i += 100) {
      await c.deps.db.insert(enterprises).values(fillers.slice(i, i + 100).map((f) => ({ ...f, pinyin: pinyinKeys(f) })));
    }
    const late = await createEnterprise(ctx, { name: '常州博远精工有限公司', gridId: c.w.gridA1.id, class: 'above', riskColor: 'yellow' });
    await fillMissingPinyin(c.deps);
    expect(ids(await matchEnterprises(ctx, 'byjg', 20))).toEqual([late.id]);
    expect(ids(await matchEnterprises(ctx, 'boyuan', 20))).toEqual([late.id]);
  });

  it('a rename keeps the pinyin true: through the verb at once, through raw SQL (the importer) after the trigger clears it', async () => {
    const c = await dialogWorld();
    await fillMissingPinyin(c.deps);
    const ctx = await ctxFor(c.deps, c.w.adminA.id);
    await updateEnterprise(ctx, c.huamei.id, { name: '常州恒泰纺织有限公司', shortName: '恒泰纺织' });
    const [row] = await c.deps.db.select().from(enterprises).where(eq(enterprises.id, c.huamei.id));
    expect(row.pinyin).toContain(' htfz ');
    expect(ids(await matchEnterprises(ctx, 'htfz', 20))).toEqual([c.huamei.id]);
    expect(ids(await matchEnterprises(ctx, 'hmhg', 20))).toEqual([]);

    await c.deps.db.run(sql`update enterprises set short_name = '博远精工', name = '常州博远精工有限公司' where id = ${c.huameiPlastic.id}`);
    const [raw] = await c.deps.db.select().from(enterprises).where(eq(enterprises.id, c.huameiPlastic.id));
    expect(raw.pinyin).toBeNull();
    expect(ids(await matchEnterprises(ctx, 'byjg', 20))).toEqual([c.huameiPlastic.id]);
    expect(ids(await matchEnterprises(ctx, 'hmsl', 20))).toEqual([]);
    expect(await fillMissingPinyin(c.deps)).toBe(1);
    expect(ids(await matchEnterprises(ctx, 'byjg', 20))).toEqual([c.huameiPlastic.id]);
  });
});
