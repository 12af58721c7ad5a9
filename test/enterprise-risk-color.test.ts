import { describe, it, expect } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { enterprises, notifications, people, riskColorChanges } from '../db/schema/index.js';
import { testApp } from './helpers/deps.js';
import { makeDepartment, makePerson, makeWorld } from './helpers/fixtures.js';
import { call, upload } from './helpers/org-request.js';

// A risk colour change (import or edit) is told once per change to the enterprise's safety contacts
// and to the department supervising its industry, with the patrol frequency the policy gives it.

async function setup() {
  const t = await testApp();
  const w = await makeWorld(t.db);
  const chem = await makeDepartment(t.db, '区应急管理局危化科');
  const textile = await makeDepartment(t.db, '区工信局纺织科');
  // The supervising industries are an office admin's setting, through the API.
  expect((await call(t.app, 'PATCH', `/v1/departments/${chem.id}`, w.district.auth, { industries: ['化工', '危化品'] })).body.industries).toEqual(['化工', '危化品']);
  expect((await call(t.app, 'PATCH', `/v1/departments/${textile.id}`, w.district.auth, { industries: ['纺织'] })).status).toBe(200);
  const chemUser = await makePerson(t.db, 'department', { departmentId: chem.id });
  const textileUser = await makePerson(t.db, 'department', { departmentId: textile.id });
  const rows = (personId: number) => t.db.select().from(notifications).where(eq(notifications.personId, personId)).orderBy(asc(notifications.id));
  const all = () => t.db.select().from(notifications).where(eq(notifications.kind, 'risk_color_change'));
  const sheet = (colour: string) =>
    `镇（街道）,网格,企业名称,企业类别,行业,风险等级,联系人,联系电话\n${w.townA.name},${w.gridA1.name},${w.entA1.name},重点,化工,${colour},李联络,13912345678\n`;
  return { t, w, chemUser, textileUser, rows, all, sheet };
}

