import { describe, it, expect } from 'vitest';
import { testApp } from './helpers/deps.js';
import { makeWorld } from './helpers/fixtures.js';
import { call } from './helpers/org-request.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { ENTERPRISE_API_ALLOW } from '../api/core/enterprise-role.js';
import { postTicket } from './helpers/web-sign-in.js';

// An enterprise safety contact sees its own enterprise and nothing else, on every route the OpenAPI
// document lists, on the pages, and when guessing ids or codes.

async function world() {
  const t = await testApp({ now: '2026-12-01T02:00:00Z' });
  const w = await makeWorld(t.db);
  const report = async (auth: Record<string, string>, enterpriseId: number, description: string) => {
    const r = await call(t.app, 'POST', '/v1/hazards', auth, { enterpriseId, description });
    expect(r.status).toBe(201);
    return r.body.hazard ?? r.body;
  };
  const own = await report(w.workerA1.auth, w.entA1.id, '本企业消防通道堵塞');
  const sameTown = await report(w.workerA2.auth, w.entA2.id, '隔壁企业配电箱未上锁秘密甲');
  const otherTown = await report(w.workerB1.auth, w.entB1.id, '乙镇企业危化品超量秘密乙');
  const created = await call(t.app, 'POST', '/v1/people', w.adminA.auth, { name: '张安全', role: 'enterprise', enterpriseId: w.entA1.id });
  expect(created.status).toBe(201);
  expect(created.body.enterpriseId).toBe(w.entA1.id);
  const minted = await call(t.app, 'POST', `/v1/people/${created.body.id}/tokens`, w.district.auth, {});
  expect(minted.status).toBe(201);
  const contact = { id: created.body.id as number, auth: { authorization: `Bearer ${minted.body.token}` } };
  return { t, w, own, sameTown, otherTown, contact };
}

