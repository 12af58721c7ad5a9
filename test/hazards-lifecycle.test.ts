import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { ctxFor, makeWorld } from './helpers/fixtures.js';
import { reportHazard } from '../api/hazards/report.js';
import { assignHazard } from '../api/hazards/assign.js';
import { getHazard } from '../api/hazards/get.js';
import { get, insertPhoto, post, reportVia } from './helpers/hazards-fixtures.js';
import { attachments, hazardEvents } from '../db/schema/index.js';

describe('hazard lifecycle through the API', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });

  it('documents every hazard route in the OpenAPI document', async () => {
    const doc = await (await t.app.request('/openapi.json')).json();
    expect(doc.paths['/v1/hazards'].post).toBeDefined();
    expect(doc.paths['/v1/hazards'].get).toBeDefined();
    expect(doc.paths['/v1/hazards/{idOrCode}'].get).toBeDefined();
    for (const a of ['assign', 'rectify', 'review', 'void', 'whistle', 'acknowledge', 'notes']) expect(doc.paths[`/v1/hazards/{id}/${a}`].post).toBeDefined();
  });

  it('report → assign → rectify → review fail → rectify → review pass', async () => {
    const rep = await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: w.entA1.id, description: '二楼仓库堆放杂物' });
    expect(rep.status).toBe(201);
    const { hazard, created } = await rep.json();
    expect(created).toBe(true);
    expect(hazard).toMatchObject({ status: 'reported', level: 'general', deadline: null, overdue: false, reporterId: w.workerA1.id });
    expect(hazard.code).toMatch(/^YH20261123-\d{4}$/);
    expect(hazard.enterprise).toEqual({ id: w.entA1.id, name: w.entA1.name });

    const assign = await post(t.app, `/v1/hazards/${hazard.id}/assign`, w.adminA, { responsible: '车间主任', note: '尽快整改' });
    expect(assign.status).toBe(200);
    const assigned = await assign.json();
    // Default for a general hazard: 7 days from assignment, end of that Shanghai day.
    expect(assigned).toMatchObject({ status: 'rectifying', responsible: '车间主任', deadlineDay: '2026-11-30', deadline: '2026-11-30T16:00:00.000Z' });

    const photo = await insertPhoto(t.db, w.workerA1.id);
    const r1 = await post(t.app, `/v1/hazards/${hazard.id}/rectify`, w.workerA1, { note: '已清理', photoIds: [photo.id] });
    expect(r1.status).toBe(200);
    expect((await r1.json()).status).toBe('review');

    const fail = await post(t.app, `/v1/hazards/${hazard.id}/review`, w.workerA1, { pass: false, reason: '仍有杂物', deadlineDays: 3 });
    expect(fail.status).toBe(200);
    expect(await fail.json()).toMatchObject({ status: 'rectifying', deadlineDay: '2026-11-26' });

    const r2 = await post(t.app, `/v1/hazards/${hazard.id}/rectify`, w.workerA1, { note: '全部清理完毕' });
    expect((await r2.json()).status).toBe('review');
    const pass = await post(t.app, `/v1/hazards/${hazard.id}/review`, w.adminA, { pass: true });
    const closed = await pass.json();
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-11-23T02:00:00.000Z', overdue: false });

    const detail = await (await get(t.app, `/v1/hazards/${hazard.code}`, w.adminA)).json();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'assign', 'rectify', 'review_fail', 'rectify', 'review_pass']);
    expect(detail.timeline[0]).toMatchObject({ actor: { id: w.workerA1.id, name: w.workerA1.name }, fromStatus: null, toStatus: 'reported', channel: 'api' });
    expect(detail.timeline[3]).toMatchObject({ note: '仍有杂物', fromStatus: 'review', toStatus: 'rectifying' });
    expect(detail.photos).toHaveLength(1);
    const rectifyEvent = detail.timeline[2];
    expect(detail.photos[0]).toMatchObject({ id: photo.id, eventId: rectifyEvent.id });
  });

  it('a report with a deadline or 立即整改 goes straight to rectifying', async () => {
    const withDate = await (await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: w.entA1.id, description: '安全出口锁闭', deadline: '2026-11-30', force: true })).json();
    expect(withDate.hazard).toMatchObject({ status: 'rectifying', deadlineDay: '2026-11-30' });
    const now = await (await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: w.entA1.id, description: '灭火器过期', fixNow: true, force: true })).json();
    expect(now.hazard).toMatchObject({ status: 'rectifying', deadlineDay: '2026-11-23', deadline: '2026-11-23T16:00:00.000Z' });
    const days = await (await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: w.entA1.id, description: '电线私拉乱接', deadlineDays: 3, force: true })).json();
    expect(days.hazard).toMatchObject({ status: 'rectifying', deadlineDay: '2026-11-26' });
  });

  it('a major hazard reported by a worker waits for the admin to set its deadline', async () => {
    const res = await (await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: w.entA1.id, description: '厂房楼梯间封堵', level: 'major', deadlineDays: 5, force: true })).json();
    expect(res.hazard).toMatchObject({ status: 'reported', level: 'major', deadline: null });
    const [ev] = await t.db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, res.hazard.id));
    expect(ev.data).toMatchObject({ suggestedDeadline: '2026-11-28T16:00:00.000Z', deadline: null });
    const assigned = await (await post(t.app, `/v1/hazards/${res.hazard.id}/assign`, w.district, {})).json();
    // Major default: 30 days.
    expect(assigned).toMatchObject({ status: 'rectifying', deadlineDay: '2026-12-23' });
  });

  it('an admin reporting a major hazard with a deadline sets it at once', async () => {
    const res = await (await post(t.app, '/v1/hazards', w.adminA, { enterpriseId: w.entA2.id, description: '粉尘除尘系统停用', deadlineDays: 10, force: true })).json();
    // DUST is major by default in the checklist.
    expect(res.hazard).toMatchObject({ status: 'rectifying', level: 'major', deadlineDay: '2026-12-03' });
  });

  it('void keeps the reason; a duplicate must name another visible hazard', async () => {
    const a = await reportVia(t.app, w.workerA2, { enterpriseId: w.entA2.id, description: '配电箱未接地', force: true });
    const b = await reportVia(t.app, w.workerA2, { enterpriseId: w.entA2.id, description: '配电箱没有接地线', force: true });
    const self = await post(t.app, `/v1/hazards/${b.id}/void`, w.adminA, { reason: 'duplicate', duplicateOfId: b.id });
    expect(self.status).toBe(400);
    const missing = await post(t.app, `/v1/hazards/${b.id}/void`, w.adminA, { reason: 'duplicate' });
    expect(missing.status).toBe(400);
    const ok = await post(t.app, `/v1/hazards/${b.id}/void`, w.adminA, { reason: 'duplicate', duplicateOfId: a.id, note: '同一问题' });
    expect(await ok.json()).toMatchObject({ status: 'void', duplicateOfId: a.id });
    const c = await reportVia(t.app, w.workerA2, { enterpriseId: w.entA2.id, description: '门口有明火', force: true });
    await post(t.app, `/v1/hazards/${c.id}/void`, w.adminA, { reason: 'false_report' });
    const events = await t.db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, c.id)).orderBy(hazardEvents.id);
    expect(events[1]).toMatchObject({ action: 'void', data: { reason: 'false_report', duplicateOfId: null } });
  });

  it('whistle then acknowledge; twice of either is a conflict', async () => {
    const h = await reportVia(t.app, w.workerA1, { enterpriseId: w.entA1.id, description: '消防喷淋系统故障', force: true });
    const before = await get(t.app, `/v1/hazards/${h.id}`, w.deptUser);
    expect(before.status).toBe(404);
    const wh = await post(t.app, `/v1/hazards/${h.id}/whistle`, w.workerA1, { departmentId: w.fireDept.id, note: '请消防协助' });
    expect(wh.status).toBe(200);
    expect((await wh.json()).departments).toEqual([{ id: w.fireDept.id, name: w.fireDept.name, acknowledgedAt: null }]);
    expect(t.notifier.alerts).toContainEqual({ kind: 'whistle', hazardId: h.id });
    const again = await post(t.app, `/v1/hazards/${h.id}/whistle`, w.adminA, { departmentId: w.fireDept.id });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('conflict');

    const seen = await get(t.app, `/v1/hazards/${h.id}`, w.deptUser);
    expect(seen.status).toBe(200);
    const ack = await post(t.app, `/v1/hazards/${h.id}/acknowledge`, w.deptUser, { note: '已报到' });
    expect(ack.status).toBe(200);
    expect((await ack.json()).departments[0].acknowledgedAt).toBe('2026-11-23T02:00:00.000Z');
    const ack2 = await post(t.app, `/v1/hazards/${h.id}/acknowledge`, w.deptUser, {});
    expect(ack2.status).toBe(409);
    const list = await (await get(t.app, `/v1/hazards?departmentId=${w.fireDept.id}`, w.district)).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(h.id);
  });

  it('verbs accept a code as well as an id (what people type in chat)', async () => {
    const ctx = await ctxFor(t.deps, w.adminA.id, 'wechat');
    const h = (await reportHazard(ctx, { enterpriseId: w.entA2.id, description: '楼顶违规搭建彩钢棚', force: true })).hazard;
    const assigned = await assignHazard(ctx, { code: ` ${h.code.toLowerCase()}` }, { deadline: '2026-12-01' });
    expect(assigned).toMatchObject({ id: h.id, status: 'rectifying', deadlineDay: '2026-12-01' });
    const detail = await getHazard(ctx, { code: h.code });
    expect(detail.timeline.map((e) => e.channel)).toEqual(['wechat', 'wechat']);
    await expect(getHazard(await ctxFor(t.deps, w.workerB1.id), { code: h.code })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('notes and late photos attach to an open hazard without changing it', async () => {
    const h = await reportVia(t.app, w.workerA1, { enterpriseId: w.entA1.id, description: '叉车无证驾驶', force: true });
    const p1 = await insertPhoto(t.db, w.workerA1.id);
    const p2 = await insertPhoto(t.db, w.workerA1.id);
    const res = await post(t.app, `/v1/hazards/${h.id}/notes`, w.workerA1, { note: '补充照片', photoIds: [p1.id, p2.id] });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('reported');
    const rows = await t.db.select().from(attachments).where(eq(attachments.hazardId, h.id));
    expect(rows).toHaveLength(2);
    const events = await t.db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, h.id)).orderBy(hazardEvents.id);
    expect(events.map((e) => e.action)).toEqual(['report', 'attach']);
    expect(rows.every((r) => r.eventId === events[1].id)).toBe(true);
    // Claimed photos cannot be claimed again.
    const twice = await post(t.app, `/v1/hazards/${h.id}/notes`, w.workerA1, { photoIds: [p1.id] });
    expect(twice.status).toBe(400);
    const empty = await post(t.app, `/v1/hazards/${h.id}/notes`, w.workerA1, {});
    expect(empty.status).toBe(400);
  });
});
