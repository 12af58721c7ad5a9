import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { makeWorld, makeEnterprise, ctxFor } from './helpers/fixtures.js';
import { call } from './helpers/org-request.js';
import { matchEnterprises } from '../api/enterprises/match.js';
import { coreName } from '../api/enterprises/normalize-name.js';

describe('fuzzy enterprise matching', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  let huamei: { id: number };
  let hongxing: { id: number };
  let jinlong: { id: number };
  let jinlongB: { id: number };
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
    huamei = await makeEnterprise(t.db, w.gridA1, { name: '常州华美化工有限公司', shortName: '华美' });
    hongxing = await makeEnterprise(t.db, w.gridA1, { name: '武进区红星机械厂', aliases: ['老红星', '红星机械'] });
    jinlong = await makeEnterprise(t.db, w.gridA1, { name: '江苏金龙纺织股份有限公司' });
    await makeEnterprise(t.db, w.gridA1, { name: '金龙五金有限公司' });
    jinlongB = await makeEnterprise(t.db, w.gridB1, { name: '金龙纺织科技有限公司', shortName: '金龙纺织' });
  });

  it('normalises place prefixes, legal suffixes, width and punctuation', () => {
    expect(coreName('常州华美化工有限公司')).toBe('华美化工');
    expect(coreName(' 江苏 金龙纺织股份有限公司 ')).toBe('金龙纺织');
    expect(coreName('武进区红星机械厂')).toBe('红星机械');
    expect(coreName('ＡＢＣ（集团）有限公司')).toBe('abc');
  });

  it('finds an enterprise by short name, alias and full name with a different suffix', async () => {
    const ctx = await ctxFor(t.deps, w.workerA1.id);
    const [byShort] = await matchEnterprises(ctx, '华美');
    expect(byShort).toMatchObject({ id: huamei.id, exact: true, shortName: '华美' });
    const [byAlias] = await matchEnterprises(ctx, '老红星');
    expect(byAlias).toMatchObject({ id: hongxing.id, exact: true });
    const [bySuffix] = await matchEnterprises(ctx, '华美化工厂');
    expect(bySuffix).toMatchObject({ id: huamei.id, exact: true });
    const [byFull] = await matchEnterprises(ctx, '常州市华美化工有限责任公司');
    expect(byFull).toMatchObject({ id: huamei.id, exact: true });
    const [partial] = await matchEnterprises(ctx, '华美化');
    expect(partial).toMatchObject({ id: huamei.id, exact: true });
  });

  it('two plausible candidates → ranked, none exact', async () => {
    const ctx = await ctxFor(t.deps, w.workerA1.id);
    const found = await matchEnterprises(ctx, '金龙');
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(found.every((c) => !c.exact)).toBe(true);
    expect(found[0].score).toBeGreaterThanOrEqual(found[1].score);
  });

  it('never returns an enterprise outside the actor\'s scope', async () => {
    const workerA = await ctxFor(t.deps, w.workerA1.id);
    const inA = await matchEnterprises(workerA, '金龙纺织');
    expect(inA.map((c) => c.id)).not.toContain(jinlongB.id);
    expect(inA[0]).toMatchObject({ id: jinlong.id, exact: true });
    const workerB = await ctxFor(t.deps, w.workerB1.id);
    expect((await matchEnterprises(workerB, '华美')).map((c) => c.id)).not.toContain(huamei.id);
    expect(await matchEnterprises(await ctxFor(t.deps, w.deptUser.id), '华美')).toEqual([]);
    // The district sees both 金龙纺织 (one by core name, one by short name): ambiguous, so no exact.
    const district = await matchEnterprises(await ctxFor(t.deps, w.district.id), '金龙纺织');
    expect(district.map((c) => c.id)).toEqual(expect.arrayContaining([jinlong.id, jinlongB.id]));
    expect(district.filter((c) => c.exact)).toHaveLength(0);
  });

  it('offers pinyin initials and homophone typos as candidates, never as exact', async () => {
    const ctx = await ctxFor(t.deps, w.workerA1.id);
    const [byInitials] = await matchEnterprises(ctx, 'hmhg');
    expect(byInitials).toMatchObject({ id: huamei.id, exact: false });
    const [byShortInitials] = await matchEnterprises(ctx, 'HM');
    expect(byShortInitials).toMatchObject({ id: huamei.id, exact: false });
    const [bySpelt] = await matchEnterprises(ctx, 'hongxing');
    expect(bySpelt).toMatchObject({ id: hongxing.id, exact: false });
    // 洪兴 sounds like 红星 and shares no character with it.
    const [homophone] = await matchEnterprises(ctx, '洪兴');
    expect(homophone).toMatchObject({ id: hongxing.id, exact: false });
    expect(await matchEnterprises(ctx, 'zzzq')).toEqual([]);
    // Scope still holds: grid B's 金龙纺织 is not offered to a worker of grid A by its initials.
    expect((await matchEnterprises(ctx, 'jlfz')).map((c) => c.id)).not.toContain(jinlongB.id);
  });

  it('returns nothing for noise and is served over HTTP', async () => {
    const ctx = await ctxFor(t.deps, w.adminA.id);
    expect(await matchEnterprises(ctx, '，。！  ')).toEqual([]);
    expect(await matchEnterprises(ctx, '完全无关的名字')).toEqual([]);
    const res = await call(t.app, 'GET', `/v1/enterprises/match?q=${encodeURIComponent('红星机械')}`, w.adminA.auth);
    expect(res.body.items[0]).toMatchObject({ id: hongxing.id, exact: true });
  });
});
