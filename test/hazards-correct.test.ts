import { describe, it, expect } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, TEST_NOW } from './helpers/deps.js';
import { makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { post, reportVia } from './helpers/hazards-fixtures.js';
import { hazardEvents, hazards } from '../db/schema/index.js';

// POST /v1/hazards/{id}/correct: the reporter's own correction within 10 minutes, while nobody has acted on it.
describe('correcting a report', () => {
  async function world() {
    let now = Date.parse(TEST_NOW);
    const t = await testApp({ clock: () => new Date(now) });
    const w = await makeWorld(t.db);
    return { t, w, advance: (ms: number) => void (now += ms) };
  }

  it('the reporter changes level, deadline and enterprise, each an append-only correct event', async () => {
    const { t, w } = await world();
    const second = await makeEnterprise(t.db, w.gridA1, { name: '常州恒泰纺织有限公司', shortName: '恒泰' });
    const h = await reportVia(t.app, w.workerA1, { enterpriseId: w.entA1.id, description: '灭火器过期', deadlineDays: 3 });
    const moved = await post(t.app, `/v1/hazards/${h.id}/correct`, w.workerA1, { enterpriseId: second.id });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ enterprise: { id: second.id }, status: 'rectifying' });
    // A worker's major hazard: the deadline becomes a suggestion for the admin, not lost.
    const major = await (await post(t.app, `/v1/hazards/${h.id}/correct`, w.workerA1, { level: 'major' })).json();
    expect(major).toMatchObject({ level: 'major', deadline: null, status: 'reported' });
    const back = await (await post(t.app, `/v1/hazards/${h.id}/correct`, w.workerA1, { level: 'general' })).json();
    expect(back).toMatchObject({ level: 'general', status: 'rectifying', deadlineDay: '2026-11-26' });
    const events = await t.db.select().from(hazardEvents).where(and(eq(hazardEvents.hazardId, h.id), eq(hazardEvents.action, 'correct')));
    expect(events.map((e) => e.data)).toMatchObject([
      { enterpriseId: second.id, previousEnterpriseId: w.entA1.id },
      { level: 'major', previousLevel: 'general', suggestedDeadline: expect.stringMatching(/^2026-11-26/) },
      { level: 'general', previousLevel: 'major' },
    ]);
  });

  it('refuses another person, an enterprise out of scope, a late correction and a report already acted on', async () => {
    const { t, w, advance } = await world();
    const h = await reportVia(t.app, w.workerA1, { enterpriseId: w.entA1.id, description: '配电箱未接地' });
    const other = await post(t.app, `/v1/hazards/${h.id}/correct`, w.adminA, { level: 'major' });
    expect(other.status).toBe(403);
    const outside = await post(t.app, `/v1/hazards/${h.id}/correct`, w.workerA1, { enterpriseId: w.entB1.id });
    expect(outside.status).toBe(404);
    expect((await post(t.app, `/v1/hazards/${h.id}/assign`, w.adminA, { deadlineDays: 7 })).status).toBe(200);
    const acted = await post(t.app, `/v1/hazards/${h.id}/correct`, w.workerA1, { withdraw: true });
    expect(acted.status).toBe(409);
    expect((await acted.json()).error.message).toContain('已有人处理');

    const late = await reportVia(t.app, w.workerA1, { enterpriseId: w.entA1.id, description: '安全出口锁闭' });
    advance(11 * 60_000);
    const tooLate = await post(t.app, `/v1/hazards/${late.id}/correct`, w.workerA1, { withdraw: true });
    expect(tooLate.status).toBe(409);
    expect((await tooLate.json()).error.message).toContain('超过 10 分钟');
    const rows = await t.db.select().from(hazards).where(eq(hazards.id, late.id));
    expect(rows[0].status).toBe('reported');
    expect((await post(t.app, `/v1/hazards/${late.id}/correct`, w.workerA1, {})).status).toBe(400);
  });
});
