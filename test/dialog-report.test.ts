import { describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { hazards, attachments, drafts } from '../db/schema/index.js';
import { dialogWorld } from './helpers/dialog-world.js';

describe('dialog: 上报', () => {
  it('reports a hazard at an exactly named enterprise and replies with its code', async () => {
    const c = await dialogWorld();
    const reply = await c.send(c.w.workerA1, '上报 华美化工 二楼配电房堆放杂物');
    expect(reply?.title).toMatch(/^隐患已登记 YH20261123-\d{4}$/);
    const rows = await c.db.select().from(hazards);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ enterpriseId: c.huamei.id, reporterId: c.w.workerA1.id, status: 'reported', level: 'general', sourcePlatform: 'terminal' });
    expect(rows[0].description).toContain('配电房堆放杂物');
    expect(reply?.text).toContain(rows[0].code);
    expect(reply?.text).toContain('常州华美化工有限公司');
  });

  it('takes level and deadline from the words: major with 3天内 by an admin → rectifying', async () => {
    const c = await dialogWorld();
    await c.send(c.w.adminA, '上报 华美化工 消防通道堵塞，重大 3天内整改');
    const [h] = await c.db.select().from(hazards);
    expect(h.level).toBe('major');
    expect(h.status).toBe('rectifying');
    // 3 days from Monday 23 Nov → end of Thursday 26 Nov, Shanghai.
    expect(h.deadlineAt?.toISOString()).toBe('2026-11-26T16:00:00.000Z');
    expect(c.notifier.alerts).toEqual([{ kind: 'major_hazard', hazardId: h.id }]);
  });

  it('danger said in plain words reports a major hazard and the reply quotes the words', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '华美化工 储罐区边上有人抽烟 太危险了');
    const [h] = await c.db.select().from(hazards);
    expect(h.level).toBe('major');
    expect(reply).toContain('消息里说“太危险”，按重大隐患上报');
    expect(reply).toContain('改成一般');
  });

  it('asks a numbered choice for an ambiguous name and completes with the number', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '上报 华美 灭火器过期');
    expect(q).toContain('请选择企业：');
    expect(q).toMatch(/1\. 常州华美/);
    expect(q).toMatch(/2\. 常州华美/);
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 0 }]);
    const plasticIndex = q.split('\n').find((l) => l.includes('塑料'))!.trim()[0];
    const done = await c.send(c.w.workerA1, plasticIndex);
    expect(done?.title).toMatch(/^隐患已登记/);
    const [h] = await c.db.select().from(hazards);
    expect(h.enterpriseId).toBe(c.huameiPlastic.id);
    expect(h.description).toContain('灭火器过期');
    expect(await c.db.select().from(drafts).where(eq(drafts.intent, 'report'))).toHaveLength(0);
  });

  it('an out-of-range number keeps the question open', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美 灭火器过期');
    expect(await c.say(c.w.workerA1, '7')).toContain('请回复 1 到 2 之间的序号');
    expect((await c.send(c.w.workerA1, '1'))?.title).toMatch(/^隐患已登记/);
  });

  it('missing description → one question → the answer completes the draft', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '上报 华美化工');
    expect(q).toContain('请简要描述隐患情况');
    const done = await c.send(c.w.workerA1, '仓库油漆与稀释剂混放');
    expect(done?.title).toMatch(/^隐患已登记/);
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: c.huamei.id, description: '仓库油漆与稀释剂混放' });
  });

  it('a draft survives a restart: a new inbox and dialog on the same database continue it', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美 消防栓被遮挡');
    const { createInbox } = await import('../bot/inbox.js');
    const { createDialog } = await import('../bot/dialog/handle.js');
    const restarted = createInbox({ deps: c.deps, handle: createDialog({ deps: c.deps }) });
    // A second device: the same person on DingTalk answers the question asked on the terminal.
    const reply = await restarted.receive(c.message(c.w.workerA1, '1', { platform: 'dingtalk' }));
    expect(reply?.title).toMatch(/^隐患已登记/);
    expect(reply?.markdown).toContain('dtmd://dingtalkclient/sendMessage?content=');
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 1 }]);
  });

  it('取消 drops the draft; a draft older than 30 minutes is forgotten', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美 消防栓被遮挡');
    expect(await c.say(c.w.workerA1, '取消')).toContain('已取消');
    expect(await c.say(c.w.workerA1, '1')).toContain('没有待回答的问题');
    await c.say(c.w.workerA1, '上报 华美 消防栓被遮挡');
    c.advance(31 * 60_000);
    expect(await c.say(c.w.workerA1, '1')).toContain('没有待回答的问题');
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 0 }]);
  });

  it('duplicate guard asks 是/否: 是 adds to the existing hazard, 否 reports a new one', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 一号车间灭火器过期');
    const q = await c.say(c.w.workerA1, '上报 华美化工 二号车间灭火器过期');
    const [first] = await c.db.select().from(hazards);
    expect(q).toContain(`是否补充到已有隐患 ${first.code}？回复“是”补充，回复“否”另行上报`);
    const yes = await c.send(c.w.workerA1, '是');
    expect(yes?.title).toBe(`已补充到隐患 ${first.code}`);
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 1 }]);

    await c.say(c.w.workerA1, '上报 华美化工 三号车间灭火器过期');
    const no = await c.send(c.w.workerA1, '否');
    expect(no?.title).toMatch(/^隐患已登记/);
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 2 }]);
  });

  it('an enterprise outside the sender’s grids is not found, and nothing is written', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '上报 精密机械 叉车无证驾驶');
    expect(reply).toContain('没有找到企业');
    expect(reply).not.toContain('横山精密机械有限公司');
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 0 }]);
  });

  it('a department user cannot report: the verb’s own message, nothing written', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.deptUser, '上报 华美化工 消防通道堵塞');
    expect(reply).not.toMatch(/隐患已登记/);
    expect(await c.db.select({ n: count() }).from(hazards)).toEqual([{ n: 0 }]);
    expect(await c.db.select({ n: count() }).from(attachments)).toEqual([{ n: 0 }]);
  });
});
