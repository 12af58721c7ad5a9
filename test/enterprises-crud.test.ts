import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makeWorld, makeEnterprise, makeGrid } from './helpers/fixtures.js';
import { call, creditCode } from './helpers/org-request.js';
import { enterprises, hazards } from '../db/schema/index.js';

describe('enterprises', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });

  it('town admin registers an enterprise in their town; the view carries derived patrol fields', async () => {
    const code = creditCode();
    const res = await call(t.app, 'POST', '/v1/enterprises', w.adminA.auth, {
      name: '常州华美化工有限公司', shortName: '华美', aliases: ['华美化工'], creditCode: code.toLowerCase(),
      townId: w.townA.id, gridId: w.gridA1.id, class: 'key', riskColor: 'orange', registeredOn: '2026-11-01',
      contactName: '张经理', contactPhone: '0519-88888888',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '常州华美化工有限公司', creditCode: code, townId: w.townA.id, gridId: w.gridA1.id, class: 'key', riskColor: 'orange',
      lastPatrolAt: null, nextDueDay: '2026-11-01', overdue: true, openHazards: 0,
    });
  });

  it('get computes next due day from the last patrol and policy, and counts open hazards only', async () => {
    const e = await makeEnterprise(t.db, w.gridA1, { class: 'key', riskColor: 'red' });
    // Red caps the interval at 7 days: patrolled 15 Nov (Shanghai) → due 22 Nov → overdue on Monday 23 Nov.
    await t.db.update(enterprises).set({ lastPatrolAt: new Date('2026-11-15T02:00:00Z') }).where(eq(enterprises.id, e.id));
    const base = { enterpriseId: e.id, gridId: e.gridId, townId: e.townId, reporterId: w.workerA1.id, description: '测试', level: 'general' as const, reportedAt: new Date(), updatedAt: new Date() };
    await t.db.insert(hazards).values([
      { ...base, code: `YHT-${e.id}-1`, status: 'reported' },
      { ...base, code: `YHT-${e.id}-2`, status: 'review' },
      { ...base, code: `YHT-${e.id}-3`, status: 'closed' },
    ]);
    const got = await call(t.app, 'GET', `/v1/enterprises/${e.id}`, w.workerA1.auth);
    expect(got.body).toMatchObject({ nextDueDay: '2026-11-22', overdue: true, openHazards: 2, lastPatrolAt: '2026-11-15T02:00:00.000Z' });

    const fresh = await makeEnterprise(t.db, w.gridA1, { class: 'above', riskColor: 'yellow' });
    await t.db.update(enterprises).set({ lastPatrolAt: new Date('2026-11-20T02:00:00Z') }).where(eq(enterprises.id, fresh.id));
    const ok = await call(t.app, 'GET', `/v1/enterprises/${fresh.id}`, w.adminA.auth);
    expect(ok.body).toMatchObject({ nextDueDay: '2027-01-19', overdue: false, openHazards: 0 });
  });

  it('updates fields and moves an enterprise to another grid of the same town', async () => {
    const e = await makeEnterprise(t.db, w.gridA1);
    const res = await call(t.app, 'PATCH', `/v1/enterprises/${e.id}`, w.adminA.auth, { gridId: w.gridA2.id, riskColor: 'red', aliases: ['甲', '甲'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ gridId: w.gridA2.id, townId: w.townA.id, riskColor: 'red', aliases: ['甲'] });
  });

  it('rejects a bad check digit, a duplicate credit code, a grid outside the town and unknown fields', async () => {
    const code = creditCode();
    const bad = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const base = { name: '校验企业', gridId: w.gridA1.id, class: 'below', riskColor: 'blue' };
    const r1 = await call(t.app, 'POST', '/v1/enterprises', w.district.auth, { ...base, creditCode: bad });
    expect(r1.status).toBe(400);
    expect(JSON.stringify(r1.body)).toMatch(/校验位/);
    expect((await call(t.app, 'POST', '/v1/enterprises', w.district.auth, { ...base, creditCode: 'ABC' })).status).toBe(400);
    expect((await call(t.app, 'POST', '/v1/enterprises', w.district.auth, { ...base, creditCode: code })).status).toBe(201);
    const dup = await call(t.app, 'POST', '/v1/enterprises', w.district.auth, { ...base, name: '另一家', creditCode: code });
    expect(dup.status).toBe(409);
    const wrongTown = await call(t.app, 'POST', '/v1/enterprises', w.district.auth, { ...base, name: '错镇', townId: w.townB.id });
    expect(wrongTown.status).toBe(400);
    expect((await call(t.app, 'POST', '/v1/enterprises', w.district.auth, { ...base, name: '多字段', owner: 'x' })).status).toBe(400);
    const names = (await t.db.select({ name: enterprises.name }).from(enterprises)).map((r) => r.name);
    expect(names.filter((n) => ['另一家', '错镇', '多字段'].includes(n))).toEqual([]);
  });

  it('out-of-scope actors cannot read or change enterprises', async () => {
    const create = { name: '越界企业', gridId: w.gridA1.id, class: 'below', riskColor: 'blue' };
    expect((await call(t.app, 'POST', '/v1/enterprises', w.adminB.auth, create)).status).toBe(403);
    expect((await call(t.app, 'POST', '/v1/enterprises', w.workerA1.auth, create)).status).toBe(403);
    expect((await call(t.app, 'POST', '/v1/enterprises', w.deptUser.auth, create)).status).toBe(403);
    expect((await call(t.app, 'PATCH', `/v1/enterprises/${w.entA1.id}`, w.adminB.auth, { riskColor: 'red' })).status).toBe(404);
    // A town admin cannot move their enterprise into another town's grid.
    expect((await call(t.app, 'PATCH', `/v1/enterprises/${w.entA1.id}`, w.adminA.auth, { gridId: w.gridB1.id })).status).toBe(403);
    expect((await call(t.app, 'GET', `/v1/enterprises/${w.entA2.id}`, w.workerA1.auth)).status).toBe(404);
    expect((await call(t.app, 'GET', `/v1/enterprises/${w.entA1.id}`, w.adminB.auth)).status).toBe(404);
    expect((await call(t.app, 'GET', `/v1/enterprises/${w.entA1.id}`, w.deptUser.auth)).status).toBe(404);
    const row = await t.db.select().from(enterprises).where(eq(enterprises.id, w.entA1.id)).get();
    expect(row).toMatchObject({ gridId: w.gridA1.id, riskColor: 'yellow' });
  });
});

