import { describe, it, expect } from 'vitest';
import { asc, like } from 'drizzle-orm';
import { notifications } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { ctxFor, makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { outboxNotifier } from '../jobs/urgent-alert.js';
import { reportHazard } from '../api/hazards/report.js';
import { correctReport } from '../api/hazards/correct.js';

// What the admins hear when the reporter corrects a report within its 10 minutes (SPEC §5).
async function setup() {
  let at = Date.parse('2026-12-03T02:00:00Z');
  const t = await testDeps({ clock: () => new Date(at) });
  const w = await makeWorld(t.db);
  const deps = { ...t.deps, notifier: outboxNotifier({ db: t.db, clock: t.deps.clock }) };
  const worker = await ctxFor(deps, w.workerA1.id);
  const queued = (kind: string) =>
    t.db.select().from(notifications).where(like(notifications.kind, kind)).orderBy(asc(notifications.personId));
  return { t, w, deps, worker, queued, advance: (ms: number) => void (at += ms) };
}

describe('alerts after a correction', () => {
  it('改成重大 alerts the town and district admins at once, as a major report does, and only once', async () => {
    const { w, worker, queued } = await setup();
    const { hazard } = await reportHazard(worker, { enterpriseId: w.entA1.id, description: '危化品仓库门口堆放纸箱' });
    expect(await queued('urgent_major_hazard')).toHaveLength(0);
    await correctReport(worker, { id: hazard.id }, { level: 'major' });
    const alerts = await queued('urgent_major_hazard');
    expect(alerts.map((a) => a.personId).sort()).toEqual([w.adminA.id, w.district.id].sort());
    expect(alerts.every((a) => a.urgent)).toBe(true);
    // The admin of another town hears nothing; a second correction to a deadline alerts nobody again.
    expect(alerts.map((a) => a.personId)).not.toContain(w.adminB.id);
    await correctReport(worker, { id: hazard.id }, { deadlineDays: 3 });
    expect(await queued('urgent_major_hazard')).toHaveLength(2);
  });

  it('a major report made general, or withdrawn, is announced to exactly those who got the alarm', async () => {
    const { w, worker, queued, advance } = await setup();
    const { hazard } = await reportHazard(worker, { enterpriseId: w.entA1.id, description: '配电房漏水', level: 'major' });
    const alarm = await queued('urgent_major_hazard');
    expect(alarm).toHaveLength(2);
    await correctReport(worker, { id: hazard.id }, { level: 'general' });
    const general = await queued('urgent_major_corrected');
    expect(general.map((n) => n.personId)).toEqual(alarm.map((a) => a.personId));
    expect(general[0].text).toContain('上报人已更正为一般隐患');
    expect(general[0].text).toContain(hazard.code);

    const second = await reportHazard(worker, { enterpriseId: w.entA1.id, description: '气瓶倒放在配电箱旁', level: 'major' });
    advance(60_000);
    await correctReport(worker, { id: second.hazard.id }, { withdraw: true });
    const all = await queued('urgent_major_corrected');
    expect(all.filter((n) => n.text.includes('上报人已撤回此隐患'))).toHaveLength(2);
  });

  it('a general report moved or made general again alarms nobody', async () => {
    const { t, w, worker, queued } = await setup();
    const other = await makeEnterprise(t.db, w.gridA1, { name: '常州恒泰纺织有限公司', shortName: '恒泰' });
    const { hazard } = await reportHazard(worker, { enterpriseId: w.entA1.id, description: '消防通道堵塞' });
    await correctReport(worker, { id: hazard.id }, { enterpriseId: other.id });
    await correctReport(worker, { id: hazard.id }, { withdraw: true });
    expect(await queued('urgent_%')).toHaveLength(0);
  });
});
