import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { ctxFor, makeWorld } from './helpers/fixtures.js';
import { hazardCounts, insertHazard, post, whistleDirect } from './helpers/hazards-fixtures.js';
import { eq } from 'drizzle-orm';
import { HAZARD_STATUSES, hazardEvents, type HazardStatus } from '../db/schema/index.js';
import { rectifyHazard } from '../api/hazards/rectify.js';
import { STATUS_NAMES } from '../api/hazards/messages.js';

// SPEC §4, written out independently of api/hazards/lifecycle.ts so the two must agree.
const ALLOWED: Record<string, HazardStatus[]> = {
  assign: ['reported'],
  rectify: ['rectifying'],
  review_pass: ['review'],
  review_fail: ['review'],
  void: ['reported', 'rectifying'],
  whistle: ['reported', 'rectifying', 'review'],
  acknowledge: ['reported', 'rectifying', 'review'],
  notes: ['reported', 'rectifying', 'review'],
};
const NEXT: Record<string, Partial<Record<HazardStatus, HazardStatus>>> = {
  assign: { reported: 'rectifying' },
  rectify: { rectifying: 'review' },
  review_pass: { review: 'closed' },
  review_fail: { review: 'rectifying' },
  void: { reported: 'void', rectifying: 'void' },
};

describe('the status × action matrix', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });

  const request = (action: string) => {
    switch (action) {
      case 'assign': return { path: 'assign', body: { deadlineDays: 5 } };
      case 'rectify': return { path: 'rectify', body: { note: '已整改' } };
      case 'review_pass': return { path: 'review', body: { pass: true } };
      case 'review_fail': return { path: 'review', body: { pass: false, reason: '未整改到位' } };
      case 'void': return { path: 'void', body: { reason: 'false_report' } };
      case 'whistle': return { path: 'whistle', body: { departmentId: w.fireDept.id } };
      case 'acknowledge': return { path: 'acknowledge', body: {} };
      default: return { path: 'notes', body: { note: '补充说明' } };
    }
  };

  for (const action of Object.keys(ALLOWED)) {
    for (const status of HAZARD_STATUSES) {
      const allowed = ALLOWED[action].includes(status);
      it(`${action} on ${status} ${allowed ? 'is allowed' : 'is invalid_transition and writes nothing'}`, async () => {
        const h = await insertHazard(t.db, w.entA1, w.workerA1.id, { status, deadlineAt: new Date('2026-11-30T16:00:00Z') });
        if (action === 'acknowledge') await whistleDirect(t.db, h.id, w.fireDept.id, w.adminA.id);
        const actor = action === 'acknowledge' ? w.deptUser : w.district;
        const before = await hazardCounts(t.db, h.id);
        const { path, body } = request(action);
        const res = await post(t.app, `/v1/hazards/${h.id}/${path}`, actor, body);
        const json = await res.json();
        if (allowed) {
          expect(res.status).toBe(200);
          expect(json.status).toBe(NEXT[action]?.[status] ?? status);
          expect((await hazardCounts(t.db)).events).toBe(before.events + 1);
        } else {
          expect(res.status).toBe(409);
          expect(json.error.code).toBe('invalid_transition');
          expect(json.error.message).toContain(STATUS_NAMES[status]);
          expect(await hazardCounts(t.db, h.id)).toEqual(before);
        }
      });
    }
  }

  it('a lost race writes nothing: the guarded update matches no row', async () => {
    const h = await insertHazard(t.db, w.entA1, w.workerA1.id, { status: 'rectifying' });
    const ctx = await ctxFor(t.deps, w.workerA1.id);
    const results = await Promise.allSettled([
      rectifyHazard(ctx, { id: h.id }, { note: '第一次' }),
      rectifyHazard(ctx, { id: h.id }, { note: '第二次' }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    // Both read 'rectifying' before either wrote, so the loser is stopped by the guarded update.
    expect(failed.reason.code).toBe('conflict');
    const events = await t.db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, h.id));
    expect(events).toHaveLength(1);
  });
});