describe('enterprise list', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });
  const ids = (body: { items: { id: number }[] }) => body.items.map((e) => e.id);

  it('filters by class, colour, grid and name, AND-ed with the scope', async () => {
    const grid = await makeGrid(t.db, w.townA.id, w.workerA1.id);
    const red = await makeEnterprise(t.db, grid, { name: '武进红星机械厂', class: 'key', riskColor: 'red' });
    const blue = await makeEnterprise(t.db, grid, { name: '蓝天纺织有限公司', class: 'below', riskColor: 'blue', aliases: ['蓝天'] });
    const byColor = await call(t.app, 'GET', `/v1/enterprises?gridId=${grid.id}&riskColor=red`, w.workerA1.auth);
    expect(ids(byColor.body)).toEqual([red.id]);
    const byClass = await call(t.app, 'GET', `/v1/enterprises?townId=${w.townA.id}&class=below`, w.adminA.auth);
    expect(ids(byClass.body)).toContain(blue.id);
    expect(ids((await call(t.app, 'GET', '/v1/enterprises?q=蓝天', w.adminA.auth)).body)).toEqual([blue.id]);
    expect(ids((await call(t.app, 'GET', '/v1/enterprises?q=%25', w.adminA.auth)).body)).toEqual([]);
    // Filtering for another town does not widen a town admin's or worker's scope.
    expect((await call(t.app, 'GET', `/v1/enterprises?townId=${w.townB.id}`, w.adminA.auth)).body.total).toBe(0);
    expect(ids((await call(t.app, 'GET', '/v1/enterprises?limit=500', w.workerA2.auth)).body)).toEqual([w.entA2.id]);
    expect((await call(t.app, 'GET', '/v1/enterprises', w.deptUser.auth)).body.total).toBe(0);
    // Pages: total counts the whole filtered set, items only the page.
    const all = await call(t.app, 'GET', `/v1/enterprises?townId=${w.townA.id}`, w.adminA.auth);
    const second = await call(t.app, 'GET', `/v1/enterprises?townId=${w.townA.id}&limit=1&offset=1`, w.adminA.auth);
    expect(second.body).toMatchObject({ total: all.body.total, limit: 1, offset: 1 });
    expect(ids(second.body)).toEqual([all.body.items[1].id]);
  });

  it('dueBefore and overdue agree with the policy due day', async () => {
    const grid = await makeGrid(t.db, w.townB.id, w.workerB1.id);
    const mk = async (cls: 'key' | 'above' | 'below', color: 'red' | 'orange' | 'yellow' | 'blue', last: string | null, reg = '2026-11-01T00:00:00Z') => {
      const e = await makeEnterprise(t.db, grid, { class: cls, riskColor: color, registeredAt: new Date(reg) });
      if (last) await t.db.update(enterprises).set({ lastPatrolAt: new Date(last) }).where(eq(enterprises.id, e.id));
      return e.id;
    };
    const dueNov22 = await mk('key', 'red', '2026-11-15T02:00:00Z');
    const dueNov23 = await mk('key', 'red', '2026-11-16T15:30:00Z'); // 23:30 Shanghai on the 16th
    const dueDec = await mk('below', 'orange', '2026-11-20T02:00:00Z'); // orange caps 90 → 14: due Dec 4
    const neverReg1st = await mk('above', 'yellow', null);
    const neverRegToday = await mk('above', 'yellow', null, '2026-11-23T01:00:00Z');
    const list = async (qs: string) => ids((await call(t.app, 'GET', `/v1/enterprises?gridId=${grid.id}&${qs}`, w.district.auth)).body).sort();
    expect(await list('overdue=true')).toEqual([dueNov22, neverReg1st].sort());
    expect(await list('dueBefore=2026-11-24')).toEqual([dueNov22, dueNov23, neverReg1st, neverRegToday].sort());
    expect(await list('dueBefore=2026-12-05')).toEqual([dueNov22, dueNov23, dueDec, neverReg1st, neverRegToday].sort());
    const views = (await call(t.app, 'GET', `/v1/enterprises?gridId=${grid.id}`, w.district.auth)).body.items;
    expect(views.find((v: { id: number }) => v.id === dueNov23)).toMatchObject({ nextDueDay: '2026-11-23', overdue: false });
    expect((await call(t.app, 'GET', '/v1/enterprises?dueBefore=2026-13-01', w.district.auth)).status).toBe(400);
  });
});
