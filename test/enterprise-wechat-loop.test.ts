import { describe, it, expect, afterEach } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { attachments, hazardEvents, hazards, people } from '../db/schema/index.js';
import { ctxFor, makeEnterprise } from './helpers/fixtures.js';
import { jpegBox, wechatE2eWorld, type WechatE2eWorld } from './helpers/wechat-e2e-world.js';
import { until } from './helpers/wechat-mock.js';
import { outboxNotifier } from '../jobs/urgent-alert.js';
import { enterpriseReminder } from '../jobs/enterprise-notices.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import { jobsConfig } from '../jobs/config.js';
import { reportHazard } from '../api/hazards/report.js';
import { assignHazard } from '../api/hazards/assign.js';
import { reviewHazard } from '../api/hazards/review.js';

// The same loop with the enterprise contact on WeChat (wechaty mock puppet, real adapter).
describe('enterprise contact on WeChat', () => {
  let w: WechatE2eWorld | undefined;
  afterEach(async () => { await w?.stop(); });

  it('notice → reminder → 整改 with a photo → failed review notice → pass → closed', async () => {
    w = await wechatE2eWorld();
    const world = w;
    const deps = { ...world.deps, notifier: outboxNotifier({ db: world.db, clock: world.deps.clock }) };
    const [contact] = await world.db.insert(people).values({ name: '李联络', role: 'enterprise', enterpriseId: world.huamei.id, createdAt: new Date() }).returning();
    const wxContact = world.wx.mocker.createContact({ name: '李联络' });
    await world.bind(contact.id, wxContact);
    await world.bindWorker();
    const senders = { wechat: world.wx.adapter };
    const toContact = () => world.wx.said.filter((s) => s.to === wxContact.id).map((s) => s.text);

    // 2026-11-23 10:00 Shanghai; deadline 11-25 so the D-2 reminder is due the same morning.
    const { hazard } = await reportHazard(await ctxFor(deps, world.worker.id), { enterpriseId: world.huamei.id, description: '消防通道堵塞' });
    await assignHazard(await ctxFor(deps, world.admin.id), { id: hazard.id }, { deadline: '2026-11-27' });
    await drainOutbox({ db: world.db, senders, now: world.deps.clock(), config: jobsConfig({ outbox: { wechatGapMs: { min: 0, max: 0 } } }) });
    await until(() => toContact().length === 1);
    expect(toContact()[0]).toContain(hazard.code);
    expect(toContact()[0]).toContain('2026-11-27');

    world.advance(2 * 86_400_000); // 11-25 10:00: two days left
    const config = jobsConfig({ outbox: { wechatGapMs: { min: 0, max: 0 } } });
    expect((await enterpriseReminder({ db: world.db, now: world.deps.clock(), config })).enqueued).toBe(1);
    await drainOutbox({ db: world.db, senders, now: world.deps.clock(), config });
    await until(() => toContact().length === 2);
    expect(toContact()[1]).toContain('还有 2 天');

    await world.tell(jpegBox(), { from: wxContact });
    const reply = await world.ask(`整改 ${hazard.code} 通道已清理`, { from: wxContact });
    expect(reply.to).toBe(wxContact.id);
    let [row] = await world.db.select().from(hazards).where(eq(hazards.id, hazard.id));
    expect(row.status).toBe('review');
    const [ev] = await world.db.select().from(hazardEvents).where(and(eq(hazardEvents.hazardId, hazard.id), eq(hazardEvents.action, 'rectify')));
    expect(ev.actorId).toBe(contact.id);
    expect((await world.db.select().from(attachments).where(eq(attachments.hazardId, hazard.id))).length).toBeGreaterThanOrEqual(1);

    const worker = await ctxFor(deps, world.worker.id);
    await reviewHazard(worker, { id: hazard.id }, { pass: false, reason: '仍有纸箱堆放', deadline: '2026-11-30' });
    await drainOutbox({ db: world.db, senders, now: world.deps.clock(), config });
    await until(() => toContact().some((s) => s.includes('复查未通过')));
    const fail = toContact().find((s) => s.includes('复查未通过'))!;
    expect(fail).toContain('仍有纸箱堆放');
    expect(fail).toContain('2026-11-30');

    await world.ask(`整改 ${hazard.code} 纸箱已清走`, { from: wxContact });
    await reviewHazard(worker, { id: hazard.id }, { pass: true });
    [row] = await world.db.select().from(hazards).where(eq(hazards.id, hazard.id));
    expect(row.status).toBe('closed');

    // Another enterprise's code reads as absent to the contact in chat.
    const neighbour = await makeEnterprise(world.db, world.grid, { name: '常州隔壁机械有限公司' });
    const { hazard: theirs } = await reportHazard(worker, { enterpriseId: neighbour.id, description: '隔壁秘密配电箱' });
    const answer = await world.ask(`查询 ${theirs.code}`, { from: wxContact });
    expect(answer.text).not.toContain('隔壁秘密配电箱');
    expect(answer.text).not.toContain('隔壁机械');
    const mine = await world.ask(`查询 ${hazard.code}`, { from: wxContact });
    expect(mine.text).toContain(hazard.code);
  }, 30_000);
});
