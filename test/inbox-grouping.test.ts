import { describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { hazards, people, receivedMessages } from '../db/schema/index.js';
import { loadActor } from '../api/core/actor.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { resolveSender } from '../bot/dialog/sender.js';
import { turnGroup } from '../bot/turn-group.js';
import type { Writer } from '../api/core/write.js';
import { makeGrid } from './helpers/fixtures.js';
import { bindIdentity, dialogWorld } from './helpers/dialog-world.js';

// Messages that arrive in one turn of the event loop are recorded with one insert, their senders
// resolved with one query and their outcomes stored with one update. Each must still end exactly
// as it would alone.

describe('inbox: messages arriving together', () => {
  it('a mix of senders in one turn: each gets its own answer, every message recorded and marked once', async () => {
    const c = await dialogWorld();
    const msgs = [
      c.message(c.w.workerA1, '上报 华美化工 消防通道堵塞', { platform: 'dingtalk' }),
      c.message(c.w.workerB1, '上报 精密机械 配电箱未接地'),
      c.message(c.w.workerB1, '上报 华美化工 安全出口锁闭'),
      c.message(c.w.adminA, '帮助'),
      c.message(null, '上报 华美化工 乱堆杂物'),
      c.message(c.w.deptUser, '上报 华美化工 消防栓损坏', { platform: 'dingtalk' }),
    ];
    const replies = await Promise.all(msgs.map((m) => c.inbox.receive(m)));
    expect(replies[0]?.title).toMatch(/^隐患已登记/);
    expect(replies[1]?.title).toMatch(/^隐患已登记/);
    // Worker B1's scope does not reach worker A1's grid, even when both ask in the same turn.
    expect(replies[2]?.text).toContain('没有找到');
    expect(replies[3]?.text).toContain('交办');
    expect(replies[4]?.text).toContain('绑定');
    expect(replies[5]?.title).not.toMatch(/^隐患已登记/);
    const rows = await c.db.select().from(hazards);
    expect(rows.map((h) => [h.reporterId, h.enterpriseId]).sort()).toEqual(
      [[c.w.workerA1.id, c.huamei.id], [c.w.workerB1.id, c.other.id]].sort(),
    );
    const recorded = await c.db.select().from(receivedMessages).where(inArray(receivedMessages.messageId, msgs.map((m) => m.messageId)));
    expect(recorded).toHaveLength(msgs.length);
    for (const [i, m] of msgs.entries()) {
      const row = recorded.find((r) => r.messageId === m.messageId)!;
      expect(row.status).toBe('handled');
      expect(row.senderExternalId).toBe(m.senderId);
      expect(row.reply).toMatchObject({ title: replies[i]!.title });
    }
  });

  it('deliveries of one message in the same turn as others: that message answered once, the others each once', async () => {
    const c = await dialogWorld();
    const dup = c.message(c.w.workerA1, '上报 华美化工 消防通道堵塞', { messageId: 'same-turn-dup' });
    const other = c.message(c.w.workerA2, '帮助');
    const replies = await Promise.all([c.inbox.receive(dup), c.inbox.receive(other), c.inbox.receive({ ...dup }), c.inbox.receive(dup)]);
    expect([replies[0], replies[2], replies[3]].filter(Boolean)).toHaveLength(1);
    expect(replies[1]?.text).toContain('上报');
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 1 }]);
    expect(await c.db.select({ n: count() }).from(receivedMessages).where(eq(receivedMessages.messageId, 'same-turn-dup'))).toEqual([{ n: 1 }]);
    // Redelivered later, in a turn of its own: still nothing new.
    expect(await c.inbox.receive(dup)).toBeNull();
  });

  it('120 messages in one turn: all recorded, each answered once (rows packed under the bound-parameter limit)', async () => {
    const c = await dialogWorld();
    // D1 binds at most 100 parameters per statement: every statement written here stays under it.
    let most = 0;
    const counting: Writer = {
      batch: (async (statements: unknown[]) => {
        for (const s of statements) most = Math.max(most, (s as { getQuery: () => { params: unknown[] } }).getQuery().params.length);
        return c.deps.writer.batch(statements as never);
      }) as Writer['batch'],
    };
    const deps = { ...c.deps, writer: counting };
    const inbox = createInbox({ deps, handle: createDialog({ deps }), log: () => {} });
    const msgs = Array.from({ length: 120 }, (_, i) => c.message(i % 2 ? c.w.workerA1 : c.w.adminA, '帮助', { platform: 'dingtalk' }));
    const replies = await Promise.all([...msgs, msgs[7]].map((m) => inbox.receive(m)));
    expect(replies.slice(0, 120).every((r) => r?.text.includes('上报'))).toBe(true);
    expect(replies[120]).toBeNull();
    const rows = await c.db.select().from(receivedMessages).where(inArray(receivedMessages.messageId, msgs.map((m) => m.messageId)));
    expect(rows).toHaveLength(120);
    expect(rows.every((r) => r.status === 'handled' && r.reply != null)).toBe(true);
    expect(most).toBeGreaterThan(50);
    expect(most).toBeLessThanOrEqual(100);
  });

  it('one message whose handling fails does not affect the others of its turn', async () => {
    const c = await dialogWorld();
    const dialog = createDialog({ deps: c.deps });
    const logs: string[] = [];
    const inbox = createInbox({
      deps: c.deps,
      handle: async (msg, received) => {
        if (msg.text.includes('炸')) throw new Error('boom');
        return dialog(msg, received);
      },
      log: (l) => logs.push(l),
    });
    const ok1 = c.message(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const bad = c.message(c.w.workerA2, '炸');
    const ok2 = c.message(c.w.workerB1, '上报 精密机械 配电箱未接地');
    const replies = await Promise.all([ok1, bad, ok2].map((m) => inbox.receive(m)));
    expect(replies[0]?.title).toMatch(/^隐患已登记/);
    expect(replies[1]?.text).toContain('抱歉，处理您的消息时出错了');
    expect(replies[2]?.title).toMatch(/^隐患已登记/);
    const status = async (id: string) => (await c.db.select().from(receivedMessages).where(eq(receivedMessages.messageId, id)))[0].status;
    expect([await status(ok1.messageId), await status(bad.messageId), await status(ok2.messageId)]).toEqual(['handled', 'failed', 'handled']);
    expect(logs.filter((l) => l.includes('boom'))).toHaveLength(1);
  });

  it('a message that cannot be recorded is refused alone; the others of its turn are recorded and handled', async () => {
    const c = await dialogWorld();
    // A database that refuses any statement carrying this one message id, as a bad row would.
    const picky: Writer = {
      batch: (async (statements: unknown[]) => {
        if (statements.some((s) => JSON.stringify((s as { getQuery?: () => unknown }).getQuery?.() ?? null).includes('poison'))) {
          throw new Error('constraint failed');
        }
        return c.deps.writer.batch(statements as never);
      }) as Writer['batch'],
    };
    const deps = { ...c.deps, writer: picky };
    const inbox = createInbox({ deps, handle: createDialog({ deps }), log: () => {} });
    const ok = c.message(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const poison = c.message(c.w.workerA2, '帮助', { messageId: 'poison-1' });
    const ok2 = c.message(c.w.adminA, '帮助');
    const results = await Promise.allSettled([ok, poison, ok2].map((m) => inbox.receive(m)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<{ title: string }>).value.title).toMatch(/^隐患已登记/);
    const rows = await c.db.select().from(receivedMessages);
    expect(rows.map((r) => r.messageId).sort()).toEqual([ok.messageId, ok2.messageId].sort());
    expect(rows.every((r) => r.status === 'handled')).toBe(true);
  });
});

