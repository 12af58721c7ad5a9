import { describe, it, expect } from 'vitest';
import { testDeps } from './helpers/deps.js';
import { ctxFor, makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { insertPhoto } from './helpers/hazards-fixtures.js';
import { reportHazard, type ReportHazardInputT } from '../api/hazards/report.js';

async function scenario(together: boolean) {
  const t = await testDeps();
  const w = await makeWorld(t.db);
  const e2 = await makeEnterprise(t.db, w.gridA1);
  const e3 = await makeEnterprise(t.db, w.gridA1);
  const ctx = await ctxFor(t.deps, w.workerA1.id);
  const p1 = (await insertPhoto(t.db, w.workerA1.id)).id;
  const reports: ReportHazardInputT[] = [
    { enterpriseId: w.entA1.id, description: '消防通道堵塞', photoIds: [p1], source: { platform: 'dingtalk', messageId: 'm1' } },
    { enterpriseId: e2.id, description: '配电箱未接地', photoIds: [p1], source: { platform: 'dingtalk', messageId: 'm2' } },
    { enterpriseId: e3.id, description: '灭火器过期', source: { platform: 'dingtalk', messageId: 'm2' } },
  ];
  const show = (p: Promise<any>) => p.then((r) => `ok created=${r.created} "${r.hazard.description}"`, (e) => `error ${e.code}`);
  if (together) return Promise.all(reports.map((r) => show(reportHazard(ctx, r))));
  const out: string[] = [];
  for (const r of reports) out.push(await show(reportHazard(ctx, r)));
  return out;
}

describe('a report deferred for a shared key keeps its place for its other keys', () => {
  it('same outcomes together as one after another', async () => {
    const alone = await scenario(false);
    const together = await scenario(true);
    expect(together).toEqual(alone);
  });
});
