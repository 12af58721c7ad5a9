import { describe, it, expect } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { hazardEvents, notifications, people } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { ctxFor, makeWorld } from './helpers/fixtures.js';
import { outboxNotifier } from '../jobs/urgent-alert.js';
import { enterpriseReminder } from '../jobs/enterprise-notices.js';
import { jobsConfig } from '../jobs/config.js';
import { reportHazard } from '../api/hazards/report.js';
import { assignHazard } from '../api/hazards/assign.js';
import { rectifyHazard } from '../api/hazards/rectify.js';
import { reviewHazard } from '../api/hazards/review.js';

// 整改通知 → reminders → rectification by the contact → failed review notice, through the outbox.

async function setup(now = '2026-12-01T02:00:00Z') {
  let at = new Date(now);
  const t = await testDeps({ clock: () => new Date(at) });
  const w = await makeWorld(t.db);
  const deps = { ...t.deps, publicUrl: 'https://anquan.example.gov.cn', notifier: outboxNotifier({ db: t.db, clock: t.deps.clock }) };
  const [contact] = await t.db.insert(people).values({ name: '李联络', role: 'enterprise', enterpriseId: w.entA1.id, createdAt: new Date() }).returning();
  const [other] = await t.db.insert(people).values({ name: '王联络', role: 'enterprise', enterpriseId: w.entA2.id, createdAt: new Date() }).returning();
  const rows = (personId: number) => t.db.select().from(notifications).where(eq(notifications.personId, personId)).orderBy(asc(notifications.id));
  return { t, w, deps, contact, other, rows, setNow: (s: string) => { at = new Date(s); } };
}

describe('notices to enterprise contacts', () => {
  it('assign with a deadline → notice once → reminders at D-2 and D-0 → rectify → failed review notice', async () => {
    const { t, w, deps, contact, other, rows, setNow } = await setup();
    const worker = await ctxFor(deps, w.workerA1.id);
    const { hazard } = await reportHazard(worker, { enterpriseId: w.entA1.id, description: '消防通道堵塞' });
    expect(await rows(contact.id)).toHaveLength(0); // no deadline yet, nothing to tell
    const admin = await ctxFor(deps, w.adminA.id);
    await assignHazard(admin, { id: hazard.id }, { deadline: '2026-12-05' });
    const [notice] = await rows(contact.id);
    expect(notice).toMatchObject({ kind: 'enterprise_deadline', urgent: false, dedupeKey: expect.stringMatching(new RegExp(`^notice:hazard:${hazard.id}:deadline:\\d+:${contact.id}$`)) });
    expect(notice.text).toContain(hazard.code);
    expect(notice.text).toContain('2026-12-05');
    expect(notice.text).toContain(`https://anquan.example.gov.cn/app/hazards/${hazard.code}`);
    expect(notice.text).toContain(`整改 ${hazard.code}`);
    expect(await rows(other.id)).toHaveLength(0);

    // The reminder job: nothing on D-4, one on D-2, one on the day; re-runs add nothing.
    const config = jobsConfig({ publicUrl: 'https://anquan.example.gov.cn' });
    expect((await enterpriseReminder({ db: t.db, now: new Date('2026-12-01T00:30:00Z'), config })).enqueued).toBe(0);
    expect((await enterpriseReminder({ db: t.db, now: new Date('2026-12-03T00:30:00Z'), config })).enqueued).toBe(1);
    expect((await enterpriseReminder({ db: t.db, now: new Date('2026-12-03T00:30:00Z'), config })).enqueued).toBe(0);
    expect((await enterpriseReminder({ db: t.db, now: new Date('2026-12-05T00:30:00Z'), config })).enqueued).toBe(1);
    const reminders = (await rows(contact.id)).filter((r) => r.kind === 'enterprise_reminder');
    expect(reminders.map((r) => r.text.includes('还有 2 天'))).toEqual([true, false]);
    expect(reminders[1].text).toContain('今天到期');

    // The contact rectifies; the hazard waits for review with the contact as actor.
    setNow('2026-12-04T03:00:00Z');
    const asContact = await ctxFor(deps, contact.id, 'dingtalk');
    const rectified = await rectifyHazard(asContact, { code: hazard.code }, { note: '通道已清理' });
    expect(rectified.status).toBe('review');
    const [ev] = await t.db.select().from(hazardEvents).where(and(eq(hazardEvents.hazardId, hazard.id), eq(hazardEvents.action, 'rectify')));
    expect(ev.actorId).toBe(contact.id);

    // A failed review tells the contact why and the new deadline.
    await reviewHazard(worker, { id: hazard.id }, { pass: false, reason: '仍有纸箱堆放', deadline: '2026-12-10' });
    const fail = (await rows(contact.id)).find((r) => r.kind === 'enterprise_review_fail')!;
    expect(fail.text).toContain('仍有纸箱堆放');
    expect(fail.text).toContain('2026-12-10');
    await t.close();
  });

  it("a major hazard's notice is urgent (breaks quiet hours); a general one is routine", async () => {
    const { w, deps, contact, rows } = await setup('2026-12-01T14:00:00Z'); // 22:00 Shanghai
    const admin = await ctxFor(deps, w.adminA.id);
    const { hazard: major } = await reportHazard(admin, { enterpriseId: w.entA1.id, description: '液氨储罐泄漏', level: 'major', deadline: '2026-12-20' });
    const n = (await rows(contact.id)).filter((r) => r.title.includes(major.code));
    expect(n).toHaveLength(1);
    expect(n[0].urgent).toBe(true);
    const { hazard: general } = await reportHazard(admin, { enterpriseId: w.entA1.id, description: '灭火器过期', deadline: '2026-12-20' });
    const g = (await rows(contact.id)).filter((r) => r.title.includes(general.code));
    expect(g.map((r) => r.urgent)).toEqual([false]);
  });
});
