import { describe, it, expect, afterEach } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { hazards, receivedMessages } from '../db/schema/index.js';
import { createInbox, type ReplySender } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { createDingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import type { IncomingMessage, OutgoingMessage, SendResult } from '../bot/port.js';
import { dialogWorld } from './helpers/dialog-world.js';
import { startFakeDingTalk, FAKE_CLIENT, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';
import { wechatE2eWorld, type WechatE2eWorld } from './helpers/wechat-e2e-world.js';
import { until } from './helpers/wechat-mock.js';

const BATCH = '/v1.0/robot/oToMessages/batchSend';
const GROUP = '/v1.0/robot/groupMessages/send';
const reply: OutgoingMessage = { title: '隐患已登记', text: '隐患已登记 YH20261123-0001', markdown: '#### 隐患已登记\n- YH20261123-0001' };

// A recorded message answered after its live delivery is gone (restart, redelivery): the session
// webhook while it is valid, else the robot's proactive send (fake DingTalk on loopback).
describe('DingTalk: answering a recorded message later', () => {
  let fake: FakeDingTalk;
  afterEach(async () => fake?.close());
  const now = Date.parse('2026-11-23T02:00:00Z');

  async function adapterAt(ms: number) {
    fake = await startFakeDingTalk();
    return createDingTalkAdapter({ ...FAKE_CLIENT, robotCode: 'robot-x', apiBase: fake.apiBase, log: () => {}, now: () => new Date(ms) });
  }
  const message = (o: Partial<IncomingMessage>): IncomingMessage => ({
    platform: 'dingtalk', messageId: 'm1', senderId: 'dingtalk:staff042', senderName: '张三', text: '上报', images: [],
    conversation: { kind: 'direct' }, mentioned: false, receivedAt: new Date(now - 10 * 60_000), replyTo: fake.api.sessionWebhook('s1'),
    replyExpiresAt: new Date(now + 80 * 60_000), ...o,
  });

  it('uses the session webhook while it is valid, mentioning the sender in a group', async () => {
    const adapter = await adapterAt(now);
    const group = { kind: 'group' as const, id: 'cidGroup==' };
    expect(await adapter.reply!(message({ conversation: group }), reply)).toEqual({ ok: true });
    expect(fake.api.webhookPosts).toHaveLength(1);
    expect(fake.api.webhookPosts[0]).toMatchObject({ session: 's1', body: { msgtype: 'markdown', at: { atUserIds: ['staff042'] } } });
    expect(fake.api.callsTo(BATCH)).toHaveLength(0);
  });

  it('sends to the sender proactively once the webhook has expired (or is about to)', async () => {
    const adapter = await adapterAt(now);
    expect(await adapter.reply!(message({ replyExpiresAt: new Date(now + 30_000) }), reply)).toEqual({ ok: true });
    expect(fake.api.webhookPosts).toHaveLength(0);
    const [call] = fake.api.callsTo(BATCH);
    expect(call.body).toMatchObject({ robotCode: 'robot-x', userIds: ['staff042'] });
    expect(JSON.parse(call.body.msgParam as string)).toMatchObject({ title: reply.title });
  });

  it('without an expiry on record, counts 90 minutes from receipt; a group gets a group message', async () => {
    const adapter = await adapterAt(now);
    const old = message({ replyExpiresAt: undefined, receivedAt: new Date(now - 91 * 60_000), conversation: { kind: 'group', id: 'cidGroup==' } });
    expect(await adapter.reply!(old, reply)).toEqual({ ok: true });
    expect(fake.api.webhookPosts).toHaveLength(0);
    expect(fake.api.callsTo(GROUP)[0].body).toMatchObject({ robotCode: 'robot-x', openConversationId: 'cidGroup==' });
  });

  it('falls back to the proactive send when the webhook refuses', async () => {
    const adapter = await adapterAt(now);
    expect(await adapter.reply!(message({ replyTo: `${fake.apiBase}/robot/closedSession` }), reply)).toEqual({ ok: true });
    expect(fake.api.callsTo(BATCH)).toHaveLength(1);
  });

  it('says so when a direct message from outside the organisation cannot be reached', async () => {
    const adapter = await adapterAt(now);
    const r = await adapter.reply!(message({ senderId: 'dingtalk:$:LWCP_v1:$abc', replyExpiresAt: new Date(now - 1) }), reply);
    expect(r).toMatchObject({ ok: false, retryable: false });
  });
});

// The inbox sending replies itself (replyVia): exactly once, never recomputed, whatever comes first.
describe('inbox: replies recorded until the platform accepts them', () => {
  async function world(outcomes: SendResult[] = []) {
    const c = await dialogWorld();
    const sent: { messageId: string; reply: OutgoingMessage; replyTo: string }[] = [];
    const via: ReplySender = async (msg, r) => {
      const result = outcomes.shift() ?? { ok: true };
      if (result.ok) sent.push({ messageId: msg.messageId, reply: r, replyTo: msg.replyTo });
      return result;
    };
    const logs: string[] = [];
    const inbox = () => createInbox({ deps: c.deps, handle: createDialog({ deps: c.deps }), replyVia: { dingtalk: via }, retryDelaysMs: [1], log: (l) => logs.push(l) });
    const row = async (messageId: string) => (await c.db.select().from(receivedMessages).where(eq(receivedMessages.messageId, messageId)))[0];
    return { ...c, sent, inbox, row, logs };
  }

  it('answers null to the adapter, sends the reply once and records it sent', async () => {
    const c = await world();
    const inbox = c.inbox();
    const msg = c.message(c.w.workerA1, '上报 华美化工 消防通道堵塞', { platform: 'dingtalk', messageId: 'live-1' });
    expect(await inbox.receive(msg)).toBeNull();
    await inbox.settled();
    expect(c.sent).toHaveLength(1);
    expect(c.sent[0].reply.title).toMatch(/^隐患已登记/);
    expect((await c.row('live-1')).repliedAt).not.toBeNull();
    expect(await inbox.receive(msg)).toBeNull();
    await inbox.settled();
    expect(c.sent).toHaveLength(1);
  });

  it('retries a throttled reply, and leaves a refused one for the redelivery, which sends the stored reply', async () => {
    const c = await world([{ ok: false, retryable: true, error: 'flow controlled' }, { ok: false, retryable: false, error: 'refused' }]);
    const inbox = c.inbox();
    const msg = c.message(c.w.workerA1, '上报 华美化工 消防通道堵塞', { platform: 'dingtalk', messageId: 'late-1' });
    await inbox.receive(msg);
    await inbox.settled();
    expect(c.sent).toHaveLength(0);
    expect(c.logs.some((l) => l.includes('reply not sent: refused'))).toBe(true);
    const stored = await c.row('late-1');
    expect(stored.repliedAt).toBeNull();

    // The redelivery comes with a fresh webhook; the answer is the one stored, not a new dialog turn.
    await c.db.update(receivedMessages).set({ reply: { ...(stored.reply as OutgoingMessage), text: 'stored text' } }).where(eq(receivedMessages.id, stored.id));
    expect(await inbox.receive({ ...msg, replyTo: 'fresh-webhook' })).toBeNull();
    await inbox.settled();
    expect(c.sent).toEqual([expect.objectContaining({ messageId: 'late-1', replyTo: 'fresh-webhook', reply: expect.objectContaining({ text: 'stored text' }) })]);
    await inbox.receive(msg);
    await inbox.settled();
    expect(c.sent).toHaveLength(1);
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 1 }]);
  });

  it('at start-up handles what was never handled and sends what was never sent, once each', async () => {
    const c = await world([{ ok: false, retryable: false, error: 'process about to die' }]);
    const before = c.inbox();
    const answered = c.message(c.w.workerA1, '上报 华美化工 消防通道堵塞', { platform: 'dingtalk', messageId: 'r-answered' });
    await before.receive(answered);
    await before.settled();
    // Recorded by the process that died, never handled.
    const orphan = c.message(c.w.workerA1, '上报 华美塑料 安全出口锁闭', { platform: 'dingtalk', messageId: 'r-orphan' });
    await c.db.insert(receivedMessages).values({
      platform: 'dingtalk', messageId: orphan.messageId, senderExternalId: orphan.senderId, receivedAt: orphan.receivedAt, status: 'received',
      payload: { ...orphan, images: [], receivedAt: orphan.receivedAt.toISOString() } as unknown as Record<string, unknown>,
    });

    const after = c.inbox();
    const replayed = await after.replayPending();
    expect(replayed.map((r) => r.messageId).sort()).toEqual(['r-answered', 'r-orphan']);
    expect(c.sent.map((s) => s.messageId).sort()).toEqual(['r-answered', 'r-orphan']);
    expect((await c.row('r-answered')).repliedAt).not.toBeNull();
    expect((await c.row('r-orphan')).repliedAt).not.toBeNull();
    expect(await after.replayPending()).toEqual([]);
    expect(c.sent).toHaveLength(2);
  });
});

