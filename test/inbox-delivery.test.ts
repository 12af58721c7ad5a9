import { describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { attachments, hazards, receivedMessages } from '../db/schema/index.js';
import { createInbox } from '../bot/inbox.js';
import { bindIdentity, dialogWorld } from './helpers/dialog-world.js';

describe('inbox: each platform message is handled once', () => {
  it('a redelivered message is answered once and creates one record', async () => {
    const c = await dialogWorld();
    const msg = c.message(c.w.workerA1, '上报 华美化工 消防通道堵塞', { platform: 'dingtalk', messageId: 'dup-1' });
    const first = await c.inbox.receive(msg);
    expect(first?.title).toMatch(/^隐患已登记/);
    expect(await c.inbox.receive(msg)).toBeNull();
    expect(await c.inbox.receive({ ...msg })).toBeNull();
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 1 }]);
    const rows = await c.db.select().from(receivedMessages).where(eq(receivedMessages.messageId, 'dup-1'));
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('handled');
    expect(rows[0].reply).toMatchObject({ title: first!.title });
    expect(rows[0].payload).toMatchObject({ text: '上报 华美化工 消防通道堵塞', senderId: `dingtalk:staff${c.w.workerA1.id}` });
  });

  it('concurrent deliveries of one message: one reply, one record', async () => {
    const c = await dialogWorld();
    const msg = c.message(c.w.workerA1, '上报 华美化工 消防通道堵塞', { messageId: 'race-1' });
    const replies = await Promise.all([c.inbox.receive(msg), c.inbox.receive(msg), c.inbox.receive(msg)]);
    expect(replies.filter(Boolean)).toHaveLength(1);
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 1 }]);
  });

  it('a message stored but never handled (crash) is processed on redelivery and by replayPending', async () => {
    const c = await dialogWorld();
    const crashed = c.message(c.w.workerA1, '上报 华美化工 一号仓库灭火器过期', { messageId: 'crash-1' });
    const orphan = c.message(c.w.workerA1, '上报 华美塑料 安全出口锁闭', { messageId: 'crash-2' });
    for (const m of [crashed, orphan]) {
      await c.db.insert(receivedMessages).values({
        platform: m.platform, messageId: m.messageId, senderExternalId: m.senderId, receivedAt: m.receivedAt, status: 'received',
        payload: { ...m, images: [], receivedAt: m.receivedAt.toISOString() } as unknown as Record<string, unknown>,
      });
    }
    expect((await c.inbox.receive(crashed))?.title).toMatch(/^隐患已登记/);
    const replayed = await c.inbox.replayPending();
    expect(replayed).toHaveLength(1);
    expect(replayed[0]).toMatchObject({ messageId: 'crash-2' });
    expect(replayed[0].reply?.title).toMatch(/^隐患已登记/);
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 2 }]);
    expect(await c.inbox.replayPending()).toEqual([]);
  });

  it('a failure becomes a short apology, status failed and a log line; never a throw or a stack', async () => {
    const c = await dialogWorld();
    const logs: string[] = [];
    const inbox = createInbox({ deps: c.deps, handle: async () => { throw new Error('boom at secret/path.ts:12'); }, log: (l) => logs.push(l) });
    const reply = await inbox.receive(c.message(c.w.workerA1, '统计', { messageId: 'fail-1' }));
    expect(reply?.text).toContain('抱歉，处理您的消息时出错了');
    expect(reply?.text).not.toContain('boom');
    expect(logs.some((l) => l.includes('boom'))).toBe(true);
    const [row] = await c.db.select().from(receivedMessages).where(eq(receivedMessages.messageId, 'fail-1'));
    expect(row.status).toBe('failed');
    expect(await inbox.receive(c.message(c.w.workerA1, '统计', { messageId: 'fail-1' }))).toBeNull();
  });

  it('group chatter without a mention is neither answered nor kept', async () => {
    const c = await dialogWorld();
    expect(await c.send(c.w.workerA1, '上报 华美化工 消防通道堵塞', { group: true, mentioned: false })).toBeNull();
    expect(await c.db.select({ n: count() }).from(receivedMessages)).toEqual([{ n: 0 }]);
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 0 }]);
    const reply = await c.send(c.w.workerA1, '上报 华美化工 消防通道堵塞', { group: true, mentioned: true, platform: 'dingtalk' });
    expect(reply?.title).toMatch(/^隐患已登记/);
  });

  it('an unmentioned group photo is kept silently and attaches to the mentioned report after it', async () => {
    const c = await dialogWorld();
    await bindIdentity(c.db, c.w.workerA1.id, 'wechat', 'wxid_a1');
    const o = { group: true, platform: 'wechat' as const, senderId: 'wechat:wxid_a1' };
    expect(await c.send(c.w.workerA1, '', { ...o, mentioned: false, photos: 1 })).toBeNull();
    expect(await c.db.select({ n: count() }).from(attachments)).toEqual([{ n: 1 }]);
    const reply = await c.send(c.w.workerA1, '上报 华美化工 消防通道堵塞', { ...o, mentioned: true });
    expect(reply?.text).toContain('已附 1 张照片');
    expect(reply?.markdown).toBeUndefined();
  });
});

describe('inbox: a message that cannot be recorded', () => {
  it('rejects, so the adapter does not ACK and the platform delivers it again', async () => {
    const c = await dialogWorld();
    const logs: string[] = [];
    const broken = { ...c.deps, writer: { batch: async () => { throw new Error('disk I/O error'); } } };
    const inbox = createInbox({ deps: broken, handle: async () => null, log: (l) => logs.push(l) });
    await expect(inbox.receive(c.message(c.w.workerA1, '统计', { messageId: 'norec-1' }))).rejects.toThrow('not recorded');
    expect(logs.some((l) => l.includes('disk I/O error'))).toBe(true);
    // The platform's redelivery, once the database is back, is handled normally.
    expect((await c.inbox.receive(c.message(c.w.workerA1, '上报 华美化工 消防通道堵塞', { messageId: 'norec-1' })))?.title).toMatch(/^隐患已登记/);
  });
});
