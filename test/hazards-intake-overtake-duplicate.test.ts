import { describe, it, expect } from 'vitest';
import { testDeps } from './helpers/deps.js';
import { ctxFor, makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { insertPhoto } from './helpers/hazards-fixtures.js';
import { reportHazard, type ReportHazardInputT } from '../api/hazards/report.js';

async function scenario(together: boolean) {
  const t = await testDeps();
  const w = await makeWorld(t.db);
  const ent = await makeEnterprise(t.db, w.gridA1);
  const a1 = await ctxFor(t.deps, w.workerA1.id);
  const admin = await ctxFor(t.deps, w.adminA.id);
  const p1 = (await insertPhoto(t.db, w.workerA1.id)).id;
  const reports: [typeof a1, ReportHazardInputT][] = [
    [a1, { enterpriseId: w.entB1.id, description: '灭火器过期', photoIds: [p1] }], // wrong enterprise: refused
    [a1, { enterpriseId: ent.id, description: '灭火器过期', photoIds: [p1] }],     // the corrected report, with its photo
    [admin, { enterpriseId: ent.id, description: '灭火器过期。' }],                  // a colleague reports the same thing
  ];
  const show = (p: Promise<any>) => p.then((r) => `ok created=${r.created} photos=${r.hazard.photoCount ?? '?'}`, (e) => `error ${e.code}`);
  if (together) return Promise.all(reports.map(([c, r]) => show(reportHazard(c, r))));
  const out: string[] = [];
  for (const [c, r] of reports) out.push(await show(reportHazard(c, r)));
  return out;
}

describe('a report deferred for a shared photo is overtaken by a near-duplicate', () => {
  it('same outcomes together as one after another', async () => {
    const alone = await scenario(false);
    const together = await scenario(true);
    expect(together).toEqual(alone);
  });
});
