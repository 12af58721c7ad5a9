import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { ctxFor, makeWorld } from './helpers/fixtures.js';
import { reportHazard, type ReportHazardInputT } from '../api/hazards/report.js';
import { hazardCounts, insertHazard, insertPhoto, post } from './helpers/hazards-fixtures.js';

describe('hazard input validation', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });

  const bad = () => {
    const e = w.entA1.id;
    return {
      'unknown field': { enterpriseId: e, description: '杂物', color: 'red' },
      'wrong type': { enterpriseId: String(e), description: '杂物' },
      'missing description': { enterpriseId: e },
      'empty description': { enterpriseId: e, description: '' },
      'blank description': { enterpriseId: e, description: '   ' },
      'too long description': { enterpriseId: e, description: '长'.repeat(501) },
      'deadline in the past': { enterpriseId: e, description: '杂物', deadline: '2026-11-22' },
      'impossible date': { enterpriseId: e, description: '杂物', deadline: '2026-02-30' },
      'deadline and days': { enterpriseId: e, description: '杂物', deadline: '2026-11-30', deadlineDays: 3 },
      'days out of range': { enterpriseId: e, description: '杂物', deadlineDays: 0 },
      'fixNow false': { enterpriseId: e, description: '杂物', fixNow: false },
      'bad level': { enterpriseId: e, description: '杂物', level: 'huge' },
      'ten photos': { enterpriseId: e, description: '杂物', photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
      'unknown photo': { enterpriseId: e, description: '杂物', photoIds: [999999] },
      'unknown check item': { enterpriseId: e, description: '杂物', checkItemId: 999999 },
      'unknown patrol': { enterpriseId: e, description: '杂物', patrolId: 999999 },
      'malformed JSON': '{"enterpriseId": 1, "description": ',
      'JSON array': '[]',
    } as Record<string, unknown>;
  };

  it('every bad report is 400 validation_failed with a Chinese message and writes nothing', async () => {
    const before = await hazardCounts(t.db);
    for (const [name, body] of Object.entries(bad())) {
      const res = await post(t.app, '/v1/hazards', w.workerA1, body);
      expect(res.status, name).toBe(400);
      const err = (await res.json()).error;
      expect(err.code, name).toBe('validation_failed');
      expect(err.message, name).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await hazardCounts(t.db)).toEqual(before);
  });

  it("a photo uploaded by someone else or already attached is refused", async () => {
    const others = await insertPhoto(t.db, w.workerA2.id);
    const res = await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: w.entA1.id, description: '他人照片', photoIds: [others.id] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].ids).toEqual([others.id]);
  });

  it('nine photos are accepted and all attached to the report event', async () => {
    const photos = await Promise.all(Array.from({ length: 9 }, () => insertPhoto(t.db, w.workerA1.id)));
    const res = await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: w.entA1.id, description: '九张照片的隐患', photoIds: photos.map((p) => p.id), force: true });
    expect(res.status).toBe(201);
    const { hazard } = await res.json();
    const detail = await (await t.app.request(`/v1/hazards/${hazard.id}`, { headers: w.workerA1.auth })).json();
    expect(detail.photos).toHaveLength(9);
    expect(new Set(detail.photos.map((p: { eventId: number }) => p.eventId))).toEqual(new Set([detail.timeline[0].id]));
  });

  it('bad transition bodies are 400 and write nothing', async () => {
    const rect = await insertHazard(t.db, w.entA1, w.workerA1.id, { status: 'rectifying' });
    const review = await insertHazard(t.db, w.entA1, w.workerA1.id, { status: 'review' });
    const reported = await insertHazard(t.db, w.entA1, w.workerA1.id, { status: 'reported' });
    const cases: [number, string, unknown][] = [
      [rect.id, 'rectify', {}],
      [rect.id, 'rectify', { note: '  ' }],
      [rect.id, 'rectify', { photoIds: [] }],
      [review.id, 'review', { pass: false }],
      [review.id, 'review', { pass: 'yes' }],
      [review.id, 'review', { pass: true, deadlineDays: 3 }],
      [review.id, 'review', { pass: false, reason: '不行', deadline: '2020-01-01' }],
      [reported.id, 'assign', { deadline: '2026-11-01' }],
      [reported.id, 'assign', { deadlineDays: 400 }],
      [reported.id, 'assign', { responsible: '张三', extra: 1 }],
      [reported.id, 'void', { reason: 'boring' }],
      [reported.id, 'whistle', {}],
      [reported.id, 'notes', { note: '' }],
    ];
    for (const [id, path, body] of cases) {
      const before = await hazardCounts(t.db, id);
      const res = await post(t.app, `/v1/hazards/${id}/${path}`, w.adminA, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect((await res.json()).error.code).toBe('validation_failed');
      expect(await hazardCounts(t.db, id)).toEqual(before);
    }
  });

  it('verbs called in-process (bot, jobs) apply the same input rules', async () => {
    const ctx = await ctxFor(t.deps, w.workerA1.id, 'dingtalk');
    const before = await hazardCounts(t.db);
    const bad = { enterpriseId: w.entA1.id, description: '   ' } as ReportHazardInputT;
    await expect(reportHazard(ctx, bad)).rejects.toMatchObject({ code: 'validation_failed' });
    const trimmed = await reportHazard(ctx, { enterpriseId: w.entA1.id, description: '  叉车刹车失灵  ', force: true });
    expect(trimmed.hazard.description).toBe('叉车刹车失灵');
    expect((await hazardCounts(t.db)).hazards).toBe(before.hazards + 1);
  });

  it('unknown hazards and departments are 404', async () => {
    expect((await post(t.app, '/v1/hazards/999999/assign', w.district, {})).status).toBe(404);
    expect((await t.app.request('/v1/hazards/YH20990101-0001', { headers: w.district.auth })).status).toBe(404);
    const h = await insertHazard(t.db, w.entA1, w.workerA1.id);
    expect((await post(t.app, `/v1/hazards/${h.id}/whistle`, w.district, { departmentId: 999999 })).status).toBe(404);
  });
});
