import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { makeStatsWorld, endOf, sh } from './helpers/stats-world.js';
import { hazards } from '../db/schema/index.js';

type T = Awaited<ReturnType<typeof testApp>>;
type W = Awaited<ReturnType<typeof makeStatsWorld>>;

describe('我的任务 per role', () => {
  let t: T;
  let w: W;
  let review: { id: number; code: string };
  let soon: { id: number; code: string };
  beforeAll(async () => {
    t = await testApp();
    w = await makeStatsWorld(t.db);
    const base = { gridId: w.e2.gridId, townId: w.e2.townId, enterpriseId: w.e2.id, reporterId: w.w1.id, level: 'general' as const, updatedAt: sh('2026-11-21T10:00') };
    [review] = await t.db.insert(hazards).values({ ...base, code: 'YH20261121-T001', description: '整改完成待复查', status: 'review', reportedAt: sh('2026-11-19T10:00') }).returning();
    // Deadline the day after tomorrow: inside the 2-day window; another a week out is not.
    [soon] = await t.db.insert(hazards).values({ ...base, code: 'YH20261121-T002', description: '护栏松动', status: 'rectifying', reportedAt: sh('2026-11-21T10:00'), deadlineAt: endOf('2026-11-25') }).returning();
    await t.db.insert(hazards).values({ ...base, code: 'YH20261121-T003', description: '标识缺失', status: 'rectifying', reportedAt: sh('2026-11-21T10:00'), deadlineAt: endOf('2026-11-30') });
  });
  const tasks = async (auth: Record<string, string>) => {
    const res = await t.app.request('/v1/me/tasks', { headers: auth });
    expect(res.status).toBe(200);
    return res.json();
  };
  const codes = (s: { items: { code: string }[] }) => s.items.map((h) => h.code);

  it('gives a worker their due patrols, near-deadline hazards and general reviews', async () => {
    const mine = await tasks(w.w1.auth);
    expect(mine.patrolsDue).toEqual({ total: 1, items: [{ enterpriseId: w.e1.id, enterpriseName: w.e1.name, dueDay: '2026-10-31', overdueDays: 23 }] });
    expect(codes(mine.hazardsDueSoon)).toEqual([w.h10.code, w.h1.code, soon.code]);
    expect(mine.hazardsDueSoon.items.map((h: { overdue: boolean }) => h.overdue)).toEqual([true, true, false]);
    expect(codes(mine.reviews)).toEqual([review.code]);
    expect(mine.toAssign.total).toBe(0);
    // Everything open in the grid, due soon or not: h1, h2, h8, h10 and the three above (closed and void ones out).
    expect(mine.openHazards).toBe(7);
  });

  it('includes enterprises due today for a worker, after the overdue ones', async () => {
    const mine = await tasks(w.w2.auth);
    expect(mine.patrolsDue.items.map((p: { enterpriseId: number; overdueDays: number }) => [p.enterpriseId, p.overdueDays])).toEqual([[w.e4.id, 13], [w.e5.id, 0]]);
    // H6 awaits review but is major: that review is for admins.
    expect(mine.reviews.total).toBe(0);
    // Only H6 is open in w2's grid: the seven of w1's grid, in the same town, are not counted.
    expect(mine.openHazards).toBe(1);
  });

  it('gives a town admin the hazards to assign and the major reviews of their town only', async () => {
    const a = await tasks(w.adminA.auth);
    expect(codes(a.toAssign)).toEqual([w.h2.code]);
    expect(codes(a.reviews)).toEqual([w.h6.code]);
    expect(a.patrolsDue.total).toBe(0);
    expect(a.openHazards).toBe(8);
    const b = await tasks(w.adminB.auth);
    expect(b.toAssign.total + b.reviews.total).toBe(0);
    expect(b.openHazards).toBe(1);
  });

  it('gives a department the whistled hazards it has not reported in on', async () => {
    const d = await tasks(w.deptUser.auth);
    expect(codes(d.toAcknowledge)).toEqual([w.h2.code]);
    expect(d.reviews.total).toBe(0);
    expect(d.openHazards).toBeNull();
  });
});
