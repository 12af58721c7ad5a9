import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { makeEnterprise, makeGrid, makePerson, makeTown } from './helpers/fixtures.js';
import { sh } from './helpers/stats-world.js';
import { dueDay, intervalDays, isPatrolOverdue, loadPolicy } from '../api/patrols/policy.js';
import { shanghaiIsoDay } from '../lib/time.js';

type T = Awaited<ReturnType<typeof testApp>>;

describe('patrol due days', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });

  it('takes the interval from the class, capped by the risk colour', async () => {
    const policy = await loadPolicy(t.db);
    expect(intervalDays(policy, 'key', 'blue')).toBe(30);
    expect(intervalDays(policy, 'above', 'yellow')).toBe(60);
    expect(intervalDays(policy, 'below', 'orange')).toBe(14);
    expect(intervalDays(policy, 'below', 'red')).toBe(7);
    expect(intervalDays(policy, 'key', 'red')).toBe(7);
  });

  it('is due from registration when never patrolled, and from the last patrol\'s Shanghai day otherwise', async () => {
    const policy = await loadPolicy(t.db);
    const registeredAt = sh('2026-11-10T23:30');
    expect(shanghaiIsoDay(dueDay(policy, { class: 'key', riskColor: 'blue', registeredAt, lastPatrolAt: null }))).toBe('2026-11-10');
    // 23:30 Shanghai on 11-10 is still 11-10 there (15:30 UTC): due 30 days later, 12-10.
    expect(shanghaiIsoDay(dueDay(policy, { class: 'key', riskColor: 'blue', registeredAt, lastPatrolAt: sh('2026-11-10T23:30') }))).toBe('2026-12-10');
    expect(shanghaiIsoDay(dueDay(policy, { class: 'above', riskColor: 'red', registeredAt, lastPatrolAt: sh('2026-11-10T00:10') }))).toBe('2026-11-17');
    const now = sh('2026-11-17T09:00');
    expect(isPatrolOverdue(sh('2026-11-17T00:00'), now)).toBe(false);
    expect(isPatrolOverdue(sh('2026-11-16T00:00'), now)).toBe(true);
  });

  it('follows a policy edit at once: due days are derived, not stored', async () => {
    const town = await makeTown(t.db);
    const worker = await makePerson(t.db, 'worker', { townId: town.id });
    const grid = await makeGrid(t.db, town.id, worker.id);
    const district = await makePerson(t.db, 'district_admin');
    const ent = await makeEnterprise(t.db, grid, { class: 'below', riskColor: 'blue' });
    const logged = await t.app.request('/v1/patrols', {
      method: 'POST', headers: { ...worker.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ enterpriseId: ent.id, patrolledAt: sh('2026-11-01T10:00').toISOString() }),
    });
    expect((await logged.json()).nextDueDay).toBe('2027-01-30');
    const overdue = async () => (await (await t.app.request('/v1/stats/overdue', { headers: worker.auth })).json()).patrols.items;
    expect(await overdue()).toEqual([]);

    const put = await t.app.request('/v1/policy', {
      method: 'PUT', headers: { ...district.auth, 'content-type': 'application/json' }, body: JSON.stringify({ byClass: { below: 10 } }),
    });
    expect(put.status).toBe(200);
    expect((await put.json()).byClass.below).toBe(10);
    expect(await overdue()).toEqual([expect.objectContaining({ enterpriseId: ent.id, dueDay: '2026-11-11', overdueDays: 12 })]);

    // Restore the default so other tests in this file see SPEC §3 intervals.
    await t.app.request('/v1/policy', {
      method: 'PUT', headers: { ...district.auth, 'content-type': 'application/json' }, body: JSON.stringify({ byClass: { below: 90 } }),
    });
  });
});