describe('risk colour changes', () => {
  it('an import that changes the colour tells the contact and the industry department once; a re-run tells nothing', async () => {
    const { t, w, chemUser, textileUser, rows, all, sheet } = await setup();
    // entA1 is a yellow key enterprise; the same file makes its contact and turns it red.
    const res = await upload(t.app, '/v1/imports/enterprises', w.district.auth, 'text/csv', sheet('红'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ updated: 1, riskColorChanges: 1, contacts: { created: 1, updated: 0 } });
    const contact = (await t.db.select().from(people).where(eq(people.phone, '13912345678')).get())!;
    expect(contact).toMatchObject({ role: 'enterprise', enterpriseId: w.entA1.id, name: '李联络' });

    const [change] = await t.db.select().from(riskColorChanges);
    expect(change).toMatchObject({ enterpriseId: w.entA1.id, fromColor: 'yellow', toColor: 'red', channel: 'api', actorId: w.district.id });
    const [toContact] = await rows(contact.id);
    const [toDept] = await rows(chemUser.id);
    expect(toContact).toMatchObject({ kind: 'risk_color_change', urgent: false, status: 'pending', dedupeKey: `risk-color:${change.id}:${contact.id}` });
    expect(toDept.dedupeKey).toBe(`risk-color:${change.id}:${chemUser.id}`);
    // Defaults: key enterprises every 30 days, red at most every 7 days.
    expect(toContact.text).toContain('由黄色（一般风险）调整为红色（重大风险）');
    expect(toContact.text).toContain('红色企业至少每 7 天巡查一次');
    expect(toContact.text).toContain('今后每 7 天巡查一次（原为每 30 天）');
    expect(toContact.text).toContain('贵单位');
    expect(toDept.text).toContain(w.entA1.name);
    expect(toDept.text).toContain('行业：化工');
    expect(toDept.text).not.toContain('贵单位');
    expect(await rows(textileUser.id)).toHaveLength(0);
    expect(await all()).toHaveLength(2);

    // The same file again: the colour is already red, so nothing is recorded or told.
    const again = await upload(t.app, '/v1/imports/enterprises', w.district.auth, 'text/csv', sheet('红'));
    expect(again.body).toMatchObject({ updated: 1, riskColorChanges: 0, contacts: { created: 0, updated: 1 } });
    expect(await all()).toHaveLength(2);
    expect(await t.db.select().from(riskColorChanges)).toHaveLength(1);

    // A dry run that would change it writes and tells nothing.
    const dry = await upload(t.app, '/v1/imports/enterprises?dryRun=true', w.district.auth, 'text/csv', sheet('蓝'));
    expect(dry.body).toMatchObject({ dryRun: true, riskColorChanges: 1 });
    expect(await all()).toHaveLength(2);
    expect((await t.db.select().from(enterprises).where(eq(enterprises.id, w.entA1.id)).get())!.riskColor).toBe('red');
    await t.close();
  });

  it('an edit that changes the colour tells them with the policy in force; an unchanged colour tells nothing', async () => {
    const { t, w, chemUser, textileUser, rows, all } = await setup();
    const [contact] = await t.db.insert(people).values({ name: '王联络', role: 'enterprise', enterpriseId: w.entA1.id, createdAt: new Date() }).returning();
    const [otherContact] = await t.db.insert(people).values({ name: '赵联络', role: 'enterprise', enterpriseId: w.entA2.id, createdAt: new Date() }).returning();
    // The district changes the policy first: the notice must say 10 days, not a fixed text.
    expect((await call(t.app, 'PUT', '/v1/policy', w.district.auth, { colorCap: { red: 10 } })).status).toBe(200);

    const edit = (body: object) => call(t.app, 'PATCH', `/v1/enterprises/${w.entA1.id}`, w.adminA.auth, body);
    expect((await edit({ industry: '危化品', riskColor: 'red' })).status).toBe(200);
    const [n] = await rows(contact.id);
    expect(n.text).toContain('红色企业至少每 10 天巡查一次');
    expect(n.text).toContain('巡查频次提高：今后每 10 天巡查一次（原为每 30 天）');
    expect(await rows(chemUser.id)).toHaveLength(1); // 危化品 is one of its industries too

    expect((await edit({ riskColor: 'red' })).status).toBe(200); // unchanged
    expect((await edit({ address: '新地址 1 号' })).status).toBe(200);
    expect(await all()).toHaveLength(2);

    expect((await edit({ riskColor: 'blue' })).status).toBe(200);
    const told = await rows(contact.id);
    expect(told).toHaveLength(2);
    expect(told[1].text).toContain('由红色（重大风险）调整为蓝色（低风险）');
    expect(told[1].text).toContain('巡查频次降低：今后每 30 天巡查一次（原为每 10 天）');
    expect(told[1].text).toContain('重点企业每 30 天巡查一次，蓝色企业不另设上限'); // no cap for blue in the policy
    expect(told[1].dedupeKey).not.toBe(told[0].dedupeKey);
    expect(await rows(chemUser.id)).toHaveLength(2);
    expect(await rows(textileUser.id)).toHaveLength(0);
    expect(await rows(otherContact.id)).toHaveLength(0);
    // Nobody else hears of it: not the town admin, not the fire department from makeWorld.
    expect((await all()).map((r) => r.personId).sort()).toEqual([contact.id, contact.id, chemUser.id, chemUser.id].sort());
    await t.close();
  });

  it('departments carry their industries; only a district admin sets them, bad values are refused in Chinese', async () => {
    const { t, w } = await setup();
    const list = await call(t.app, 'GET', '/v1/departments', w.workerA1.auth);
    expect(list.body.items.find((d: { name: string }) => d.name === '区工信局纺织科').industries).toEqual(['纺织']);
    const created = await call(t.app, 'POST', '/v1/departments', w.district.auth, { name: '区住建局', industries: ['建筑', '建筑'] });
    expect(created.body.industries).toEqual(['建筑']);
    expect((await call(t.app, 'PATCH', `/v1/departments/${created.body.id}`, w.adminA.auth, { industries: ['化工'] })).status).toBe(403);
    const bad = await call(t.app, 'PATCH', `/v1/departments/${created.body.id}`, w.district.auth, { industries: [''] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(bad.body)).toMatch(/行业不能为空/);
    await t.close();
  });
});
