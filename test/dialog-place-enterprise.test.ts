// A place the parser guessed for 统计 / 逾期 that is no town in scope but an enterprise in scope
// (华美这个月报了几条隐患) is answered for that enterprise, never with "not found".
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drafts, grids } from '../db/schema/index.js';
import { dialogWorld } from './helpers/dialog-world.js';

describe('dialog: a statistics place that names an enterprise', () => {
  it('统计 of an enterprise answers with the enterprise and the hazards reported in the period', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    await c.say(c.w.workerA1, '上报 华美化工 灭火器过期');
    const reply = await c.say(c.w.workerA1, '统计 华美化工 本月');
    expect(reply).toContain('【常州华美化工有限公司】');
    expect(reply).toContain('本月上报隐患：2 条');
    expect(reply).not.toContain('没有找到');
  });

  it('the message as written: 华美这个月报了几条隐患 asks which 华美, and the number answers with the count', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美塑料 消防通道堵塞');
    const q = await c.say(c.w.workerA1, '华美这个月报了几条隐患');
    expect(q).not.toContain('没有找到');
    expect(q).toContain('常州华美化工有限公司');
    expect(q).toContain('常州华美塑料制品有限公司');
    const n = q.split('\n').find((l) => l.includes('华美塑料'))!.trim()[0];
    const reply = await c.say(c.w.workerA1, n);
    expect(reply).toContain('【常州华美塑料制品有限公司】');
    expect(reply).toContain('本月上报隐患：1 条');
    expect((await c.db.select().from(drafts)).filter((d) => d.awaiting)).toHaveLength(0); // the question was answered
  });

  it('逾期 of an enterprise answers with the enterprise and its overdue count', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '逾期 华美化工');
    expect(reply).toContain('【常州华美化工有限公司】');
    expect(reply).toContain('逾期未整改隐患：0 条');
  });

  it('a town is still a town: 统计 横林镇 gives the town figures', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.adminA, '统计 横林镇 本月');
    expect(reply).toContain('横林镇');
    expect(reply).not.toContain('上报隐患：');
  });

  it('in a group the enterprise answer goes to the sender privately', async () => {
    const c = await dialogWorld();
    const out = await c.send(c.w.workerA1, '统计 华美化工 本月', { group: true, mentioned: true, platform: 'dingtalk' });
    expect(out?.text).not.toContain('华美');
    expect(out?.privately?.text).toContain('常州华美化工有限公司');
  });

  it('out of scope: an enterprise of another grid or town is not found and not named', async () => {
    const c = await dialogWorld();
    for (const [who, text] of [[c.w.workerA2, '统计 华美化工 本月'], [c.w.workerA1, '统计 精密机械 本月'], [c.w.adminA, '逾期 精密机械']] as const) {
      const reply = await c.say(who, text);
      expect(reply, text).toContain('不在您的查看范围内');
      expect(reply, text).not.toMatch(/常州华美化工有限公司|横山精密机械有限公司|上报隐患：/);
    }
  });

  it('a grid is a place too: 统计 崔桥村 gives that grid\'s figures; another worker\'s grid is not found', async () => {
    const c = await dialogWorld();
    await c.db.update(grids).set({ name: '崔桥村网格', village: '崔桥村' }).where(eq(grids.id, c.w.gridA1.id));
    const mine = await c.say(c.w.workerA1, '统计 崔桥村 本月');
    expect(mine).toContain('统计（横林镇崔桥村网格');
    const admin = await c.say(c.w.adminA, '逾期 崔桥村网格');
    expect(admin).toContain('横林镇崔桥村网格');
    const other = await c.say(c.w.workerA2, '统计 崔桥村 本月');
    expect(other).toContain('不在您的查看范围内');
    expect(other).not.toContain('崔桥村网格');
  });
});