describe('enterprise contact scope', () => {
  it('is created only for an enterprise in the admin scope and always with one enterprise', async () => {
    const { t, w } = await world();
    expect((await call(t.app, 'POST', '/v1/people', w.adminA.auth, { name: '越权', role: 'enterprise', enterpriseId: w.entB1.id })).status).toBe(403);
    expect((await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '无企业', role: 'enterprise' })).status).toBe(400);
    expect((await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '错配', role: 'worker', enterpriseId: w.entA1.id })).status).toBe(400);
    expect((await call(t.app, 'POST', '/v1/people', w.workerA1.auth, { name: '网格员建', role: 'enterprise', enterpriseId: w.entA1.id })).status).toBe(403);
    const made = await call(t.app, 'POST', '/v1/people', w.district.auth, { name: '区建', role: 'enterprise', enterpriseId: w.entB1.id });
    expect(made.status).toBe(201);
    // Binding codes: the enterprise's own town admin may hand one over; another town's may not.
    expect((await call(t.app, 'POST', `/v1/people/${made.body.id}/binding-codes`, w.adminB.auth)).status).toBe(201);
    expect((await call(t.app, 'POST', `/v1/people/${made.body.id}/binding-codes`, w.adminA.auth)).status).toBe(404);
  });

  it('reads its own hazards only: by list, code, id and guessed ids', async () => {
    const { t, own, sameTown, otherTown, contact } = await world();
    const list = await call(t.app, 'GET', '/v1/hazards', contact.auth);
    expect(list.status).toBe(200);
    expect(list.body.items.map((h: { code: string }) => h.code)).toEqual([own.code]);
    expect((await call(t.app, 'GET', `/v1/hazards/${own.code}`, contact.auth)).status).toBe(200);
    for (const h of [sameTown, otherTown]) {
      expect((await call(t.app, 'GET', `/v1/hazards/${h.code}`, contact.auth)).status).toBe(404);
      expect((await call(t.app, 'GET', `/v1/hazards/${h.id}`, contact.auth)).status).toBe(404);
      expect((await call(t.app, 'POST', `/v1/hazards/${h.id}/rectify`, contact.auth, { note: '已整改' })).status).toBe(404);
    }
    const seen: number[] = [];
    for (let id = 1; id <= 40; id++) if ((await call(t.app, 'GET', `/v1/hazards/${id}`, contact.auth)).status === 200) seen.push(id);
    expect(seen).toEqual([own.id]);
  });

  it('every route of the OpenAPI document outside its allowlist refuses it; allowed ones leak nothing', async () => {
    const { t, w, own, sameTown, otherTown, contact } = await world();
    const doc = await (await t.app.request('/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const allowed = new Set(ENTERPRISE_API_ALLOW.map(([m, p]) => `${m} ${p}`));
    const secrets = [sameTown.code, otherTown.code, '秘密甲', '秘密乙'];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const method of Object.keys(ops)) {
        const M = method.toUpperCase();
        // Every id-like parameter aimed at another enterprise's rows.
        for (const target of [sameTown, otherTown]) {
          const url = path.replace(/\{(idOrCode|code)\}/g, target.code).replace(/\{id\}/g, String(target.id)).replace(/\{[^}]+\}/g, 'hazards');
          const res = await call(t.app, M, url, contact.auth, M === 'GET' || M === 'DELETE' ? undefined : {});
          checked++;
          const body = JSON.stringify(res.body ?? '');
          for (const s of secrets) expect(body, `${M} ${url}`).not.toContain(s);
          if (!allowed.has(`${M} ${path}`)) expect(res.status, `${M} ${url}`).toBe(403);
          else expect([200, 400, 404, 415], `${M} ${url}`).toContain(res.status);
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
    // The allowlisted reads answer with its own enterprise only.
    const tasks = await call(t.app, 'GET', '/v1/me/tasks', contact.auth);
    expect(tasks.status).toBe(200);
    expect(tasks.body.hazardsDueSoon.items.map((h: { code: string }) => h.code)).toEqual([own.code]);
    const patrols = await call(t.app, 'GET', '/v1/patrols', contact.auth);
    expect(patrols.status).toBe(200);
    for (const p of patrols.body.items) expect(p.enterpriseId).toBe(w.entA1.id);
  });

  it('cannot review, whistle, report or patrol even its own enterprise', async () => {
    const { t, w, own, contact } = await world();
    expect((await call(t.app, 'POST', `/v1/hazards/${own.id}/review`, contact.auth, { pass: true })).status).toBe(403);
    expect((await call(t.app, 'POST', `/v1/hazards/${own.id}/whistle`, contact.auth, { departmentId: w.fireDept.id })).status).toBe(403);
    expect((await call(t.app, 'POST', '/v1/hazards', contact.auth, { enterpriseId: w.entA1.id, description: '自报' })).status).toBe(403);
    expect((await call(t.app, 'POST', '/v1/patrols', contact.auth, { enterpriseId: w.entA1.id, result: 'normal' })).status).toBe(403);
    expect((await call(t.app, 'GET', '/v1/stats/summary', contact.auth)).status).toBe(403);
    expect((await call(t.app, 'POST', `/v1/hazards/${own.id}/assign`, w.adminA.auth, { deadlineDays: 5 })).status).toBe(200);
    const rect = await call(t.app, 'POST', `/v1/hazards/${own.id}/rectify`, contact.auth, { note: '通道已清理' });
    expect(rect.status).toBe(200);
    expect(rect.body.status).toBe('review');
    // The ledger tells who rectified: the enterprise's contact, by name.
    const csv = await t.app.request('/v1/exports/hazards.csv', { headers: w.adminA.auth });
    expect(csv.status).toBe(200);
    const ledger = await csv.text();
    expect(ledger).toContain('整改提交人');
    expect(ledger).toContain('企业：张安全');
  });

  it('pages: its hazard opens, another enterprise reads as absent, other pages refuse', async () => {
    const { t, own, sameTown, otherTown, contact } = await world();
    const { ticket } = await issueLoginTicket(t.deps, contact.id, new Date('2026-12-01T02:00:00Z'));
    const signed = await postTicket(t.app, ticket);
    expect(signed.status).toBe(303);
    const cookie = signed.headers.get('set-cookie')!.split(';')[0];
    const get = (p: string) => t.app.request(p, { headers: { cookie } });
    const tasks = await get('/app');
    expect(tasks.status).toBe(200);
    const tasksHtml = await tasks.text();
    expect(tasksHtml).toContain(own.code);
    expect(tasksHtml).not.toContain(sameTown.code);
    expect(tasksHtml).not.toContain('href="/app/report"');
    const mine = await get(`/app/hazards/${own.code}`);
    expect(mine.status).toBe(200);
    const html = await mine.text();
    expect(html).toContain(own.code);
    expect(html).not.toContain('name="pass"');
    for (const h of [sameTown, otherTown]) {
      const res = await get(`/app/hazards/${h.code}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain(h.description);
      expect((await get(`/app/hazards/${h.id}`)).status).toBe(404);
    }
    for (const p of ['/app/dashboard', '/app/report', '/app/patrol', '/app/admin/people', '/app/exports/hazards.csv', `/app/enterprises/1`, '/app/admin/policy']) {
      expect((await get(p)).status, p).toBe(403);
    }
    // The binding card and its form (a worker's), and the industries form (an office admin's), refuse it
    // for its own hazard and another enterprise's alike; no binding code is ever issued to it.
    expect(html).not.toContain('企业联系人绑定');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(tasksHtml)![1];
    const post = (p: string, form: Record<string, string>) => t.app.request(p, {
      method: 'POST', body: new URLSearchParams({ ...form, _csrf: csrf }),
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
    });
    for (const h of [own, sameTown, otherTown]) {
      const res = await post(`/app/hazards/${h.code}/bind-code`, { contactId: String(contact.id) });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toMatch(/绑定 \d{10}/);
    }
    expect((await post('/app/admin/departments/1/industries', { industries: '化工' })).status).toBe(403);
  });
});
