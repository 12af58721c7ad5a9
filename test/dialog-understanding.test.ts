// The dialog with messages as workers write them: no command word, traditional characters, forms,
// deadlines asked back, numbered readings, and names in scope offered instead of 没看懂.
import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { drafts, hazards, patrols } from '../db/schema/index.js';
import { dialogWorld } from './helpers/dialog-world.js';

const hazardCount = async (c: Awaited<ReturnType<typeof dialogWorld>>) => (await c.db.select({ n: count() }).from(hazards))[0].n;

describe('dialog: understanding natural messages', () => {
  it('reports with the enterprise named first and no command word, keeping only the worker\'s words', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '华美化工 消防通道堵了 三天内弄好');
    expect(reply).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: c.huamei.id, description: '消防通道堵了' });
    expect(h.deadlineAt).not.toBeNull();
  });

  it('reads traditional characters', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '上報 華美化工 滅火器過期')).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h.description).toBe('灭火器过期');
  });

  it('records a patrol told as a story and a patrol pasted as a form', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '刚去华美化工转了一圈 都挺好')).toContain('巡查');
    expect(await c.say(c.w.workerA1, '企业：华美塑料\n结果：正常')).toContain('巡查');
    const rows = await c.db.select().from(patrols);
    expect(rows.map((p) => p.enterpriseId).sort()).toEqual([c.huamei.id, c.huameiPlastic.id].sort());
    expect(rows.every((p) => p.result === 'normal')).toBe(true);
  });

  it('asks back a date already past instead of rolling it to next year, then reports with the new one', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '上报 华美化工 灭火器过期 11月20日前整改');
    expect(q).toContain('已经过去');
    expect(await hazardCount(c)).toBe(0);
    expect(await c.say(c.w.workerA1, '12月10日前')).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h.description).toBe('灭火器过期');
    // 24:00 Shanghai on 10 December.
    expect(h.deadlineAt?.toISOString()).toBe('2026-12-10T16:00:00.000Z');
  });

  it('asks back words that give no date (尽快); 不设期限 reports without one', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '上报 华美化工 配电箱没接地 尽快整改')).toContain('不是一个具体期限');
    expect(await c.say(c.w.workerA1, '不设期限')).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ description: '配电箱没接地', deadlineAt: null });
  });

  it('an unknown verb before a hazard code asks which action, and the number runs it', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const [h] = await c.db.select().from(hazards);
    const q = await c.say(c.w.adminA, `${h.code} 催一下`);
    expect(q).toContain('1. 查看隐患');
    expect(q).toContain('交办');
    const [after] = await c.db.select().from(hazards);
    expect(after.status).toBe(h.status);
    expect(await c.say(c.w.adminA, '1')).toContain(h.code);
    expect(await c.db.select().from(drafts)).toHaveLength(1); // only the worker's photo window
  });

  it('a complete command sent while a reading is asked is handled as itself', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const [h] = await c.db.select().from(hazards);
    expect(await c.say(c.w.workerA1, `${h.code} 加急`)).toContain('1.');
    expect(await c.say(c.w.workerA1, '巡查 华美塑料 正常')).toContain('巡查');
    expect(await c.db.select().from(patrols)).toHaveLength(1);
  });

  it('a bare enterprise name in scope gets numbered choices, not 没看懂; out of scope it is not revealed', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '华美塑料');
    expect(q).toContain('1. 查询企业');
    expect(q).toContain('记录');
    const n = q.split('\n').find((l) => l.includes('巡查'))!.trim()[0];
    expect(await c.say(c.w.workerA1, n)).toContain('巡查结果');
    const outside = await c.say(c.w.workerA2, '精密机械');
    expect(outside).toContain('没看懂');
    expect(outside).not.toContain('精密');
  });

  it('pinyin initials of a short name get a numbered choice, not "not found"', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '上报 hmhg 灭火器过期');
    expect(q).toContain('1. 常州华美化工有限公司');
    expect(await c.say(c.w.workerA1, '1')).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: c.huamei.id, description: '灭火器过期' });
  });

  it('finds a name inside a sentence it cannot read (word segmentation) and offers choices', async () => {
    const c = await dialogWorld();
    // A question about the enterprise itself is answered with its page…
    expect(await c.say(c.w.workerA1, '华美塑料的负责人是谁')).toContain('【常州华美塑料制品有限公司】');
    // …and a sentence of no known shape that names it offers what can be done with it.
    const q = await c.say(c.w.workerA1, '华美塑料下午开会记得通知');
    expect(q).toContain('查询企业 常州华美塑料制品有限公司');
  });

  it('a sentence naming an enterprise and nothing wrong writes nothing', async () => {
    const c = await dialogWorld();
    for (const text of ['华美塑料 明天来检查', '华美塑料的老板电话', '华美化工的负责人是谁', '华美化工 明天上午开会']) {
      await c.say(c.w.workerA1, text);
      await c.say(c.w.workerA1, '取消');
    }
    expect(await hazardCount(c)).toBe(0);
    expect(await c.db.select().from(patrols)).toHaveLength(0);
  });

  it('answers 我管哪些企业 and 我还有几家没去 from the sender\'s own scope', async () => {
    const c = await dialogWorld();
    const mine = await c.say(c.w.workerA1, '我管哪些企业');
    expect(mine).toContain('常州华美化工有限公司');
    expect(mine).not.toContain('横山精密机械');
    const due = await c.say(c.w.workerA1, '我还有几家没去');
    expect(due).toMatch(/待巡查企业|没有到期未巡查/);
    expect(due).not.toContain('横山精密机械');
  });

  it('says how it read a period given with 逾期 instead of silently dropping it', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.adminA, '横林镇这个月逾期几条');
    expect(reply).toContain('不按“本月”筛选');
    expect(reply).toContain('横林镇');
  });

  it('a problem seen on a visit asks 上报 or 巡查; the number chosen decides what is written', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '华美化工 今天检查发现灭火器过期');
    expect(q).toContain('1. 上报');
    expect(q).toContain('2. 记录');
    expect(await hazardCount(c)).toBe(0);
    await c.say(c.w.workerA1, '2');
    const [p] = await c.db.select().from(patrols);
    expect(p).toMatchObject({ enterpriseId: c.huamei.id, result: 'issues' });
    const [h] = await c.db.select().from(hazards);
    expect(h.description).toBe('灭火器过期');
  });

  it('an enterprise with a check item only asks 上报 or 巡查, then what is wrong; nothing is written before', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '华美化工 灭火器');
    expect(q).toContain('1. 上报');
    expect(q).toContain('2. 记录');
    expect(await hazardCount(c)).toBe(0);
    expect(await c.say(c.w.workerA1, '1')).toContain('请简要描述隐患情况');
    await c.say(c.w.workerA1, '灭火器过期了');
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: c.huamei.id, description: '灭火器过期了' });
  });

  it('two enterprises in one message: each reading is offered with its enterprise, nothing is written before', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '华美化工 正常 华美塑料 灭火器过期');
    expect(q).toContain('1. ');
    expect(q).toContain('华美化工');
    expect(q).toContain('华美塑料');
    expect(await hazardCount(c)).toBe(0);
  });

  it('names a period asked with an enterprise instead of dropping it', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '华美化工这个月怎么样')).toContain('不按“本月”筛选');
  });

  it('answers how-to questions with that command\'s help', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '隐患怎么报')).toContain('上报 企业名 隐患描述');
  });
});
