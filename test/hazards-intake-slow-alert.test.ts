import { describe, it, expect } from 'vitest';
import { testDeps } from './helpers/deps.js';
import { ctxFor, makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { reportHazard } from '../api/hazards/report.js';

describe('one slow urgent alert holds up every later report', () => {
  it('a general report after a major one whose alert is slow still completes', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const ent = await makeEnterprise(t.db, w.gridA1);
    // The notifier's outbox write is stuck (remote database stalled, lock held by a long job...).
    const deps = { ...t.deps, notifier: { ...t.deps.notifier, urgent: () => new Promise<void>(() => {}) } };
    const ctx = await ctxFor(deps as never, w.workerA1.id);
    void reportHazard(ctx, { enterpriseId: w.entA1.id, description: '配电箱未接地', level: 'major' });
    await new Promise((r) => setTimeout(r, 50));
    const second = await Promise.race([
      reportHazard(ctx, { enterpriseId: ent.id, description: '灭火器过期' }).then(() => 'done'),
      new Promise((r) => setTimeout(() => r('still waiting after 2 s'), 2000)),
    ]);
    expect(second).toBe('done');
  });
});
