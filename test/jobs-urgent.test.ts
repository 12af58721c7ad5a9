import { describe, it, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDeps } from './helpers/deps.js';
import { ctxFor, makeWorld } from './helpers/fixtures.js';
import { addIdentity, fakeSender, makeHazard, sh } from './helpers/jobs-fixtures.js';
import { hazardDepartments, notifications } from '../db/schema/index.js';
import { outboxNotifier } from '../jobs/urgent-alert.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import { dbOutbox } from '../jobs/outbox/enqueue.js';
import { fixedClock } from '../lib/clock.js';
import { reportHazard } from '../api/hazards/report.js';

async function world(at: Date) {
  const t = await testDeps({ now: at.toISOString() });
  const w = await makeWorld(t.db);
  const ids = new Map<number, string>();
  for (const p of [w.workerA1, w.adminA, w.adminB, w.district, w.deptUser]) ids.set(p.id, await addIdentity(t.db, p.id, 'dingtalk'));
  return { t, w, ids };
}

describe('urgent alerts through the outbox', () => {
  it('alerts the town and district admins of a major hazard at once, also at 02:00', async () => {
    const night = sh(24, 2, 0);
    const { t, w, ids } = await world(night);
    // A routine digest waiting from the day before must stay held at night.
    await dbOutbox(t.db).enqueue([{ dedupeKey: 'digest:x', personId: w.workerA1.id, kind: 'digest', urgent: false, title: '今日待办', text: '巡查', expiresAt: null }], night);
    const h = await makeHazard(t.db, w.entA1, w.workerA1.id, { level: 'major', description: '液氨储罐区无喷淋' });
    let kicked = 0;
    const notifier = outboxNotifier({ db: t.db, clock: fixedClock(night), onEnqueued: () => kicked++ });
    await notifier.urgent({ kind: 'major_hazard', hazardId: h.id });
    await notifier.urgent({ kind: 'major_hazard', hazardId: h.id });
    expect(kicked).toBe(1);
    const ding = fakeSender('dingtalk', { batch: true });
    const r = await drainOutbox({ db: t.db, senders: { dingtalk: ding }, now: night });
    expect(r).toMatchObject({ sent: 2, held: 1 });
    expect(ding.sent.flatMap((s) => s.to).sort()).toEqual([ids.get(w.adminA.id), ids.get(w.district.id)].sort());
    expect(ding.sent[0].message.text).toContain('【紧急】重大隐患');
    expect(ding.sent[0].message.text).toContain(h.code);
  });

  it('includes the whistled departments in a whistle alert, once per whistle', async () => {
    const { t, w, ids } = await world(sh(23, 10));
    const h = await makeHazard(t.db, w.entB1, w.workerB1.id);
    await t.db.insert(hazardDepartments).values({ hazardId: h.id, departmentId: w.fireDept.id, whistledAt: sh(23, 10), whistledBy: w.adminB.id });
    const notifier = outboxNotifier({ db: t.db, clock: fixedClock(sh(23, 10)) });
    await notifier.urgent({ kind: 'whistle', hazardId: h.id });
    await notifier.urgent({ kind: 'whistle', hazardId: h.id });
    const rows = await t.db.select().from(notifications).where(sql`${notifications.kind} = 'urgent_whistle'`);
    expect(rows.map((r) => r.personId).sort()).toEqual([w.adminB.id, w.district.id, w.deptUser.id].sort());
    expect(rows.every((r) => r.urgent && r.expiresAt === null)).toBe(true);
    expect(rows[0].text).toContain('已吹哨');
    expect(ids.size).toBe(5);
  });

  it('is what the report verb calls: a major report enqueues alerts without failing the report', async () => {
    const { t, w } = await world(sh(24, 2, 0));
    const deps = { ...t.deps, notifier: outboxNotifier({ db: t.db, clock: t.deps.clock }) };
    const ctx = await ctxFor(deps, w.workerA1.id, 'dingtalk');
    const res = await reportHazard(ctx, { enterpriseId: w.entA1.id, description: '消防通道堵塞，重大', level: 'major' });
    const rows = await t.db.select().from(notifications).where(sql`${notifications.dedupeKey} like ${`urgent:major_hazard:${res.hazard.id}:%`}`);
    expect(rows.map((r) => r.personId).sort()).toEqual([w.adminA.id, w.district.id].sort());
  });

  it('does not throw into the verb when the outbox fails', async () => {
    const { t, w } = await world(sh(23, 10));
    const errors: unknown[] = [];
    const broken = { enqueue: async () => { throw new Error('disk full'); } };
    const notifier = outboxNotifier({ db: t.db, clock: fixedClock(sh(23, 10)), outbox: broken, log: (_m, e) => errors.push(e) });
    const h = await makeHazard(t.db, w.entA1, w.workerA1.id, { level: 'major' });
    await expect(notifier.urgent({ kind: 'major_hazard', hazardId: h.id })).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
