import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { ctxFor } from './helpers/fixtures.js';
import { makeStatsWorld } from './helpers/stats-world.js';
import { assessment, DEFAULT_ASSESSMENT_WEIGHTS } from '../api/stats/assessment.js';

type T = Awaited<ReturnType<typeof testApp>>;
type W = Awaited<ReturnType<typeof makeStatsWorld>>;

// November 2026 by hand (see stats-summary.test.ts for the patrol figures):
//   W1: done 4 (on time 2) + outstanding E1 → due 5, rate 0.4; major verified H8 (H2 is still only reported);
//       H9 voided as duplicate does not count → score 100×0.4 + 5×1 = 45.
//   W2: done 1 (on time) + outstanding E4, E5 → due 3, rate 0.333; H5 voided as 不属实 → 33.3 − 10 = 23.3.
//   W3 (town B): due 1, on time 1 → 100.
describe('monthly assessment', () => {
  let t: T;
  let w: W;
  beforeAll(async () => {
    t = await testApp();
    w = await makeStatsWorld(t.db);
  });
  const get = async (auth: Record<string, string>, query: string) => {
    const res = await t.app.request(`/v1/stats/assessment?${query}`, { headers: auth });
    return { status: res.status, body: await res.json() };
  };

  it('scores each worker of the town on work done', async () => {
    const { status, body } = await get(w.adminA.auth, 'month=2026-11');
    expect(status).toBe(200);
    expect(body.weights).toEqual(DEFAULT_ASSESSMENT_WEIGHTS);
    expect(body.rows).toEqual([
      { personId: w.w1.id, name: w.w1.name, patrolsDue: 5, patrolsDone: 4, patrolsOnTime: 2, completionRate: 0.4, majorVerified: 1, falseReports: 0, score: 45 },
      { personId: w.w2.id, name: w.w2.name, patrolsDue: 3, patrolsDone: 1, patrolsOnTime: 1, completionRate: 0.333, majorVerified: 0, falseReports: 1, score: 23.3 },
    ]);
  });

  it('covers every town for the district, or one when asked', async () => {
    const all = await get(w.district.auth, 'month=2026-11');
    expect(all.body.rows.map((r: { personId: number }) => r.personId)).toEqual([w.w3.id, w.w1.id, w.w2.id]);
    const b = await get(w.district.auth, `month=2026-11&townId=${w.townB.id}`);
    expect(b.body.rows).toEqual([expect.objectContaining({ personId: w.w3.id, patrolsDue: 1, patrolsOnTime: 1, score: 100 })]);
  });

  it('takes a district\'s own weights', async () => {
    const ctx = await ctxFor(t.deps, w.adminA.id);
    const r = await assessment(ctx, { month: '2026-11' }, { completion: 50, majorBonus: 10, falsePenalty: 0 });
    expect(r.rows.find((x) => x.personId === w.w1.id)!.score).toBe(30);
  });

  it('is for admins only, each within their town', async () => {
    expect((await get(w.w1.auth, 'month=2026-11')).status).toBe(403);
    expect((await get(w.deptUser.auth, 'month=2026-11')).status).toBe(403);
    expect((await get(w.adminB.auth, `month=2026-11&townId=${w.townA.id}`)).status).toBe(403);
    expect((await get(w.adminA.auth, 'month=2026-13')).status).toBe(400);
    expect((await get(w.adminA.auth, '')).status).toBe(400);
  });
});