// WeChat answers later through the message's contact or room (the same login keeps them).
describe('WeChat: answering a recorded message later', () => {
  let w: WechatE2eWorld;
  afterEach(async () => w?.stop());

  it('sends to the contact of a direct message and into the room of a group one', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    await w.ask('上报 华美 消防通道堵塞');
    await w.ask('上报 华美 配电箱未接地', { room: true });
    const [direct, group] = w.handled.map((h) => h.msg);
    const before = w.wx.said.length;
    expect(await w.wx.adapter.reply!(direct, { title: '补发', text: '补发的回复一' })).toEqual({ ok: true });
    expect(await w.wx.adapter.reply!(group, { title: '补发', text: '补发的回复二' })).toEqual({ ok: true });
    await until(() => w.wx.said.length >= before + 2);
    expect(w.wx.said.slice(before)).toEqual([
      expect.objectContaining({ to: w.wx.worker.id, text: '补发的回复一' }),
      expect.objectContaining({ to: w.wx.room.id, text: expect.stringContaining('补发的回复二') }),
    ]);
    expect(await w.wx.adapter.reply!({ ...direct, replyTo: 'contact:nobody' }, { title: '补发', text: 'x' })).toMatchObject({ ok: false, retryable: false });
  });

  it('a group answer sent later: the note into the room, its private part to the sender', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    await w.ask('上报 华美 消防通道堵塞', { room: true });
    const [group] = w.handled.map((h) => h.msg);
    const before = w.wx.said.length;
    const answer = { title: '已私信', text: '已私信发给您', privately: { title: '我的任务', text: '华美化工 消防通道堵塞' } };
    expect(await w.wx.adapter.reply!(group, answer)).toEqual({ ok: true });
    await until(() => w.wx.said.length >= before + 2);
    expect(w.wx.said.slice(before)).toEqual([
      expect.objectContaining({ to: w.wx.room.id, text: expect.stringContaining('已私信发给您') }),
      expect.objectContaining({ to: w.wx.worker.id, text: '华美化工 消防通道堵塞' }),
    ]);
  });
});
