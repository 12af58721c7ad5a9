import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { makeStatsWorld } from './helpers/stats-world.js';

type T = Awaited<ReturnType<typeof testApp>>;
type W = Awaited<ReturnType<typeof makeStatsWorld>>;

// now = 2026-11-23 10:00 Shanghai. Overdue hazards: H10 (deadline 11-05, 18 days), H1 (11-20, 3 days), H7 (town
// B, 11-22, 1 day). Overdue patrols: E1 (due 10-31, 23 days), E4 (never patrolled, registered 11-10, 13 days);
// E5 is due today, which is not yet overdue.
describe('stats: overdue and major lists', () => {
  let t: T;
  let w: W;
  beforeAll(async () => {
    t = await testApp();
    w = await makeStatsWorld(t.db);
  });
  const get = async (auth: Record<string, string>, path: string) => {
    const res = await t.app.request(path, { headers: auth });
    return { status: res.status, body: await res.json() };
  };

  it('lists the town\'s most overdue hazards and patrols first', async () => {
    const { status, body } = await get(w.adminA.auth, '/v1/stats/overdue');
    expect(status).toBe(200);
    expect(body.hazards.total).toBe(2);
    expect(body.hazards.items.map((h: { code: string; overdueDays: number }) => [h.code, h.overdueDays])).toEqual([[w.h10.code, 18], [w.h1.code, 3]]);
    expect(body.patrols.total).toBe(2);
    expect(body.patrols.items.map((p: { enterpriseId: number; overdueDays: number; dueDay: string }) => [p.enterpriseId, p.overdueDays, p.dueDay]))
      .toEqual([[w.e1.id, 23, '2026-10-31'], [w.e4.id, 13, '2026-11-10']]);
    expect(body.patrols.items[1].lastPatrolAt).toBeNull();
  });

  it('covers the whole district for the district admin and honours the limit', async () => {
    const { body } = await get(w.district.auth, '/v1/stats/overdue?limit=2');
    expect(body.hazards.total).toBe(3);
    expect(body.hazards.items.map((h: { code: string }) => h.code)).toEqual([w.h10.code, w.h1.code]);
    const b = await get(w.district.auth, `/v1/stats/overdue?townId=${w.townB.id}`);
    expect(b.body.hazards.items.map((h: { code: string; overdueDays: number }) => [h.code, h.overdueDays])).toEqual([[w.h7.code, 1]]);
    expect(b.body.patrols.total).toBe(0);
  });

  it('keeps a worker to their grids and refuses other towns', async () => {
    const mine = await get(w.w2.auth, '/v1/stats/overdue');
    expect(mine.body.hazards.total).toBe(0);
    expect(mine.body.patrols.items.map((p: { enterpriseId: number }) => p.enterpriseId)).toEqual([w.e4.id]);
    expect((await get(w.adminB.auth, `/v1/stats/overdue?townId=${w.townA.id}`)).status).toBe(403);
    expect((await get(w.w1.auth, `/v1/stats/overdue?gridId=${w.g2.id}`)).status).toBe(403);
  });

  it('lists open major hazards oldest first, in scope', async () => {
    const { body } = await get(w.adminA.auth, '/v1/stats/major');
    expect(body.total).toBe(3);
    // Oldest report first (ids follow report time in real use).
    expect(body.items.map((h: { code: string }) => h.code)).toEqual([w.h2.code, w.h6.code, w.h8.code]);
    expect((await get(w.adminB.auth, '/v1/stats/major')).body.total).toBe(0);
    const dept = await get(w.deptUser.auth, '/v1/stats/major');
    expect(dept.body.items.map((h: { code: string }) => h.code)).toEqual([w.h2.code]);
  });
});
