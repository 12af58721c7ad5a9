import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createWecomAdapter, type WecomAdapter } from '../bot/adapters/wecom/index.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { withVoiceAndMedia } from '../bot/voice-and-media.js';
import { attachments, chatIdentities, hazards, receivedMessages } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { makeEnterprise, makeGrid, makePerson, makeTown } from './helpers/fixtures.js';
import { sh } from './helpers/jobs-fixtures.js';
import { startScheduler } from '../entry/scheduler.js';
import { fixedClock } from '../lib/clock.js';
import { TINY_JPEG } from './fakes/dingtalk/jpeg.js';
import { loopbackOnly } from './fakes/dingtalk/loopback-only.js';
import { FAKE_BOT, image, mixed, startFakeWecom, text, voice, wecomBody, type FakeWecom } from './fakes/wecom/fake-wecom.js';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The whole chain with the real SDK: fake WeCom gateway on loopback → SDK → adapter → inbox →
// dialog → verbs → libsql, and the answer back on the reply stream of the callback's req_id.
describe('WeCom 智能机器人 end to end (real SDK, inbox, dialog, database)', () => {
  let fake: FakeWecom;
  let adapter: WecomAdapter;
  let t: Awaited<ReturnType<typeof testDeps>>;
  let userid: string;
  let huameiId: number;
  let logs: string[];
  let restoreNet: () => void;

  const start = async (extra: Partial<Parameters<typeof createWecomAdapter>[0]> = {}) => {
    adapter = createWecomAdapter({
      ...FAKE_BOT, wsUrl: fake.wsUrl, botName: '安全助手', log: (l) => logs.push(l), now: t.clock,
      reconnect: { minDelayMs: 200, maxDelayMs: 2000 }, ...extra,
    });
    const inbox = createInbox({ deps: t.deps, handle: createDialog({ deps: t.deps }), log: () => {} });
    adapter.onMessage(withVoiceAndMedia((msg) => inbox.receive(msg)));
    await adapter.start();
    await fake.until(() => fake.authedCount === 1 && adapter.connected, 5000, 'subscription');
  };

  beforeEach(async () => {
    restoreNet = loopbackOnly();
    logs = [];
    t = await testDeps();
    const town = await makeTown(t.db);
    const worker = await makePerson(t.db, 'worker', { townId: town.id, name: '张三' });
    const grid = await makeGrid(t.db, town.id, worker.id);
    huameiId = (await makeEnterprise(t.db, grid, { name: '常州华美化工有限公司', shortName: '华美', aliases: ['华美化工'] })).id;
    userid = `zhangsan${Date.now() % 100000}`;
    await t.db.insert(chatIdentities).values({ personId: worker.id, platform: 'wecom', externalId: userid, createdAt: new Date() });
    fake = await startFakeWecom();
  });
  afterEach(async () => {
    await adapter?.stop();
    await fake.close();
    await t.close();
    restoreNet();
  });

  const finalReply = (reqId: string) => fake.replies.find((r) => r.reqId === reqId && (r.body.stream as { finish?: boolean })?.finish);
  const replyText = (reqId: string) => String((finalReply(reqId)?.body.stream as { content?: string })?.content ?? '');
  const huameiHazards = () => t.db.select().from(hazards).where(eq(hazards.enterpriseId, huameiId));

  it('records a text report from a direct chat and answers on the reply stream of its req_id', async () => {
    await start();
    const reqId = fake.push(wecomBody({ userid }, text('上报 华美 消防通道堵塞 3天内整改')));
    await fake.until(() => !!finalReply(reqId), 5000, 'reply');
    const rows = await huameiHazards();
    expect(rows).toHaveLength(1);
    const reply = finalReply(reqId)!;
    expect(reply.errcode).toBe(0);
    expect(reply.body.msgtype).toBe('stream');
    expect(replyText(reqId)).toContain(rows[0].code);
    expect(replyText(reqId)).not.toContain('（语音）');
  });

  it('downloads and decrypts a photo at once and attaches it to the report (mixed message)', async () => {
    await start();
    const media = fake.addMedia(TINY_JPEG);
    const reqId = fake.push(wecomBody({ userid }, mixed({ image: media }, { text: '上报 华美 配电房门口堆放杂物' })));
    await fake.until(() => !!finalReply(reqId), 5000, 'reply');
    const rows = await huameiHazards();
    expect(rows).toHaveLength(1);
    const photos = await t.db.select().from(attachments).where(eq(attachments.hazardId, rows[0].id));
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ mime: 'image/jpeg', size: TINY_JPEG.byteLength, sourcePlatform: 'wecom' });
    // The stored bytes are the decrypted picture, not the ciphertext the URL served.
    expect(Buffer.from(await t.deps.files.get(photos[0].path)).equals(Buffer.from(TINY_JPEG))).toBe(true);
  });

  it('attaches a photo sent on its own just before the text report', async () => {
    await start();
    const photoReq = fake.push(wecomBody({ userid }, image(fake.addMedia(TINY_JPEG))));
    await fake.until(() => !!finalReply(photoReq), 5000, 'photo reply');
    const reqId = fake.push(wecomBody({ userid }, text('上报 华美 二楼灭火器过期')));
    await fake.until(() => !!finalReply(reqId), 5000, 'reply');
    const rows = await huameiHazards();
    expect(rows).toHaveLength(1);
    expect(await t.db.select().from(attachments).where(eq(attachments.hazardId, rows[0].id))).toHaveLength(1);
  });

  it('handles a voice message as its recognised text and echoes what was heard', async () => {
    await start();
    const reqId = fake.push(wecomBody({ userid }, voice('上报华美消防通道堵塞')));
    await fake.until(() => !!finalReply(reqId), 5000, 'reply');
    const rows = await huameiHazards();
    expect(rows).toHaveLength(1);
    expect(replyText(reqId).startsWith('（语音）上报华美消防通道堵塞\n')).toBe(true);
    expect(replyText(reqId)).toContain(rows[0].code);
  });

  it('answers a video or file with a polite request for text, never silence', async () => {
    await start();
    const reqId = fake.push(wecomBody({ userid }, { msgtype: 'video', video: fake.addMedia(TINY_JPEG) }));
    await fake.until(() => !!finalReply(reqId), 5000, 'reply');
    expect(replyText(reqId)).toContain('请用文字描述');
    expect(await huameiHazards()).toHaveLength(0);
  });

  it('answers a redelivered message once: one record, one hazard, one reply', async () => {
    await start();
    const body = wecomBody({ userid, msgid: 'wecom-redelivered-1' }, text('上报 华美 消防通道堵塞'));
    const first = fake.push(body);
    await fake.until(() => !!finalReply(first), 5000, 'reply');
    const second = fake.push(body);
    const third = fake.push(body);
    await settle(300);
    expect(await t.db.select().from(receivedMessages).where(eq(receivedMessages.messageId, 'wecom-redelivered-1'))).toHaveLength(1);
    expect(await huameiHazards()).toHaveLength(1);
    expect(fake.replies.filter((r) => r.reqId === second || r.reqId === third)).toHaveLength(0);
    expect(fake.replies.filter((r) => r.reqId === first)).toHaveLength(1);
  });

  it('ignores a group message that does not @ the bot, and answers one that does', async () => {
    await start();
    const chat = 'wrGroupHenglin01';
    const quiet = fake.push(wecomBody({ userid, group: chat }, text('@李四 上报 华美 消防通道堵塞')));
    await settle(300);
    expect(fake.replies.filter((r) => r.reqId === quiet)).toHaveLength(0);
    expect(await huameiHazards()).toHaveLength(0);
    expect(await t.db.select().from(receivedMessages)).toHaveLength(0);

    const addressed = fake.push(wecomBody({ userid, group: chat }, text('@安全助手 上报 华美 消防通道堵塞')));
    await fake.until(() => !!finalReply(addressed), 5000, 'reply');
    expect(await huameiHazards()).toHaveLength(1);
  });

  it('opens the reply stream with a notice when the answer is slow, then finishes it', async () => {
    await start({ interimAfterMs: 50 });
    adapter.onMessage(async () => {
      await settle(300);
      return { title: '慢', text: '慢回复' };
    });
    const reqId = fake.push(wecomBody({ userid }, text('我的任务')));
    await fake.until(() => !!finalReply(reqId), 5000, 'reply');
    const frames = fake.replies.filter((r) => r.reqId === reqId);
    expect(frames).toHaveLength(2);
    expect(frames[0].body.stream).toMatchObject({ finish: false, content: '正在处理，请稍候…' });
    expect(frames[1].body.stream).toMatchObject({ finish: true, content: '慢回复' });
    // Both frames belong to one stream.
    expect((frames[1].body.stream as { id: string }).id).toBe((frames[0].body.stream as { id: string }).id);
  });

  it('is back within 20 s after a dropped connection, never with two connections at once, and keeps answering', async () => {
    await start({ heartbeatMs: 100 });
    await fake.until(() => fake.pings >= 2, 3000, 'heartbeats');
    const before = fake.subscriptions;
    const droppedAt = Date.now();
    fake.drop();
    await fake.until(() => fake.subscriptions > before && fake.authedCount === 1, 20_000, 'reconnect');
    expect(Date.now() - droppedAt).toBeLessThan(20_000);
    expect(fake.maxConcurrent).toBe(1);
    const reqId = fake.push(wecomBody({ userid }, text('上报 华美 消防通道堵塞')));
    await fake.until(() => !!finalReply(reqId), 5000, 'reply after reconnect');
    expect(logs.some((l) => l.includes('长连接断开'))).toBe(true);
  });

  it('reconnects when heartbeats go unanswered instead of staying half-alive', async () => {
    await start({ heartbeatMs: 100 });
    const before = fake.subscriptions;
    fake.silentPings = true;
    await fake.until(() => fake.subscriptions > before, 5000, 'reconnect after missed heartbeats');
    fake.silentPings = false;
    expect(fake.maxConcurrent).toBe(1);
  });

  it('after another connection of the same bot takes over, alerts, waits, and takes over again alone', async () => {
    await start({ supersededDelayMs: 1500 });
    const { WebSocket } = await import('ws');
    const other = new WebSocket(fake.wsUrl);
    await new Promise((r) => other.once('open', r));
    other.send(JSON.stringify({ cmd: 'aibot_subscribe', headers: { req_id: 'aibot_subscribe_other' }, body: { bot_id: FAKE_BOT.botId, secret: FAKE_BOT.secret } }));
    await fake.until(() => !adapter.connected, 3000, 'adapter kicked');
    expect(logs.some((l) => l.includes('另一个连接'))).toBe(true);
    // Not before the superseded delay: no flapping.
    await settle(400);
    expect(adapter.connected).toBe(false);
    expect(fake.authedCount).toBe(1);
    await fake.until(() => adapter.connected, 5000, 'take over');
    expect(fake.maxConcurrent).toBe(1);
    other.terminate();
  });

  it('delivers the daily digest proactively through the outbox (markdown to the userid)', async () => {
    await start();
    const town = await makeTown(t.db);
    const w2 = await makePerson(t.db, 'worker', { townId: town.id });
    const g = await makeGrid(t.db, town.id, w2.id);
    await makeEnterprise(t.db, g, { name: `常州东方化工有限公司${w2.id}`, registeredAt: new Date('2026-11-01T00:00:00Z') });
    await t.db.insert(chatIdentities).values({ personId: w2.id, platform: 'wecom', externalId: 'lisi-wecom', createdAt: new Date() });
    const scheduler = startScheduler({ db: t.db, clock: fixedClock(sh(23, 8, 30)), senders: { wecom: adapter }, log: () => {}, drainEveryMs: 3_600_000 });
    try {
      await scheduler.ready;
      await fake.until(() => fake.sent.some((s) => s.chatid === 'lisi-wecom'), 5000, 'digest');
    } finally {
      await scheduler.stop();
    }
    const digest = fake.sent.find((s) => s.chatid === 'lisi-wecom')!;
    expect(digest.errcode).toBe(0);
    expect(digest.body.msgtype).toBe('markdown');
    const content = String((digest.body.markdown as { content: string }).content);
    expect(content).toContain('今日待办');
    expect(content).toContain(`常州东方化工有限公司${w2.id}`);
  });

  it('welcomes a person who opens the chat, on the event’s req_id', async () => {
    await start();
    const reqId = fake.enterChat(userid);
    await fake.until(() => fake.welcomes.length === 1, 5000, 'welcome');
    expect(fake.welcomes[0]).toMatchObject({ reqId, errcode: 0, body: { msgtype: 'text' } });
    expect(JSON.stringify(fake.welcomes[0].body)).toContain('帮助');
  });

  it('asks the sender to send again when the message could not be recorded (WeCom does not redeliver)', async () => {
    await start();
    adapter.onMessage(async () => {
      throw new Error('message not recorded');
    });
    const reqId = fake.push(wecomBody({ userid }, text('上报 华美 消防通道堵塞')));
    await fake.until(() => !!finalReply(reqId), 5000, 'reply');
    expect(replyText(reqId)).toContain('请稍后重新发送');
    expect(logs.some((l) => l.includes('未能记录'))).toBe(true);
  });

  it('keeps a refused proactive send visible as a failure', async () => {
    await start();
    fake.refuseSendTo.add('never-wrote');
    const res = await adapter.send({ userId: 'never-wrote' }, { title: 't', text: '测试' });
    expect(res).toMatchObject({ ok: false, retryable: false });
    expect((res as { error: string }).error).toContain('93006');
  });
});
