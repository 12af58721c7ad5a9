import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { ctxFor } from './helpers/fixtures.js';
import { makeStatsWorld, sh } from './helpers/stats-world.js';
import { statsSummary } from '../api/stats/summary.js';

type T = Awaited<ReturnType<typeof testApp>>;
type W = Awaited<ReturnType<typeof makeStatsWorld>>;

// Expected figures worked out by hand from test/helpers/stats-world.ts; now = Mon 2026-11-23 10:00.
// November, town A:
//   patrols done: E2 11-05 (late: due 10-31), E3 11-02 (registration day: on time), E3 11-09 (due 11-09: on
//   time), E3 11-20 (due 11-16: late), E6 11-01 (due 11-14: on time) → done 5, on time 3.
//   outstanding: E1 (due 10-31), E4 (never patrolled, registered 11-10), E5 (registered today: due today) → 3.
//   due = 5 + 3 = 8, completion 3/8.
//   hazards found (not void): H1 H2 H3 H8 H10 = 5; closed: H3 (on time) H4 (late) = 2; open: H1 H2 H6 H8 H10
//   = 5; overdue: H1 H10 = 2; major open: H2 H6 H8 = 3.
// November, town B: E7 11-10 on time (due 11-19) → due 1, done 1; H7 found, open, overdue.
describe('stats summary', () => {
  let t: T;
  let w: W;
  beforeAll(async () => {
    t = await testApp();
    w = await makeStatsWorld(t.db);
  });
  const get = async (auth: Record<string, string>, query: string) => {
    const res = await t.app.request(`/v1/stats/summary?${query}`, { headers: auth });
    return { status: res.status, body: await res.json() };
  };

  it('gives a town admin their town this month, broken down by grid', async () => {
    const { status, body } = await get(w.adminA.auth, 'period=本月');
    expect(status).toBe(200);
    expect(body.scope).toMatchObject({ label: w.townA.name, townId: w.townA.id });
    expect(body.period).toMatchObject({ from: sh('2026-11-01T00:00').toISOString(), to: sh('2026-12-01T00:00').toISOString(), label: '本月' });
    expect(body.patrols).toEqual({ due: 8, done: 5, onTime: 3, completionRate: 0.375 });
    expect(body.hazards).toEqual({ found: 5, closed: 2, closedOnTime: 1, open: 5, overdue: 2, majorOpen: 3 });
    expect(body.breakdown).toBe('grid');
    const [g1, g2] = body.rows;
    expect(g1).toMatchObject({ id: w.g1.id, patrols: { due: 5, done: 4, onTime: 2, completionRate: 0.4 } });
    expect(g1.hazards).toEqual({ found: 5, closed: 2, closedOnTime: 1, open: 4, overdue: 2, majorOpen: 2 });
    expect(g2).toMatchObject({ id: w.g2.id, patrols: { due: 3, done: 1, onTime: 1, completionRate: 0.333 } });
    expect(g2.hazards).toEqual({ found: 0, closed: 0, closedOnTime: 0, open: 1, overdue: 0, majorOpen: 1 });
  });

  it('gives the district every town', async () => {
    const { body } = await get(w.district.auth, '');
    expect(body.scope.label).toBe('全区');
    expect(body.patrols).toEqual({ due: 9, done: 6, onTime: 4, completionRate: 0.444 });
    expect(body.hazards).toEqual({ found: 6, closed: 2, closedOnTime: 1, open: 6, overdue: 3, majorOpen: 3 });
    expect(body.breakdown).toBe('town');
    expect(body.rows.find((r: { id: number }) => r.id === w.townB.id)).toMatchObject({
      patrols: { due: 1, done: 1, onTime: 1, completionRate: 1 },
      hazards: { found: 1, open: 1, overdue: 1, majorOpen: 0 },
    });
  });

  it('counts a past month by what was done then and what is still outstanding', async () => {
    // October, town A: only E1 was patrolled (10-01, its first patrol: due on its registration day → late);
    // E1 is still unpatrolled since its 10-31 due day → outstanding at the month end.
    const { body } = await get(w.adminA.auth, 'period=上月');
    expect(body.patrols).toEqual({ due: 2, done: 1, onTime: 0, completionRate: 0 });
    expect(body.hazards).toMatchObject({ found: 2, closed: 0 });
  });

  it('takes an explicit day range, both ends inclusive', async () => {
    const { body } = await get(w.district.auth, `townId=${w.townA.id}&from=2026-11-01&to=2026-11-05`);
    // E3 11-02 (on time), E6 11-01 (on time), E2 11-05 (late); outstanding as of 11-06: E1 only.
    expect(body.patrols).toEqual({ due: 4, done: 3, onTime: 2, completionRate: 0.5 });
    expect(body.hazards.found).toBe(2); // H3 11-03, H10 11-01
  });

  it('answers a worker about their own grids and one of them', async () => {
    const mine = await get(w.w2.auth, '');
    expect(mine.body.scope.label).toBe('我的网格');
    expect(mine.body.patrols).toEqual({ due: 3, done: 1, onTime: 1, completionRate: 0.333 });
    const one = await get(w.w1.auth, `gridId=${w.g1.id}`);
    expect(one.body.patrols.due).toBe(5);
    expect(one.body.rows).toEqual([]);
  });

  it('shows a department only the hazards whistled to it', async () => {
    const { status, body } = await get(w.deptUser.auth, '');
    expect(status).toBe(200);
    expect(body.patrols).toEqual({ due: 0, done: 0, onTime: 0, completionRate: 1 });
    expect(body.hazards).toEqual({ found: 1, closed: 0, closedOnTime: 0, open: 1, overdue: 0, majorOpen: 1 });
  });

  describe('scope and errors', () => {
    it.each([
      ['a town admin asking about another town', 'adminA', 'townB'],
      ['a worker asking about a town', 'w1', 'townA'],
    ] as const)('%s → 403', async (_n, who, town) => {
      const { status, body } = await get(w[who].auth, `townId=${w[town].id}`);
      expect(status).toBe(403);
      expect(body.error.code).toBe('forbidden');
    });
    it('refuses a worker another worker\'s grid and a town admin another town\'s grid', async () => {
      expect((await get(w.w1.auth, `gridId=${w.g2.id}`)).status).toBe(403);
      expect((await get(w.adminB.auth, `gridId=${w.g1.id}`)).status).toBe(403);
    });
    it.each(['period=下辈子', 'from=2026-11-05&to=2026-11-01', 'from=2026-11-05', 'period=本月&extra=1'])('%s → 400', async (q) => {
      expect((await get(w.district.auth, q)).status).toBe(400);
    });
    it('reports an unknown town as not found', async () => {
      expect((await get(w.district.auth, 'townId=999999')).status).toBe(404);
    });
  });

  it('serves the same figures to in-process callers (chat)', async () => {
    const ctx = await ctxFor(t.deps, w.adminA.id, 'dingtalk');
    const r = await statsSummary(ctx, { from: sh('2026-11-01T00:00'), to: sh('2026-12-01T00:00') });
    expect(r.patrols.due).toBe(8);
  });
});
