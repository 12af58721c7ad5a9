import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { makeDepartment, makeWorld } from './helpers/fixtures.js';
import { get, hazardCounts, insertHazard, post, whistleDirect } from './helpers/hazards-fixtures.js';

describe('hazard role × scope', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  let hz: Record<'reported' | 'rectifying' | 'review', Awaited<ReturnType<typeof insertHazard>>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
    hz = {
      reported: await insertHazard(t.db, w.entA1, w.workerA1.id, { status: 'reported' }),
      rectifying: await insertHazard(t.db, w.entA1, w.workerA1.id, { status: 'rectifying' }),
      review: await insertHazard(t.db, w.entA1, w.workerA1.id, { status: 'review' }),
    };
    // Whistled to some other department: the fire department user must still see nothing.
    const other = await makeDepartment(t.db);
    await whistleDirect(t.db, hz.reported.id, other.id, w.adminA.id);
  });

  // Each action on a hazard in a status where it would be valid, so only scope can refuse it.
  const actions = () => [
    { path: 'assign', h: hz.reported, body: {} },
    { path: 'rectify', h: hz.rectifying, body: { note: '已整改' } },
    { path: 'review', h: hz.review, body: { pass: true } },
    { path: 'void', h: hz.rectifying, body: { reason: 'false_report' } },
    { path: 'whistle', h: hz.reported, body: { departmentId: w.fireDept.id } },
    { path: 'acknowledge', h: hz.reported, body: {} },
    { path: 'notes', h: hz.reported, body: { note: '补充' } },
  ];

  for (const who of ['workerA2', 'workerB1', 'adminB', 'deptUser'] as const) {
    it(`${who} cannot read the hazard (GET by id and code, list)`, async () => {
      const person = w[who];
      for (const ref of [hz.reported.id, hz.reported.code]) {
        const res = await get(t.app, `/v1/hazards/${ref}`, person);
        expect(res.status).toBe(404);
        expect((await res.json()).error.code).toBe('not_found');
      }
      const list = await (await get(t.app, '/v1/hazards?limit=500', person)).json();
      const ids = list.items.map((i: { id: number }) => i.id);
      for (const h of Object.values(hz)) expect(ids).not.toContain(h.id);
      const byEnterprise = await (await get(t.app, `/v1/hazards?enterpriseId=${w.entA1.id}`, person)).json();
      expect(byEnterprise.total).toBe(0);
    });

    it(`${who} cannot perform any transition; nothing is written`, async () => {
      const person = w[who];
      for (const a of actions()) {
        const before = await hazardCounts(t.db, a.h.id);
        const res = await post(t.app, `/v1/hazards/${a.h.id}/${a.path}`, person, a.body);
        expect([403, 404], `${who} ${a.path}`).toContain(res.status);
        expect(await hazardCounts(t.db, a.h.id)).toEqual(before);
      }
      expect(t.notifier.alerts.filter((x) => x.kind === 'whistle')).toEqual([]);
    });
  }

  it('a worker cannot report for an enterprise outside their grids; a department cannot report at all', async () => {
    const before = await hazardCounts(t.db);
    const other = await post(t.app, '/v1/hazards', w.workerB1, { enterpriseId: w.entA1.id, description: '越权上报' });
    expect(other.status).toBe(404);
    const sameTown = await post(t.app, '/v1/hazards', w.workerA2, { enterpriseId: w.entA1.id, description: '越权上报' });
    expect(sameTown.status).toBe(404);
    const adminB = await post(t.app, '/v1/hazards', w.adminB, { enterpriseId: w.entA1.id, description: '越权上报' });
    expect(adminB.status).toBe(404);
    const dept = await post(t.app, '/v1/hazards', w.deptUser, { enterpriseId: w.entA1.id, description: '部门上报' });
    expect(dept.status).toBe(403);
    expect(await hazardCounts(t.db)).toEqual(before);
  });

  it('inside scope, role limits still apply', async () => {
    const h = await insertHazard(t.db, w.entA1, w.workerA1.id, { status: 'reported' });
    const cases = [
      { who: w.workerA1, path: 'assign', body: {} },
      { who: w.workerA1, path: 'void', body: { reason: 'false_report' } },
    ];
    for (const c of cases) {
      const before = await hazardCounts(t.db, h.id);
      const res = await post(t.app, `/v1/hazards/${h.id}/${c.path}`, c.who, c.body);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
      expect(await hazardCounts(t.db, h.id)).toEqual(before);
    }
    // The grid's worker cannot acknowledge for a department.
    await whistleDirect(t.db, h.id, w.fireDept.id, w.adminA.id);
    expect((await post(t.app, `/v1/hazards/${h.id}/acknowledge`, w.workerA1, {})).status).toBe(403);
    // A whistled department sees the hazard and may add notes and rectify, but not whistle or assign.
    expect((await get(t.app, `/v1/hazards/${h.id}`, w.deptUser)).status).toBe(200);
    const dept2 = await makeDepartment(t.db);
    expect((await post(t.app, `/v1/hazards/${h.id}/whistle`, w.deptUser, { departmentId: dept2.id })).status).toBe(403);
    expect((await post(t.app, `/v1/hazards/${h.id}/assign`, w.deptUser, {})).status).toBe(403);
    expect((await post(t.app, `/v1/hazards/${h.id}/notes`, w.deptUser, { note: '部门意见' })).status).toBe(200);
    // The town admin of the town and the district admin may assign.
    expect((await post(t.app, `/v1/hazards/${h.id}/assign`, w.adminA, {})).status).toBe(200);
    const rect = await post(t.app, `/v1/hazards/${h.id}/rectify`, w.deptUser, { note: '部门督促整改完成' });
    expect(rect.status).toBe(200);
  });

  it('review: general by the grid worker or admins; major only by admins or a whistled department', async () => {
    const general = await insertHazard(t.db, w.entA1, w.workerA1.id, { status: 'review', level: 'general' });
    await whistleDirect(t.db, general.id, w.fireDept.id, w.adminA.id);
    expect((await post(t.app, `/v1/hazards/${general.id}/review`, w.deptUser, { pass: true })).status).toBe(403);
    expect((await post(t.app, `/v1/hazards/${general.id}/review`, w.workerA1, { pass: true })).status).toBe(200);

    const major = await insertHazard(t.db, w.entA1, w.workerA1.id, { status: 'review', level: 'major' });
    const before = await hazardCounts(t.db, major.id);
    const byWorker = await post(t.app, `/v1/hazards/${major.id}/review`, w.workerA1, { pass: true });
    expect(byWorker.status).toBe(403);
    expect((await post(t.app, `/v1/hazards/${major.id}/review`, w.workerA1, { pass: false, reason: '不行' })).status).toBe(403);
    expect(await hazardCounts(t.db, major.id)).toEqual(before);
    // Not whistled: the department cannot even see it.
    expect((await post(t.app, `/v1/hazards/${major.id}/review`, w.deptUser, { pass: true })).status).toBe(404);
    await whistleDirect(t.db, major.id, w.fireDept.id, w.adminA.id);
    const fail = await post(t.app, `/v1/hazards/${major.id}/review`, w.deptUser, { pass: false, reason: '整改不到位' });
    expect((await fail.json()).status).toBe('rectifying');

    const major2 = await insertHazard(t.db, w.entA1, w.workerA1.id, { status: 'review', level: 'major' });
    expect((await post(t.app, `/v1/hazards/${major2.id}/review`, w.adminA, { pass: true })).status).toBe(200);
    const major3 = await insertHazard(t.db, w.entB1, w.workerB1.id, { status: 'review', level: 'major' });
    expect((await post(t.app, `/v1/hazards/${major3.id}/review`, w.adminA, { pass: true })).status).toBe(404);
    expect((await post(t.app, `/v1/hazards/${major3.id}/review`, w.district, { pass: true })).status).toBe(200);
  });

  it('without a token nothing is readable', async () => {
    const res = await t.app.request(`/v1/hazards/${hz.reported.id}`);
    expect(res.status).toBe(401);
    expect((await t.app.request('/v1/hazards')).status).toBe(401);
  });
});
