import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createDingTalkAdapter, type DingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import type { IncomingMessage, MessageHandler } from '../bot/port.js';
import { startFakeDingTalk, FAKE_CLIENT, settle, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, textBody, pictureBody, richTextBody, audioBody } from './fakes/dingtalk/robot-frames.js';
import { TINY_JPEG } from './fakes/dingtalk/jpeg.js';

// The real dingtalk-stream SDK against the loopback fake: the protocol, ACK discipline and payloads.
describe('DingTalk Stream adapter: receiving', () => {
  let fake: FakeDingTalk;
  let adapter: DingTalkAdapter;
  let logs: string[];
  let seen: IncomingMessage[];

  async function connect(handler: MessageHandler) {
    adapter = createDingTalkAdapter({ ...FAKE_CLIENT, apiBase: fake.apiBase, log: (l) => logs.push(l) });
    adapter.onMessage(handler);
    await adapter.start();
    await fake.waitForConnections(1);
  }

  beforeEach(async () => {
    fake = await startFakeDingTalk();
    logs = [];
    seen = [];
  });
  afterEach(async () => {
    await adapter?.stop();
    await fake.close();
  });

  it('normalises a group text, calls the handler, then ACKs and replies with an @ of the sender', async () => {
    let ackedBeforeHandlerReturned = true;
    await connect(async (msg) => {
      seen.push(msg);
      await settle(30);
      ackedBeforeHandlerReturned = fake.acks(frameId).length > 0;
      return { title: '已收到', text: '已登记' };
    });
    const hook = fake.api.sessionWebhook('s1');
    const frameId = fake.pushRobot(
      robotMessage({ staffId: 'staff0123', group: { id: 'cidG==', title: '横林镇网格工作群' }, sessionWebhook: hook, msgId: 'm-1' }, textBody('上报 华美化工 消防通道堵塞', true)),
    );
    await fake.waitForAcks(frameId);
    await fake.waitForWebhooks(1);
    expect(ackedBeforeHandlerReturned).toBe(false);
    expect(seen[0]).toMatchObject({
      platform: 'dingtalk',
      messageId: 'm-1',
      senderId: 'dingtalk:staff0123',
      senderName: '张三',
      text: '上报 华美化工 消防通道堵塞',
      conversation: { kind: 'group', id: 'cidG==', title: '横林镇网格工作群' },
      mentioned: true,
      replyTo: hook,
      images: [],
    });
    expect(fake.ackData(frameId)).toEqual({ response: { status: 'SUCCESS' } });
    expect(fake.api.webhookPosts[0]).toEqual({
      session: 's1',
      body: { msgtype: 'text', text: { content: '@staff0123 已登记' }, at: { atUserIds: ['staff0123'] } },
    });
    expect(logs.some((l) => l.includes('已连接'))).toBe(true);
  });

  it('fetches the pictures of a rich text at once through messageFiles/download', async () => {
    await connect(async (msg) => {
      seen.push(msg);
      return null;
    });
    const frameId = fake.pushRobot(
      robotMessage(
        { staffId: 'staff7', group: { id: 'cidG==', title: '群' }, sessionWebhook: fake.api.sessionWebhook() },
        richTextBody([{ picture: 'dl-code-1' }, { text: ' 消防通道堵塞' }]),
      ),
    );
    await fake.waitForAcks(frameId);
    expect(seen[0].text).toBe('消防通道堵塞');
    expect(seen[0].images.map((i) => i.ref)).toEqual(['dl-code-1']);
    const picture = await seen[0].images[0].fetch();
    expect(picture.mime).toBe('image/jpeg');
    expect(Buffer.from(picture.bytes).equals(Buffer.from(TINY_JPEG))).toBe(true);
    const [download] = fake.api.callsTo('/v1.0/robot/messageFiles/download');
    // robotCode defaults to the client id; the call carries a token from /oauth2/accessToken.
    expect(download.body).toEqual({ downloadCode: 'dl-code-1', robotCode: FAKE_CLIENT.clientId });
    expect(download.token).toMatch(/^tok1-/);
    expect(fake.api.pictureDownloads).toHaveLength(1);
    expect(fake.api.webhookPosts).toHaveLength(0);
  });

  it('reads a picture message, an audio message (its recognition text) and an outsider without staff id', async () => {
    await connect(async (msg) => {
      seen.push(msg);
      return null;
    });
    const hook = fake.api.sessionWebhook();
    const a = fake.pushRobot(robotMessage({ staffId: 'staff8', sessionWebhook: hook }, pictureBody('dl-2')));
    const b = fake.pushRobot(robotMessage({ staffId: 'staff8', sessionWebhook: hook }, audioBody('巡查 华美 正常')));
    const c = fake.pushRobot(robotMessage({ sessionWebhook: hook, senderNick: '外部人员' }, textBody('你好', false)));
    await fake.waitForAcks(a);
    await fake.waitForAcks(b);
    await fake.waitForAcks(c);
    const byText = (t: string) => seen.find((m) => m.text === t)!;
    expect(seen.find((m) => m.images.length === 1)).toMatchObject({ text: '', conversation: { kind: 'direct' }, mentioned: false });
    expect(byText('巡查 华美 正常')).toMatchObject({ senderId: 'dingtalk:staff8', images: [] });
    expect(byText('你好').senderId).toMatch(/^dingtalk:\$:LWCP_v1:\$/);
  });

  it('does not ACK when the handler throws, survives it, and handles the redelivery', async () => {
    let fail = true;
    await connect(async (msg) => {
      if (fail) throw new Error('database is locked');
      seen.push(msg);
      return { title: 't', text: '好', markdown: '### 好' };
    });
    const message = robotMessage({ staffId: 'staff9', sessionWebhook: fake.api.sessionWebhook() }, textBody('统计', false));
    const frameId = fake.pushRobot(message);
    await settle(100);
    expect(fake.acks(frameId)).toHaveLength(0);
    expect(logs.filter((l) => l.includes(frameId))).toEqual([expect.stringContaining('database is locked')]);
    fail = false;
    fake.pushRobot(message, frameId);
    await fake.waitForAcks(frameId);
    await fake.waitForWebhooks(1);
    expect(seen).toHaveLength(1);
    // A direct chat: markdown reply without an @.
    expect(fake.api.webhookPosts[0].body).toEqual({ msgtype: 'markdown', markdown: { title: 't', text: '### 好' } });
  });

  it('ACKs and logs an invalid payload without calling the handler; a garbage frame breaks nothing', async () => {
    await connect(async (msg) => {
      seen.push(msg);
      return null;
    });
    const noWebhook = fake.pushRobot({ msgtype: 'text', text: { content: 'hi' }, msgId: 'x', conversationType: '1' });
    const notJson = fake.pushRobot('{not json');
    const unknownType = fake.pushRobot(robotMessage({ sessionWebhook: fake.api.sessionWebhook() }, { msgtype: 'chatRecord', content: {} }));
    fake.stream.pushRaw('not even a frame');
    await fake.waitForAcks(noWebhook);
    await fake.waitForAcks(notJson);
    await fake.waitForAcks(unknownType);
    expect(seen).toHaveLength(0);
    expect(logs.filter((l) => l.includes('格式无效'))).toHaveLength(3);
    expect(logs.some((l) => l.includes('无法解析的下行帧'))).toBe(true);
    // Still connected and working: the SDK answers a ping, and a valid message goes through.
    fake.stream.ping('opaque-1');
    const ok = fake.pushRobot(robotMessage({ staffId: 's', sessionWebhook: fake.api.sessionWebhook() }, textBody('帮助', false)));
    await fake.waitForAcks(ok);
    expect(seen).toHaveLength(1);
    expect(fake.stream.received.some((f) => f.code === 200 && f.data === JSON.stringify({ opaque: 'opaque-1' }))).toBe(true);
  });

  it('never logs the client secret or an access token', async () => {
    await connect(async (msg) => {
      await msg.images[0]?.fetch();
      return { title: 't', text: 'ok' };
    });
    const frameId = fake.pushRobot(robotMessage({ staffId: 's1', sessionWebhook: fake.api.sessionWebhook('secret-session') }, pictureBody('dl-3')));
    await fake.waitForAcks(frameId);
    await fake.waitForWebhooks(1);
    const all = logs.join('\n');
    expect(all).not.toContain(FAKE_CLIENT.clientSecret);
    expect(all).not.toMatch(/tok\d+-/);
    expect(all).not.toContain('secret-session');
  });
});
