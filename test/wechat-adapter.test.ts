import { describe, it, expect, afterEach } from 'vitest';
import { FileBox } from 'file-box';
import type { IncomingMessage } from '../bot/port.js';
import { mockWechat, until } from './helpers/wechat-mock.js';

describe('WeChat adapter (wechaty + mock puppet)', () => {
  let w: Awaited<ReturnType<typeof mockWechat>>;
  afterEach(async () => w?.stop());

  it('normalises a direct message and replies to the sender', async () => {
    w = await mockWechat();
    const seen: IncomingMessage[] = [];
    w.adapter.onMessage(async (m) => {
      seen.push(m);
      return { title: '回复', text: '已收到' };
    });
    w.worker.say('上报　华美 消防通道堵塞').to(w.me);
    await until(() => w.said.length === 1);
    expect(seen[0]).toMatchObject({
      platform: 'wechat',
      senderId: `wechat:${w.worker.id}`,
      senderName: '张三',
      text: '上报　华美 消防通道堵塞',
      conversation: { kind: 'direct' },
      mentioned: true,
      images: [],
    });
    expect(w.said[0]).toEqual({ to: w.worker.id, text: '已收到' });
  });

  it('in a group sees only @-mentions (mention removed) and photos, and @-replies the sender', async () => {
    w = await mockWechat();
    const seen: IncomingMessage[] = [];
    w.adapter.onMessage(async (m) => {
      seen.push(m);
      return m.text ? { title: '回复', text: '好的' } : null;
    });
    w.worker.say('大家好，今天天气不错').to(w.room);
    w.worker.say('@安全助手 巡查 华美 正常', [w.me]).to(w.room);
    await until(() => w.said.length === 1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ text: '巡查 华美 正常', mentioned: true, conversation: { kind: 'group', id: w.room.id } });
    expect(w.said[0].to).toBe(w.room.id);
    expect(w.said[0].text).toContain('@张三');

    w.worker.say(FileBox.fromBase64(Buffer.from('jpegbytes').toString('base64'), 'p.jpg')).to(w.room);
    await until(() => seen.length === 2);
    expect(seen[1]).toMatchObject({ text: '', mentioned: false });
    const img = await seen[1].images[0].fetch();
    expect(Buffer.from(img.bytes).toString()).toBe('jpegbytes');
    expect(img.mime).toBe('image/jpeg');
  });

  it('ignores its own messages and survives a throwing handler', async () => {
    w = await mockWechat();
    let calls = 0;
    w.adapter.onMessage(async () => {
      calls++;
      throw new Error('boom');
    });
    w.worker.say('帮助').to(w.me);
    await until(() => calls === 1);
    await w.adapter.send({ userId: w.worker.id }, { title: 't', text: '提醒' });
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(1);
  });

  it('sends proactively through a slow jittered queue', async () => {
    w = await mockWechat();
    const results = await Promise.all([1, 2, 3].map((i) => w.adapter.send({ userId: w.worker.id }, { title: 't', text: `提醒${i}` })));
    expect(results.every((r) => r.ok)).toBe(true);
    await until(() => w.said.length === 3);
    expect(w.said.map((s) => s.text)).toEqual(['提醒1', '提醒2', '提醒3']);
    // Every send after the first waited its gap (min 2000 + jitter 0.5 × 1000 minus elapsed).
    expect(w.sleeps).toHaveLength(2);
    for (const ms of w.sleeps) expect(ms).toBeGreaterThan(2000);
    expect(await w.adapter.send({ groupId: w.room.id }, { title: 't', text: '群提醒' })).toEqual({ ok: true });
    const missing = await w.adapter.send({ userId: 'nobody' }, { title: 't', text: 'x' });
    expect(missing).toMatchObject({ ok: false, retryable: false });
  });
});
