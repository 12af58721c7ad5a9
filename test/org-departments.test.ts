import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { call } from './helpers/org-request.js';
import { departments } from '../db/schema/index.js';

describe('departments', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });

  it('district admin creates and edits a department; everyone reads names and keywords', async () => {
    const created = await call(t.app, 'POST', '/v1/departments', w.district.auth, { name: '区住建局', keywords: ['住建', '建设', '住建'] });
    expect(created.status).toBe(201);
    expect(created.body.keywords).toEqual(['住建', '建设']);
    const edited = await call(t.app, 'PATCH', `/v1/departments/${created.body.id}`, w.district.auth, { keywords: ['住建'] });
    expect(edited.body).toMatchObject({ name: '区住建局', keywords: ['住建'] });
    for (const who of [w.workerA1, w.adminB, w.deptUser]) {
      const list = await call(t.app, 'GET', '/v1/departments', who.auth);
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual({ id: created.body.id, name: '区住建局', keywords: ['住建'], industries: [] });
    }
  });

  it('rejects duplicates and malformed keywords', async () => {
    expect((await call(t.app, 'POST', '/v1/departments', w.district.auth, { name: w.fireDept.name })).status).toBe(409);
    const bad = await call(t.app, 'POST', '/v1/departments', w.district.auth, { name: '区交通局', keywords: 'x' });
    expect(bad.status).toBe(400);
    expect(await t.db.select().from(departments).where(eq(departments.name, '区交通局'))).toHaveLength(0);
  });

  it('only district admins write', async () => {
    for (const who of [w.adminA, w.workerA1, w.deptUser]) {
      expect((await call(t.app, 'POST', '/v1/departments', who.auth, { name: `越权部门${who.id}` })).status).toBe(403);
      expect((await call(t.app, 'PATCH', `/v1/departments/${w.fireDept.id}`, who.auth, { name: '改名' })).status).toBe(403);
    }
    expect((await t.db.select().from(departments).where(eq(departments.id, w.fireDept.id)).get())!.name).toBe(w.fireDept.name);
  });
});
