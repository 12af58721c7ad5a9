import { describe, it, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { hazards, idempotencyKeys, people } from '../db/schema/index.js';
import { testApp } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { call, upload } from './helpers/org-request.js';

// Each case was found by a scope review and is kept here so it stays fixed.
const jpeg = (tag: string) => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(tag), 0xff, 0xd9]);

describe('security regressions', () => {
  it('a chat source id used by another reporter neither leaks their hazard nor swallows the report', async () => {
    const t = await testApp();
    const w = await makeWorld(t.db);
    const source = { platform: 'dingtalk', messageId: 'msg-B-1' };
    const first = await call(t.app, 'POST', '/v1/hazards', w.workerB1.auth, { enterpriseId: w.entB1.id, description: '乙镇秘密隐患', source });
    expect(first.status).toBe(201);
    const other = await call(t.app, 'POST', '/v1/hazards', w.workerA1.auth, { enterpriseId: w.entA1.id, description: '甲镇隐患', source });
    expect(other.status).toBe(409);
    expect(JSON.stringify(other.body)).not.toContain('乙镇秘密隐患');
    const again = await call(t.app, 'POST', '/v1/hazards', w.workerB1.auth, { enterpriseId: w.entB1.id, description: '乙镇秘密隐患', source });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
  });

  it("an admin cannot claim another person's unattached photo and so cannot download it", async () => {
    const t = await testApp();
    const w = await makeWorld(t.db);
    const photo = await upload(t.app, '/v1/photos', w.workerB1.auth, 'image/jpeg', jpeg('b'));
    expect(photo.status).toBe(201);
    const claim = await call(t.app, 'POST', '/v1/hazards', w.adminA.auth, { enterpriseId: w.entA1.id, description: '借用照片', photoIds: [photo.body.id] });
    expect(claim.status).toBe(400);
    expect((await t.app.request(`/v1/photos/${photo.body.id}`, { headers: w.adminA.auth })).status).toBe(404);
  });

  it('tokens and binding codes are never kept in idempotency records nor replayed', async () => {
    const t = await testApp();
    const w = await makeWorld(t.db);
    const post = () => t.app.request(`/v1/people/${w.workerA1.id}/binding-codes`, { method: 'POST', headers: { ...w.adminA.auth, 'idempotency-key': 'bind-1' } });
    const first = await post();
    expect(first.status).toBe(201);
    const { code } = await first.json();
    const replay = await post();
    expect(replay.status).toBe(409);
    const stored = await t.db.select().from(idempotencyKeys);
    expect(stored.map((r) => r.responseBody).join('')).not.toContain(code);
  });

  it('promoting a town admin to district admin drops the town, so another town admin cannot see them', async () => {
    const t = await testApp();
    const w = await makeWorld(t.db);
    const res = await call(t.app, 'PATCH', `/v1/people/${w.adminB.id}`, w.district.auth, { role: 'district_admin' });
    expect(res.status).toBe(200);
    const [row] = await t.db.select().from(people).where(eq(people.id, w.adminB.id));
    expect(row.townId).toBeNull();
    expect((await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '部门甲', role: 'department', departmentId: w.fireDept.id, townId: w.townA.id })).status).toBe(400);
  });

  it("moving an enterprise to another town's grid moves its hazards out of the old town's reach", async () => {
    const t = await testApp();
    const w = await makeWorld(t.db);
    const rep = await call(t.app, 'POST', '/v1/hazards', w.workerA1.auth, { enterpriseId: w.entA1.id, description: '配电箱未接地' });
    expect(rep.status).toBe(201);
    expect((await call(t.app, 'PATCH', `/v1/enterprises/${w.entA1.id}`, w.district.auth, { gridId: w.gridB1.id })).status).toBe(200);
    const [h] = await t.db.select().from(hazards).where(eq(hazards.id, rep.body.hazard.id));
    expect(h).toMatchObject({ gridId: w.gridB1.id, townId: w.townB.id });
    expect((await call(t.app, 'GET', `/v1/hazards/${h.id}`, w.adminA.auth)).status).toBe(404);
    expect((await call(t.app, 'GET', `/v1/hazards/${h.id}`, w.adminB.auth)).status).toBe(200);
  });

  it('the CSV ledger neutralises cells that Excel would run as formulas', async () => {
    const t = await testApp();
    const w = await makeWorld(t.db);
    await call(t.app, 'POST', '/v1/hazards', w.workerA1.auth, { enterpriseId: w.entA1.id, description: '=HYPERLINK("http://evil","x")' });
    const csv = await (await t.app.request('/v1/exports/hazards.csv', { headers: w.adminA.auth })).text();
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});
