import { describe, it, expect, beforeAll } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { ctxFor, makeWorld } from './helpers/fixtures.js';
import { logPatrol } from '../api/patrols/log.js';
import { attachments, enterprises, hazardEvents, hazards, patrols } from '../db/schema/index.js';

type T = Awaited<ReturnType<typeof testApp>>;
type W = Awaited<ReturnType<typeof makeWorld>>;

describe('patrols: log, read, list', () => {
  let t: T;
  let w: W;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });

  const post = (auth: Record<string, string>, body: unknown) =>
    t.app.request('/v1/patrols', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const patrolCount = async (enterpriseId: number) =>
    (await t.db.select({ n: count() }).from(patrols).where(eq(patrols.enterpriseId, enterpriseId)))[0].n;
  const hazardCount = async (enterpriseId: number) =>
    (await t.db.select({ n: count() }).from(hazards).where(eq(hazards.enterpriseId, enterpriseId)))[0].n;
  const lastPatrol = async (id: number) => (await t.db.select().from(enterprises).where(eq(enterprises.id, id)).get())!.lastPatrolAt;

  describe('happy path', () => {
    it('records a normal patrol, moves the last patrol and the next due day', async () => {
      const res = await post(w.workerA1.auth, { enterpriseId: w.entA1.id, note: '消防设施完好' });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.created).toBe(true);
      expect(body.patrol).toMatchObject({ enterpriseId: w.entA1.id, workerId: w.workerA1.id, result: 'normal', note: '消防设施完好', hazards: [] });
      expect(body.patrol.patrolledAt).toBe('2026-11-23T02:00:00.000Z');
      // key class: 30 days from today's patrol (Monday 2026-11-23).
      expect(body.nextDueDay).toBe('2026-12-23');
      expect((await lastPatrol(w.entA1.id))!.toISOString()).toBe('2026-11-23T02:00:00.000Z');

      const read = await t.app.request(`/v1/patrols/${body.patrol.id}`, { headers: w.workerA1.auth });
      expect(read.status).toBe(200);
      expect((await read.json()).enterpriseName).toBe(w.entA1.name);
    });

    it('never moves the last patrol back for a late-entered older patrol', async () => {
      const ent = w.entA2;
      expect((await post(w.workerA2.auth, { enterpriseId: ent.id })).status).toBe(201);
      const older = await post(w.workerA2.auth, { enterpriseId: ent.id, patrolledAt: '2026-11-20T03:00:00Z' });
      expect(older.status).toBe(201);
      expect((await lastPatrol(ent.id))!.toISOString()).toBe('2026-11-23T02:00:00.000Z');
    });

    it('creates the hazards found, linked to the patrol, and marks the result as issues', async () => {
      const res = await post(w.workerA1.auth, {
        enterpriseId: w.entA1.id,
        result: 'normal',
        hazards: [
          { description: '配电箱未接地', deadlineDays: 3 },
          { description: '二楼消防通道堵塞', level: 'major' },
        ],
        source: { platform: 'dingtalk', messageId: 'msg-patrol-hz-1' },
      });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.patrol.result).toBe('issues');
      expect(body.hazards).toHaveLength(2);
      expect(body.hazards[0]).toMatchObject({ description: '配电箱未接地', status: 'rectifying', level: 'general' });
      expect(body.hazards[1]).toMatchObject({ level: 'major', status: 'reported' });
      const rows = await t.db.select().from(hazards).where(eq(hazards.patrolId, body.patrol.id));
      expect(rows.map((r) => r.sourceMessageId).sort()).toEqual(['msg-patrol-hz-1#0', 'msg-patrol-hz-1#1']);
      expect(t.notifier.alerts.some((a) => a.kind === 'major_hazard' && a.hazardId === body.hazards[1].id)).toBe(true);
      const detail = await (await t.app.request(`/v1/patrols/${body.patrol.id}`, { headers: w.adminA.auth })).json();
      expect(detail.hazards.map((h: { id: number }) => h.id)).toEqual(body.hazards.map((h: { id: number }) => h.id));
    });

    it('claims the uploader\'s photos for the patrol', async () => {
      const [photo] = await t.db.insert(attachments).values({
        sha256: 'a'.repeat(64), size: 10, mime: 'image/jpeg', path: `aa/${'a'.repeat(64)}`, receivedAt: new Date(), uploaderId: w.workerB1.id, createdAt: new Date(),
      }).returning();
      const res = await post(w.workerB1.auth, { enterpriseId: w.entB1.id, photoIds: [photo.id] });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.patrol.photoIds).toEqual([photo.id]);
      // red enterprise: the interval is capped to 7 days.
      expect(body.nextDueDay).toBe('2026-11-30');
    });
  });

  it('refuses a photo uploaded by someone else', async () => {
    const [photo] = await t.db.insert(attachments).values({
      sha256: 'b'.repeat(64), size: 10, mime: 'image/jpeg', path: `bb/${'b'.repeat(64)}`, receivedAt: new Date(), uploaderId: w.workerA2.id, createdAt: new Date(),
    }).returning();
    const before = await patrolCount(w.entA1.id);
    const res = await post(w.workerA1.auth, { enterpriseId: w.entA1.id, photoIds: [photo.id] });
    expect(res.status).toBe(400);
    expect(await patrolCount(w.entA1.id)).toBe(before);
    expect((await t.db.select().from(attachments).where(eq(attachments.id, photo.id)).get())!.patrolId).toBeNull();
  });

  it('documents the patrol, statistics, export and policy routes in OpenAPI', async () => {
    const doc = await (await t.app.request('/openapi.json')).json();
    for (const path of ['/v1/patrols', '/v1/patrols/{id}', '/v1/stats/summary', '/v1/stats/overdue', '/v1/stats/major', '/v1/stats/assessment',
      '/v1/me/tasks', '/v1/exports/hazards.csv', '/v1/exports/patrols.xlsx', '/v1/policy', '/v1/check-items', '/v1/check-items/{id}']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });

  describe('duplicate deliveries', () => {
    it('returns the existing patrol for a repeated source and writes nothing new', async () => {
      const body = { enterpriseId: w.entA1.id, source: { platform: 'wechat', messageId: 'dup-1' }, hazards: [{ description: '灭火器过期' }] };
      const first = await post(w.workerA1.auth, body);
      expect(first.status).toBe(201);
      const before = [await patrolCount(w.entA1.id), await hazardCount(w.entA1.id)];
      const again = await post(w.workerA1.auth, body);
      expect(again.status).toBe(200);
      const replay = await again.json();
      expect(replay.created).toBe(false);
      const original = await first.json();
      expect(replay.patrol.id).toBe(original.patrol.id);
      expect(replay.hazards.map((h: { code: string }) => h.code)).toEqual(original.hazards.map((h: { code: string }) => h.code));
      expect([await patrolCount(w.entA1.id), await hazardCount(w.entA1.id)]).toEqual(before);
    });
  });

  it('a redelivery after a crash between the patrol and its hazards completes the hazards once', async () => {
    const body = { enterpriseId: w.entA2.id, source: { platform: 'dingtalk', messageId: 'crash-1' }, hazards: [{ description: '配电箱未接地' }, { description: '消防通道堵塞' }] };
    const first = await (await post(w.workerA2.auth, body)).json();
    // The crash: the patrol's batch committed, the second hazard's did not.
    const lost = first.hazards[1].id;
    await t.db.delete(hazardEvents).where(eq(hazardEvents.hazardId, lost));
    await t.db.delete(hazards).where(eq(hazards.id, lost));
    expect(await hazardCount(w.entA2.id)).toBe(1);
    const again = await (await post(w.workerA2.auth, body)).json();
    expect(again.created).toBe(false);
    expect(again.hazards.map((h: { description: string }) => h.description)).toEqual(['配电箱未接地', '消防通道堵塞']);
    expect(await hazardCount(w.entA2.id)).toBe(2);
    expect((await post(w.workerA2.auth, body)).status).toBe(200);
    expect(await hazardCount(w.entA2.id)).toBe(2);
    const linked = await t.db.select().from(hazards).where(eq(hazards.patrolId, first.patrol.id));
    expect(linked).toHaveLength(2);
  });

  describe('bad input writes nothing', () => {
    it.each([
      ['a future time', { patrolledAt: '2026-11-23T03:00:00Z' }],
      ['an unknown field', { weather: '晴' }],
      ['ten photos', { photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }],
      ['eleven hazards', { hazards: Array.from({ length: 11 }, (_, i) => ({ description: `隐患${i}` })) }],
      ['a hazard with two deadlines', { hazards: [{ description: '护栏缺失', deadlineDays: 3, fixNow: true }] }],
      ['a hazard with a past deadline', { hazards: [{ description: '护栏缺失', deadline: '2026-11-01' }] }],
      ['a hazard with an empty description', { hazards: [{ description: '  ' }] }],
      ['a hazard with an unknown check item', { hazards: [{ description: '护栏缺失', checkItemId: 99999 }] }],
      ['an unknown checklist item', { checklist: [{ checkItemId: 99999, ok: true }] }],
      ['an unknown photo', { photoIds: [999999] }],
    ])('%s → validation_failed', async (_name, extra) => {
      const before = [await patrolCount(w.entA2.id), await hazardCount(w.entA2.id), await lastPatrol(w.entA2.id)];
      const res = await post(w.workerA2.auth, { enterpriseId: w.entA2.id, ...extra });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('validation_failed');
      expect([await patrolCount(w.entA2.id), await hazardCount(w.entA2.id), await lastPatrol(w.entA2.id)]).toEqual(before);
    });
  });

  it('gives in-process callers (chat) the same validation error, not a crash', async () => {
    const ctx = await ctxFor(t.deps, w.workerA1.id, 'dingtalk');
    const before = await patrolCount(w.entA1.id);
    await expect(logPatrol(ctx, { enterpriseId: w.entA1.id, photoIds: Array(10).fill(1) })).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await patrolCount(w.entA1.id)).toBe(before);
  });

  describe('scope', () => {
    it.each([
      ['a worker of another grid', 'workerA2', 404],
      ['another town\'s admin', 'adminB', 404],
      ['a department user', 'deptUser', 403],
    ] as const)('%s cannot log a patrol (%i) and nothing is written', async (_name, who, status) => {
      const before = [await patrolCount(w.entA1.id), await lastPatrol(w.entA1.id)];
      const res = await post(w[who].auth, { enterpriseId: w.entA1.id, patrolledAt: '2026-11-22T02:00:00Z' });
      expect(res.status).toBe(status);
      expect([await patrolCount(w.entA1.id), await lastPatrol(w.entA1.id)]).toEqual(before);
    });

    it('lets the town admin log a patrol in their town', async () => {
      const res = await post(w.adminA.auth, { enterpriseId: w.entA2.id, patrolledAt: '2026-11-21T02:00:00Z' });
      expect(res.status).toBe(201);
    });

    it('lists and reads only patrols in scope', async () => {
      const mine = await (await post(w.workerA1.auth, { enterpriseId: w.entA1.id })).json();
      const listA2 = await (await t.app.request('/v1/patrols?limit=500', { headers: w.workerA2.auth })).json();
      expect(listA2.items.every((p: { gridId: number }) => p.gridId === w.gridA2.id)).toBe(true);
      expect(listA2.items.length).toBeGreaterThan(0);
      const listA = await (await t.app.request(`/v1/patrols?enterpriseId=${w.entA1.id}`, { headers: w.adminA.auth })).json();
      expect(listA.items.some((p: { id: number }) => p.id === mine.patrol.id)).toBe(true);
      expect(listA.total).toBe(await patrolCount(w.entA1.id));
      for (const who of ['workerA2', 'adminB', 'deptUser'] as const) {
        expect((await t.app.request(`/v1/patrols/${mine.patrol.id}`, { headers: w[who].auth })).status).toBe(404);
      }
      const listB = await (await t.app.request(`/v1/patrols?townId=${w.townA.id}`, { headers: w.adminB.auth })).json();
      expect(listB.items).toEqual([]);
    });
  });
});