describe('inbox: senders resolved together', () => {
  it('resolves each identity to exactly the actor loadActor gives, for every role; strangers and inactive people to null', async () => {
    const c = await dialogWorld();
    await makeGrid(c.db, c.w.townA.id, c.w.workerA1.id);
    const inactive = c.w.workerA2;
    await c.db.update(people).set({ active: false }).where(eq(people.id, inactive.id));
    const persons = [c.w.workerA1, c.w.workerB1, c.w.adminA, c.w.district, c.w.deptUser, inactive];
    const resolved = await Promise.all([
      ...persons.map((p) => resolveSender(c.db, 'dingtalk', `dingtalk:staff${p.id}`)),
      resolveSender(c.db, 'dingtalk', 'dingtalk:nobody'),
      resolveSender(c.db, 'dingtalk', `terminal:t${c.w.workerA1.id}`),
      resolveSender(c.db, 'terminal', `terminal:t${c.w.adminA.id}`),
    ]);
    for (const [i, p] of persons.entries()) expect(resolved[i]).toEqual(await loadActor(c.db, p.id));
    expect(resolved[0]?.gridIds).toHaveLength(2);
    expect(resolved[5]).toBeNull();
    expect(resolved.slice(6, 8)).toEqual([null, null]);
    expect(resolved[8]).toEqual(await loadActor(c.db, c.w.adminA.id));
  });

  it('an identity bound a moment ago is known on the next message: nothing is kept between turns', async () => {
    const c = await dialogWorld();
    expect(await resolveSender(c.db, 'wechat', 'wechat:wxid_new')).toBeNull();
    await bindIdentity(c.db, c.w.workerA1.id, 'wechat', 'wxid_new');
    expect((await resolveSender(c.db, 'wechat', 'wechat:wxid_new'))?.personId).toBe(c.w.workerA1.id);
  });
});

describe('turnGroup', () => {
  it('runs the items of one turn together and, when the group fails, each alone so only the bad one fails', async () => {
    const runs: number[][] = [];
    const double = turnGroup(async (items: number[]) => {
      runs.push(items);
      if (items.includes(13)) throw new Error('unlucky');
      return items.map((n) => n * 2);
    });
    const results = await Promise.allSettled([1, 13, 3].map((n) => double(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: new Error('unlucky') },
      { status: 'fulfilled', value: 6 },
    ]);
    expect(runs).toEqual([[1, 13, 3], [1], [13], [3]]);
    expect(await double(5)).toBe(10);
    expect(runs.at(-1)).toEqual([5]);
  });

  it('splits a turn into groups of at most `max` items', async () => {
    const sizes: number[] = [];
    const echo = turnGroup(async (items: number[]) => (sizes.push(items.length), items), 2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => echo(n)))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });
});
