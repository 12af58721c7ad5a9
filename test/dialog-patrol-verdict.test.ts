// A patrol's findings become a hazard only when they say what is wrong: all-well words in any
// dialect record a normal patrol, words that say nothing are asked about (1. 巡查正常 2. 发现隐患).
import { describe, expect, it } from 'vitest';
import { drafts, hazards, patrols } from '../db/schema/index.js';
import { dialogWorld } from './helpers/dialog-world.js';
import { patrolVerdict } from '../bot/dialog/patrol-verdict.js';

describe('patrol verdict: findings that describe nothing wrong', () => {
  it('reads all-well words in several voices as well, problems as problems, greetings and labels as nothing', () => {
    for (const s of ['老好个。没事体', '没问题', '一切正常', '挺好', '都好', '符合要求', '可以', '蛮好', '冇问题', '没毛病', '没啥事', '未发现隐患', '发现：无', '隐患：没有', '这次挺规范的 之前的问题都没了 正常']) {
      expect(patrolVerdict(s), s).toBe('well');
    }
    for (const s of ['灭火器过期', '挺好 就是灭火器过期了', '不合格', '消防通道不太好走', '配电箱未接地', '没戴安全帽', '没事先清理消防通道',
      '叉车刹车有问题', '两处问题，已现场告知', '消防通道停车 当场已整改']) {
      expect(patrolVerdict(s), s).toBe('problem');
    }
    for (const s of ['您好', '结果：', '看了一下']) expect(patrolVerdict(s), s).toBe('empty');
    expect(patrolVerdict('老板不在')).toBe('unclear');
  });

  it('a patrol told in Wu dialect with nothing wrong is a normal patrol, no hazard', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '华美化工今朝去过了，老好个。没事体');
    expect(reply).toContain('巡查已记录');
    expect(reply).toContain('结果：正常');
    expect(reply).not.toContain('隐患 YH');
    const [p] = await c.db.select().from(patrols);
    expect(p).toMatchObject({ enterpriseId: c.huamei.id, result: 'normal' });
    expect(await c.db.select().from(hazards)).toHaveLength(0);
  });

  it('findings that are only a greeting ask 1. 巡查正常 2. 发现隐患; 2 asks what was found, never records the greeting', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '巡查 华美化工 发现 您好');
    expect(q).toContain('1. 巡查正常');
    expect(q).toContain('2. 发现隐患');
    expect(await c.db.select().from(patrols)).toHaveLength(0);
    expect(await c.db.select().from(hazards)).toHaveLength(0);
    const [d] = await c.db.select().from(drafts);
    expect(d.awaiting).toBe('patrol_verdict');
    expect(await c.say(c.w.workerA1, '2')).toContain('发现了什么问题');
    const done = await c.say(c.w.workerA1, '配电箱未接地');
    expect(done).toContain('巡查已记录');
    const [h] = await c.db.select().from(hazards);
    expect(h.description).toBe('配电箱未接地');
  });

  it('unclear findings: 1 records a normal patrol, 2 records them as the hazard', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '巡查 华美化工 发现 老板不在')).toContain('2. 发现隐患');
    const normal = await c.say(c.w.workerA1, '1');
    expect(normal).toContain('结果：正常');
    expect(await c.db.select().from(hazards)).toHaveLength(0);

    expect(await c.say(c.w.workerA1, '巡查 华美塑料 发现 老板不在')).toContain('2. 发现隐患');
    expect(await c.say(c.w.workerA1, '2')).toContain('发现问题');
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: c.huameiPlastic.id, description: '老板不在' });
    expect((await c.db.select().from(patrols)).map((p) => p.result).sort()).toEqual(['issues', 'normal']);
  });

  it('the question may be answered in words: 正常 records a normal patrol', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '巡查 华美化工 发现 您好');
    expect(await c.say(c.w.workerA1, '正常')).toContain('结果：正常');
    expect(await c.db.select().from(hazards)).toHaveLength(0);
  });

  it('the choices may be sent as their words: 巡查正常 / 发现隐患', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '巡查 华美化工 发现 您好');
    expect(await c.say(c.w.workerA1, '巡查正常')).toContain('结果：正常');
    await c.say(c.w.workerA1, '巡查 华美塑料 发现 您好');
    expect(await c.say(c.w.workerA1, '发现隐患')).toContain('发现了什么问题');
    expect(await c.db.select().from(hazards)).toHaveLength(0);
    expect((await c.db.select().from(patrols)).map((p) => p.enterpriseId)).toEqual([c.huamei.id]);
  });

  it('real findings still record the hazard at once', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '巡查 华美化工 发现 配电箱未接地')).toContain('隐患 YH');
    expect(await c.db.select().from(hazards)).toHaveLength(1);
  });

  it('out of scope: an enterprise of another grid is neither patrolled nor named, whatever the findings', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '精密机械今朝去过了，老好个。没事体');
    expect(await c.db.select().from(patrols)).toHaveLength(0);
    expect(await c.db.select().from(hazards)).toHaveLength(0);
    expect(reply).not.toContain('横山精密机械');
  });

  it('安全出口 or 到位 alone names a thing, not a verdict: asked, never recorded as normal unasked', async () => {
    expect(patrolVerdict('安全出口')).not.toBe('well');
    expect(patrolVerdict('都很安全')).toBe('well');
  });

  it('a report whose words are only a greeting or a label asks for the description instead', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '上报 华美化工 您好');
    expect(q).toContain('隐患');
    expect(await c.db.select().from(hazards)).toHaveLength(0);
    const [d] = await c.db.select().from(drafts);
    expect(d.awaiting).toBe('description');
    expect(await c.say(c.w.workerA1, '消防通道堵塞')).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h.description).toBe('消防通道堵塞');
  });
});
