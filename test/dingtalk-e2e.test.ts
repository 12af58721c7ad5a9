import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createDingTalkAdapter, type DingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { attachments, hazards, receivedMessages } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { dingtalkWorld } from './helpers/dingtalk-world.js';
import { startFakeDingTalk, FAKE_CLIENT, settle, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, textBody, pictureBody, richTextBody } from './fakes/dingtalk/robot-frames.js';
import { TINY_JPEG } from './fakes/dingtalk/jpeg.js';

// The whole chain with the real SDK: fake DingTalk → adapter → inbox → dialog → verbs → libsql,
// and the reply back through the session webhook.
describe('DingTalk end to end (real SDK, inbox, dialog, database)', () => {
  let fake: FakeDingTalk;
  let adapter: DingTalkAdapter;
  let t: Awaited<ReturnType<typeof testDeps>>;
  let world: Awaited<ReturnType<typeof dingtalkWorld>>;
  const group = { id: 'cidHenglinGrid==', title: '横林镇网格工作群' };

  beforeEach(async () => {
    t = await testDeps();
    world = await dingtalkWorld(t.db);
    fake = await startFakeDingTalk();
    const inbox = createInbox({ deps: t.deps, handle: createDialog({ deps: t.deps, photoSettleMs: 0 }), log: () => {} });
    adapter = createDingTalkAdapter({ ...FAKE_CLIENT, apiBase: fake.apiBase, log: () => {}, now: t.clock });
    adapter.onMessage((msg) => inbox.receive(msg));
    await adapter.start();
    await fake.waitForConnections(1);
  });
  afterEach(async () => {
    await adapter.stop();
    await fake.close();
    await t.close();
  });

  const message = (body: Record<string, unknown>, msgId?: string) =>
    robotMessage({ staffId: world.staffId, group, sessionWebhook: fake.api.sessionWebhook(), msgId }, body);

  it('turns a group report with a mention and a picture (rich text) into one hazard with its photo', async () => {
    const frameId = fake.pushRobot(message(richTextBody([{ picture: 'dl-huamei-1' }, { text: ' 上报 华美 消防通道堵塞 3天内' }])));
    await fake.waitForAcks(frameId);
    await fake.waitForWebhooks(1);

    const rows = await t.db.select().from(hazards).where(eq(hazards.enterpriseId, world.huamei.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].reporterId).toBe(world.worker.id);
    const photos = await t.db.select().from(attachments).where(eq(attachments.hazardId, rows[0].id));
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ mime: 'image/jpeg', size: TINY_JPEG.byteLength, sourcePlatform: 'dingtalk', sourceRef: 'dl-huamei-1' });
    expect(Buffer.from(await t.deps.files.get(photos[0].path)).equals(Buffer.from(TINY_JPEG))).toBe(true);

    const [reply] = fake.api.webhookPosts;
    expect(reply.body).toMatchObject({ msgtype: 'markdown', at: { atUserIds: [world.staffId] } });
    expect(JSON.stringify(reply.body)).toContain(rows[0].code);
  });

  it('attaches a picture sent just before the @-mentioned text report', async () => {
    const photoFrame = fake.pushRobot(message(pictureBody('dl-huamei-2')));
    await fake.waitForAcks(photoFrame);
    const reportFrame = fake.pushRobot(message(textBody('上报 华美 配电房门口堆放杂物', true)));
    await fake.waitForAcks(reportFrame);
    await settle(20);

    const rows = await t.db.select().from(hazards).where(eq(hazards.enterpriseId, world.huamei.id));
    expect(rows).toHaveLength(1);
    const photos = await t.db.select().from(attachments).where(eq(attachments.hazardId, rows[0].id));
    expect(photos.map((p) => p.sourceRef)).toEqual(['dl-huamei-2']);
  });

  it('answers a frame delivered three times once: one record, one hazard, one reply, three ACKs', async () => {
    const data = message(textBody('上报 华美 消防通道堵塞', true), 'msg-redelivered==');
    const frameId = fake.pushRobot(data);
    await fake.waitForAcks(frameId, 1);
    fake.pushRobot(data, frameId);
    await fake.waitForAcks(frameId, 2);
    fake.pushRobot(data, frameId);
    await fake.waitForAcks(frameId, 3);
    await settle(50);

    const records = await t.db.select().from(receivedMessages).where(eq(receivedMessages.messageId, 'msg-redelivered=='));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ platform: 'dingtalk', status: 'handled', senderExternalId: `dingtalk:${world.staffId}` });
    expect(await t.db.select().from(hazards).where(eq(hazards.enterpriseId, world.huamei.id))).toHaveLength(1);
    expect(fake.api.webhookPosts).toHaveLength(1);
  });

  it('answers three simultaneous deliveries of one frame once, and ACKs all three', async () => {
    const data = message(textBody('上报 华美 二楼灭火器过期', true), 'msg-burst==');
    const frameId = fake.pushRobot(data);
    fake.pushRobot(data, frameId);
    fake.pushRobot(data, frameId);
    await fake.waitForAcks(frameId, 3);
    await fake.waitForWebhooks(1);
    await settle(50);
    expect(await t.db.select().from(receivedMessages).where(eq(receivedMessages.messageId, 'msg-burst=='))).toHaveLength(1);
    expect(await t.db.select().from(hazards).where(eq(hazards.enterpriseId, world.huamei.id))).toHaveLength(1);
    expect(fake.api.webhookPosts).toHaveLength(1);
  });

  it('tells an unbound DingTalk user how to bind, and records no hazard for them', async () => {
    const stranger = robotMessage({ staffId: 'staffUnbound', sessionWebhook: fake.api.sessionWebhook() }, textBody('上报 华美 消防通道堵塞', false));
    const frameId = fake.pushRobot(stranger);
    await fake.waitForAcks(frameId);
    await fake.waitForWebhooks(1);
    expect(JSON.stringify(fake.api.webhookPosts[0].body)).toContain('绑定');
    expect(await t.db.select().from(hazards)).toHaveLength(0);
  });
});
