import { describe, it, expect, afterEach } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createDingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { attachments, chatIdentities, hazardEvents, hazards, people } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { ctxFor, makePerson } from './helpers/fixtures.js';
import { dingtalkWorld } from './helpers/dingtalk-world.js';
import { startFakeDingTalk, FAKE_CLIENT } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, richTextBody, textBody } from './fakes/dingtalk/robot-frames.js';
import { outboxNotifier } from '../jobs/urgent-alert.js';
import { enterpriseReminder } from '../jobs/enterprise-notices.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import { jobsConfig } from '../jobs/config.js';
import { reportHazard } from '../api/hazards/report.js';
import { assignHazard } from '../api/hazards/assign.js';
import { reviewHazard } from '../api/hazards/review.js';

const BATCH = '/v1.0/robot/oToMessages/batchSend';

// The enterprise in the loop on DingTalk: assign with a deadline → 整改通知 → reminder → the contact
// sends 整改 with a photo → failed review notice → rectifies again → review pass → closed.
describe('enterprise contact on DingTalk', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => { for (const c of cleanup.splice(0)) await c(); });

  it('runs the whole rectification loop', async () => {
    let at = new Date('2026-12-01T02:00:00Z');
    const t = await testDeps({ clock: () => new Date(at) });
    cleanup.push(async () => t.close());
    const deps = { ...t.deps, publicUrl: 'https://anquan.example.gov.cn', notifier: outboxNotifier({ db: t.db, clock: t.deps.clock }) };
    const world = await dingtalkWorld(t.db);
    const admin = await makePerson(t.db, 'town_admin', { townId: world.town.id });
    const [contact] = await t.db.insert(people).values({ name: '李联络', role: 'enterprise', enterpriseId: world.huamei.id, createdAt: new Date() }).returning();
    await t.db.insert(chatIdentities).values({ personId: contact.id, platform: 'dingtalk', externalId: 'staffEnt01', createdAt: new Date() });

    const fake = await startFakeDingTalk();
    cleanup.push(() => fake.close());
    const adapter = createDingTalkAdapter({ ...FAKE_CLIENT, robotCode: 'robot-ent', apiBase: fake.apiBase, log: () => {}, now: () => new Date(at) });
    const inbox = createInbox({ deps, handle: createDialog({ deps, photoSettleMs: 0 }), log: () => {} });
    adapter.onMessage((msg) => inbox.receive(msg));
    await adapter.start();
    cleanup.push(() => adapter.stop());
    await fake.waitForConnections(1);
    const senders = { dingtalk: adapter };
    const sentTo = (staff: string) => fake.api.callsTo(BATCH).filter((c) => (c.body.userIds as string[]).includes(staff))
      .map((c) => JSON.parse(c.body.msgParam as string) as { title: string; text: string });

    const { hazard } = await reportHazard(await ctxFor(deps, world.worker.id), { enterpriseId: world.huamei.id, description: '消防通道堵塞' });
    await assignHazard(await ctxFor(deps, admin.id), { id: hazard.id }, { deadline: '2026-12-05' });
    await drainOutbox({ db: t.db, senders, now: at });
    const [notice] = sentTo('staffEnt01');
    expect(notice.title).toContain('整改通知');
    expect(notice.text).toContain(hazard.code);
    expect(notice.text).toContain('2026-12-05');

    at = new Date('2026-12-03T00:30:00Z');
    await enterpriseReminder({ db: t.db, now: at, config: jobsConfig() });
    await drainOutbox({ db: t.db, senders, now: at });
    expect(sentTo('staffEnt01').map((m) => m.title)).toEqual([notice.title, `整改提醒 ${hazard.code}`]);

    // The contact answers in a private chat with a photo and the text.
    at = new Date('2026-12-04T03:00:00Z');
    const say = (body: Record<string, unknown>) => robotMessage({ staffId: 'staffEnt01', senderNick: '李联络', sessionWebhook: fake.api.sessionWebhook() }, body);
    const before = fake.api.webhookPosts.length;
    await fake.waitForAcks(fake.pushRobot(say(richTextBody([{ picture: 'dl-ent-1' }, { text: `整改 ${hazard.code} 通道已清理` }]))));
    await fake.waitForWebhooks(before + 1);
    let [row] = await t.db.select().from(hazards).where(eq(hazards.id, hazard.id));
    expect(row.status).toBe('review');
    const [ev] = await t.db.select().from(hazardEvents).where(and(eq(hazardEvents.hazardId, hazard.id), eq(hazardEvents.action, 'rectify')));
    expect(ev.actorId).toBe(contact.id);
    expect(await t.db.select().from(attachments).where(eq(attachments.hazardId, hazard.id))).toHaveLength(1);

    // The worker fails the review: the contact hears why and until when.
    const worker = await ctxFor(deps, world.worker.id);
    await reviewHazard(worker, { id: hazard.id }, { pass: false, reason: '仍有纸箱堆放', deadline: '2026-12-08' });
    await drainOutbox({ db: t.db, senders, now: at });
    const fail = sentTo('staffEnt01').at(-1)!;
    expect(fail.title).toContain('复查未通过');
    expect(fail.text).toContain('仍有纸箱堆放');
    expect(fail.text).toContain('2026-12-08');

    // Rectified again, this time passed: closed.
    const n = fake.api.webhookPosts.length;
    await fake.waitForAcks(fake.pushRobot(say(richTextBody([{ picture: 'dl-ent-2' }, { text: `整改 ${hazard.code} 纸箱已清走` }]))));
    await fake.waitForWebhooks(n + 1);
    await reviewHazard(worker, { id: hazard.id }, { pass: true });
    [row] = await t.db.select().from(hazards).where(eq(hazards.id, hazard.id));
    expect(row.status).toBe('closed');

    // And the contact cannot review or report through chat.
    const m = fake.api.webhookPosts.length;
    await fake.waitForAcks(fake.pushRobot(say(textBody('上报 华美 配电箱未上锁', false))));
    await fake.waitForWebhooks(m + 1);
    expect(await t.db.select().from(hazards).where(eq(hazards.enterpriseId, world.huamei.id))).toHaveLength(1);
  }, 30_000);
});
