import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makeWorld, makePerson } from './helpers/fixtures.js';
import { call } from './helpers/org-request.js';
import { grids, towns } from '../db/schema/index.js';

describe('towns', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });

  it('district admin creates and renames a town', async () => {
    const created = await call(t.app, 'POST', '/v1/towns', w.district.auth, { name: '横林镇' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '横林镇' });
    const renamed = await call(t.app, 'PATCH', `/v1/towns/${created.body.id}`, w.district.auth, { name: '横林镇（新）' });
    expect(renamed.body.name).toBe('横林镇（新）');
    const got = await call(t.app, 'GET', `/v1/towns/${created.body.id}`, w.district.auth);
    expect(got.body.name).toBe('横林镇（新）');
  });

  it('rejects a duplicate name with conflict and an unknown field with validation_failed', async () => {
    const dup = await call(t.app, 'POST', '/v1/towns', w.district.auth, { name: w.townA.name });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toMatch(/已存在/);
    const bad = await call(t.app, 'POST', '/v1/towns', w.district.auth, { name: '某镇', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(await t.db.select().from(towns).where(eq(towns.name, '某镇'))).toHaveLength(0);
  });

  it('lists towns by scope: town admin own, worker the towns of their grids, department all', async () => {
    const ids = async (auth: Record<string, string>) =>
      (await call(t.app, 'GET', '/v1/towns?limit=500', auth)).body.items.map((x: { id: number }) => x.id);
    expect(await ids(w.adminA.auth)).toEqual([w.townA.id]);
    expect(await ids(w.workerB1.auth)).toEqual([w.townB.id]);
    const all = await ids(w.deptUser.auth);
    expect(all).toEqual(expect.arrayContaining([w.townA.id, w.townB.id]));
  });

  it('hides and protects towns out of scope', async () => {
    expect((await call(t.app, 'GET', `/v1/towns/${w.townB.id}`, w.adminA.auth)).status).toBe(404);
    expect((await call(t.app, 'GET', `/v1/towns/${w.townA.id}`, w.workerB1.auth)).status).toBe(404);
    for (const who of [w.adminA, w.workerA1, w.deptUser]) {
      const res = await call(t.app, 'PATCH', `/v1/towns/${w.townA.id}`, who.auth, { name: '改名镇' });
      expect(res.status).toBe(403);
      expect((await call(t.app, 'POST', '/v1/towns', who.auth, { name: '新镇' + who.id })).status).toBe(403);
    }
    expect((await t.db.select().from(towns).where(eq(towns.id, w.townA.id)).get())!.name).toBe(w.townA.name);
  });
});

describe('grids', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });

  it('town admin creates a grid in their town with its worker, and changes the worker', async () => {
    const newWorker = await makePerson(t.db, 'worker', { townId: w.townA.id });
    const created = await call(t.app, 'POST', '/v1/grids', w.adminA.auth, { townId: w.townA.id, name: '东村网格', village: '东村', workerId: w.workerA1.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ townId: w.townA.id, name: '东村网格', village: '东村', workerId: w.workerA1.id });
    const changed = await call(t.app, 'PATCH', `/v1/grids/${created.body.id}`, w.adminA.auth, { workerId: newWorker.id });
    expect(changed.body.workerId).toBe(newWorker.id);
    // The new worker's scope now includes the grid.
    const me = await call(t.app, 'GET', '/v1/me', newWorker.auth);
    expect(me.body.gridIds).toContain(created.body.id);
  });

  it('filters the list by town and keeps it within scope', async () => {
    const mine = await call(t.app, 'GET', `/v1/grids?townId=${w.townA.id}`, w.district.auth);
    expect(mine.body.items.every((g: { townId: number }) => g.townId === w.townA.id)).toBe(true);
    expect(mine.body.items.map((g: { id: number }) => g.id)).toEqual(expect.arrayContaining([w.gridA1.id, w.gridA2.id]));
    const other = await call(t.app, 'GET', `/v1/grids?townId=${w.townB.id}`, w.adminA.auth);
    expect(other.body.items).toEqual([]);
    const worker = await call(t.app, 'GET', '/v1/grids', w.workerA1.auth);
    expect(worker.body.items.map((g: { id: number }) => g.id)).toEqual([w.gridA1.id]);
    expect((await call(t.app, 'GET', '/v1/grids', w.deptUser.auth)).body.total).toBe(0);
  });

  it('rejects a non-worker as responsible, a duplicate name and bad input', async () => {
    const notWorker = await call(t.app, 'POST', '/v1/grids', w.district.auth, { townId: w.townA.id, name: '错误网格', workerId: w.adminA.id });
    expect(notWorker.status).toBe(400);
    const dup = await call(t.app, 'POST', '/v1/grids', w.district.auth, { townId: w.townA.id, name: w.gridA1.name });
    expect(dup.status).toBe(409);
    const bad = await call(t.app, 'POST', '/v1/grids', w.district.auth, { townId: 'x', name: '' });
    expect(bad.status).toBe(400);
    expect(await t.db.select().from(grids).where(eq(grids.name, '错误网格'))).toHaveLength(0);
  });

  it('other town admin, workers and departments cannot create or change grids', async () => {
    expect((await call(t.app, 'POST', '/v1/grids', w.adminB.auth, { townId: w.townA.id, name: '越界网格' })).status).toBe(403);
    expect((await call(t.app, 'PATCH', `/v1/grids/${w.gridA1.id}`, w.adminB.auth, { workerId: w.workerB1.id })).status).toBe(404);
    expect((await call(t.app, 'PATCH', `/v1/grids/${w.gridA1.id}`, w.workerA1.auth, { name: 'x' })).status).toBe(403);
    expect((await call(t.app, 'PATCH', `/v1/grids/${w.gridA1.id}`, w.deptUser.auth, { name: 'x' })).status).toBe(403);
    // A town admin cannot hand their grid to another town's worker.
    expect((await call(t.app, 'PATCH', `/v1/grids/${w.gridA1.id}`, w.adminA.auth, { workerId: w.workerB1.id })).status).toBe(403);
    const g = await t.db.select().from(grids).where(eq(grids.id, w.gridA1.id)).get();
    expect(g).toMatchObject({ name: w.gridA1.name, workerId: w.workerA1.id });
  });
});
