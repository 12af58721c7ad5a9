import { describe, it, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, testDeps } from './helpers/deps.js';
import { makeWorld, ctxFor } from './helpers/fixtures.js';
import { post } from './helpers/hazards-fixtures.js';
import { makeHazard, sh } from './helpers/jobs-fixtures.js';
import { monthlyAssessment } from '../jobs/monthly-assessment.js';
import { planUrgentAlert } from '../jobs/urgent-alert.js';
import { jobsConfig } from '../jobs/config.js';
import { dryRunOutbox } from '../jobs/outbox/enqueue.js';
import { assessment } from '../api/stats/assessment.js';

describe('probe', () => {
  it('monthly job counts API false_report voids', async () => {
    const t = await testApp({ now: '2026-11-10T02:00:00Z' });
    const w = await makeWorld(t.db);
    const res = await post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: w.entA1.id, description: '乱七八糟的东西' });
    const h = (await res.json()).hazard;
    const v = await post(t.app, `/v1/hazards/${h.id}/void`, w.adminA, { reason: 'false_report' });
    console.log('void status', v.status, (await v.json()).status);
    const out = dryRunOutbox();
    await monthlyAssessment({ db: t.db, now: new Date('2026-12-01T01:00:00Z'), config: jobsConfig(), outbox: out });
    console.log(out.rows.map((r) => r.text).join('\n----\n'));
    const api = await assessment(await ctxFor(t.deps, w.district.id), { month: '2026-11' });
    console.log(JSON.stringify(api.rows.filter((r) => r.personId === w.workerA1.id)));
  });
  it('whistle alert of general hazard is urgent', async () => {
    const t = await testApp({ now: '2026-11-23T14:30:00Z' }); // 22:30 Shanghai
    const w = await makeWorld(t.db);
    const h = await makeHazard(t.db, { id: w.entA1.id, gridId: w.gridA1.id, townId: w.townA.id }, w.workerA1.id, { status: 'reported' });
    const r = await post(t.app, `/v1/hazards/${h.id}/whistle`, w.workerA1, { departmentId: w.fireDept.id });
    console.log('whistle', r.status, JSON.stringify(t.notifier));
    const planned = await planUrgentAlert(t.db, { kind: 'whistle', hazardId: h.id });
    console.log(planned.map((p) => [p.personId, p.urgent, p.kind]));
  });
});
