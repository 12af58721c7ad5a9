import { describe, it, expect } from 'vitest';
import { testDeps } from './helpers/deps.js';
import { makeWorld, ctxFor } from './helpers/fixtures.js';
import { reportHazard } from '../api/hazards/report.js';
import { whistleHazard } from '../api/hazards/whistle.js';
import { voidHazard } from '../api/hazards/void.js';
import { planUrgentAlert } from '../jobs/urgent-alert.js';
import { monthlyAssessment } from '../jobs/monthly-assessment.js';
import { defaultJobsConfig } from '../jobs/config.js';
import type { PlannedNotification } from '../jobs/types.js';

describe('jobs: fixes from review', () => {
  it('a whistle is urgent (breaks quiet hours) only for a major hazard or a red enterprise', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const worker = await ctxFor(t.deps, w.workerA1.id);
    const general = await reportHazard(worker, { enterpriseId: w.entA1.id, description: '消防通道堵塞' });
    const major = await reportHazard(worker, { enterpriseId: w.entA1.id, description: '粉尘涉爆场所积尘严重', level: 'major', force: true });
    for (const h of [general, major]) await whistleHazard(worker, { id: h.hazard.id }, { departmentId: w.fireDept.id });
    const plannedGeneral = await planUrgentAlert(t.db, { kind: 'whistle', hazardId: general.hazard.id });
    const plannedMajor = await planUrgentAlert(t.db, { kind: 'whistle', hazardId: major.hazard.id });
    expect(plannedGeneral.length).toBeGreaterThan(0);
    expect(plannedGeneral.every((p) => !p.urgent)).toBe(true);
    expect(plannedMajor.every((p) => p.urgent)).toBe(true);
  });

  it('the monthly assessment counts a 不属实 void by its reason, whatever its note says', async () => {
    const t = await testDeps({ now: '2026-11-10T02:00:00Z' });
    const w = await makeWorld(t.db);
    const h = await reportHazard(await ctxFor(t.deps, w.workerA1.id), { enterpriseId: w.entA1.id, description: '配电箱门未关' });
    await voidHazard(await ctxFor(t.deps, w.adminA.id), { id: h.hazard.id }, { reason: 'false_report' });
    const out: PlannedNotification[] = [];
    await monthlyAssessment({ db: t.db, now: new Date('2026-12-01T01:00:00Z'), config: defaultJobsConfig, outbox: { enqueue: async (p) => (out.push(...p), p.length) } });
    const text = out.map((p) => p.text).join('\n');
    expect(text).toMatch(new RegExp(`${w.workerA1.name}[^\\n]*不属实 ?[−-]1`));
  });
});
