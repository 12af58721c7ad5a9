import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { call } from './helpers/org-request.js';
import { chatIdentities, people } from '../db/schema/index.js';

let phoneSeq = 0;
const phone = () => `139${String(Date.now() % 1e5).padStart(5, '0')}${String(++phoneSeq).padStart(3, '0')}`;

describe('people management', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });

  it('town admin adds a worker to their own town (town defaulted) and edits them', async () => {
    const p = phone();
    const created = await call(t.app, 'POST', '/v1/people', w.adminA.auth, { name: '王网格', phone: p, role: 'worker' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '王网格', phone: p, role: 'worker', townId: w.townA.id, active: true });
    const edited = await call(t.app, 'PATCH', `/v1/people/${created.body.id}`, w.adminA.auth, { name: '王小格', preferredPlatform: 'wechat' });
    expect(edited.body).toMatchObject({ name: '王小格', preferredPlatform: 'wechat' });
  });

  it('district admin creates any role; a town admin needs a town, a department user a department', async () => {
    const admin = await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '李镇长', role: 'town_admin', townId: w.townB.id });
    expect(admin.status).toBe(201);
    const noTown = await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '无镇管理员', role: 'town_admin' });
    expect(noTown.status).toBe(400);
    const noDept = await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '无部门', role: 'department' });
    expect(noDept.status).toBe(400);
    const dept = await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '消防张', role: 'department', departmentId: w.fireDept.id });
    expect(dept.body.departmentId).toBe(w.fireDept.id);
  });

  it('rejects a bad phone, a duplicate phone and unknown fields, writing nothing', async () => {
    const p = phone();
    expect((await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '甲', phone: p, role: 'worker' })).status).toBe(201);
    const dup = await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '乙', phone: p, role: 'worker' });
    expect(dup.status).toBe(409);
    const bad = await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '丙', phone: '12345', role: 'worker' });
    expect(bad.status).toBe(400);
    const unknown = await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '丁', role: 'worker', admin: true });
    expect(unknown.status).toBe(400);
    const names = (await t.db.select({ name: people.name }).from(people)).map((r) => r.name);
    expect(names).not.toContain('乙');
    expect(names).not.toContain('丙');
    expect(names).not.toContain('丁');
  });

  it('town admin cannot create an admin, another town\'s worker, or touch another town\'s people', async () => {
    const asAdmin = await call(t.app, 'POST', '/v1/people', w.adminA.auth, { name: '自封区长', role: 'district_admin' });
    expect(asAdmin.status).toBe(403);
    const townAdmin = await call(t.app, 'POST', '/v1/people', w.adminA.auth, { name: '自封镇长', role: 'town_admin', townId: w.townA.id });
    expect(townAdmin.status).toBe(403);
    const otherTown = await call(t.app, 'POST', '/v1/people', w.adminA.auth, { name: '外镇网格员', role: 'worker', townId: w.townB.id });
    expect(otherTown.status).toBe(403);
    expect((await call(t.app, 'PATCH', `/v1/people/${w.workerB1.id}`, w.adminA.auth, { name: '改掉' })).status).toBe(404);
    expect((await call(t.app, 'POST', `/v1/people/${w.workerB1.id}/deactivate`, w.adminA.auth)).status).toBe(404);
    // Promoting their own worker is also out of reach.
    expect((await call(t.app, 'PATCH', `/v1/people/${w.workerA2.id}`, w.adminA.auth, { role: 'town_admin' })).status).toBe(403);
    const b1 = await t.db.select().from(people).where(eq(people.id, w.workerB1.id)).get();
    expect(b1).toMatchObject({ name: w.workerB1.name, active: true });
    expect((await t.db.select().from(people).where(eq(people.id, w.workerA2.id)).get())!.role).toBe('worker');
  });

  it('workers and departments cannot manage people and only see themselves', async () => {
    expect((await call(t.app, 'POST', '/v1/people', w.workerA1.auth, { name: 'x', role: 'worker' })).status).toBe(403);
    expect((await call(t.app, 'PATCH', `/v1/people/${w.workerA2.id}`, w.deptUser.auth, { name: 'x' })).status).toBe(403);
    const list = await call(t.app, 'GET', '/v1/people', w.workerA1.auth);
    expect(list.body.items.map((p: { id: number }) => p.id)).toEqual([w.workerA1.id]);
    expect((await call(t.app, 'GET', `/v1/people/${w.workerA2.id}`, w.workerA1.auth)).status).toBe(404);
    expect((await call(t.app, 'GET', `/v1/people/${w.workerA1.id}`, w.deptUser.auth)).status).toBe(404);
  });

  it('lists in scope with filters and shows grids and identities on the detail', async () => {
    const list = await call(t.app, 'GET', '/v1/people?role=worker&limit=500', w.adminA.auth);
    const ids = list.body.items.map((p: { id: number }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([w.workerA1.id, w.workerA2.id]));
    expect(ids).not.toContain(w.workerB1.id);
    const detail = await call(t.app, 'GET', `/v1/people/${w.workerA1.id}`, w.adminA.auth);
    expect(detail.body.gridIds).toEqual([w.gridA1.id]);
    expect(detail.body.identities).toEqual([]);
  });

  it('deactivation stops the person\'s token and cannot target oneself', async () => {
    const p = await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '将停用', role: 'worker', townId: w.townA.id });
    const minted = await call(t.app, 'POST', `/v1/people/${p.body.id}/tokens`, w.district.auth, { label: 'test' });
    const auth = { authorization: `Bearer ${minted.body.token}` };
    expect((await call(t.app, 'GET', '/v1/me', auth)).status).toBe(200);
    const off = await call(t.app, 'POST', `/v1/people/${p.body.id}/deactivate`, w.adminA.auth);
    expect(off.body.active).toBe(false);
    expect((await call(t.app, 'GET', '/v1/me', auth)).status).toBe(401);
    expect((await call(t.app, 'POST', `/v1/people/${w.district.id}/deactivate`, w.district.auth)).status).toBe(400);
  });

  it('admins set DingTalk identities; a staffId held by someone else is a conflict', async () => {
    const set = await call(t.app, 'PUT', `/v1/people/${w.workerA1.id}/identities`, w.adminA.auth, { dingtalk: 'staff-a1' });
    expect(set.body.identities).toEqual([{ platform: 'dingtalk', externalId: 'staff-a1' }]);
    const taken = await call(t.app, 'PUT', `/v1/people/${w.workerA2.id}/identities`, w.district.auth, { dingtalk: 'staff-a1' });
    expect(taken.status).toBe(409);
    const cleared = await call(t.app, 'PUT', `/v1/people/${w.workerA1.id}/identities`, w.adminA.auth, { dingtalk: null });
    expect(cleared.body.identities).toEqual([]);
    expect((await call(t.app, 'PUT', `/v1/people/${w.workerB1.id}/identities`, w.adminA.auth, { dingtalk: 'x' })).status).toBe(404);
    expect((await call(t.app, 'PUT', `/v1/people/${w.workerA1.id}/identities`, w.workerA1.auth, { dingtalk: 'x' })).status).toBe(403);
    expect(await t.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, 'x'))).toHaveLength(0);
  });
});
