import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drafts, hazards, patrols } from '../db/schema/index.js';
import { dialogWorld } from './helpers/dialog-world.js';

describe('dialog: one short question for each missing piece', () => {
  it('整改 without a code asks for it; the bare code answers; the note completes it', async () => {
    const c = await dialogWorld();
    await c.say(c.w.adminA, '上报 华美化工 灭火器过期 明天整改');
    const [h] = await c.db.select().from(hazards);
    expect(await c.say(c.w.workerA1, '整改')).toContain('请提供隐患编号');
    expect(await c.say(c.w.workerA1, h.code.toLowerCase())).toContain('请发送整改后的照片');
    expect(await c.say(c.w.workerA1, '已更换新灭火器')).toContain(`已提交整改 ${h.code}`);
    const [after] = await c.db.select().from(hazards);
    expect(after.status).toBe('review');
  });

  it('复查 without a result asks 是/否; 否 then asks the reason', async () => {
    const c = await dialogWorld();
    await c.say(c.w.adminA, '上报 华美化工 消防通道堵塞 3天内整改');
    const [h] = await c.db.select().from(hazards);
    await c.say(c.w.workerA1, `整改 ${h.code} 通道已清理`);
    expect(await c.say(c.w.workerA1, `复查 ${h.code}`)).toContain('复查是否通过');
    expect(await c.say(c.w.workerA1, '否')).toContain('请说明不通过的原因');
    expect(await c.say(c.w.workerA1, '通道仍有货物堆放')).toContain(`复查不通过 ${h.code}`);
    const [after] = await c.db.select().from(hazards);
    expect(after.status).toBe('rectifying');
  });

  it('查询 an ambiguous enterprise gives a numbered choice too', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '查询 华美');
    expect(q).toContain('请选择企业：');
    const n = q.split('\n').find((l) => l.includes('塑料'))!.trim()[0];
    const reply = await c.say(c.w.workerA1, n);
    expect(reply).toContain('【常州华美塑料制品有限公司】');
    expect(reply).toContain('下次巡查：');
  });

  it('a new command while a question is open is handled as itself; the question is kept and says so', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美 消防栓被遮挡');
    const patrol = await c.say(c.w.workerA1, '巡查 华美化工 正常');
    expect(patrol).toContain('巡查已记录');
    expect(patrol).toContain('您之前的上报隐患（华美：消防栓被遮挡）还在等您回复选择企业的序号，尚未记录');
    expect(await c.db.select().from(drafts).where(eq(drafts.personId, c.w.workerA1.id))).toMatchObject([{ awaiting: 'enterprise_choice' }]);
    expect(await c.say(c.w.workerA1, '1')).toContain('隐患已登记');
    expect(await c.say(c.w.workerA1, '1')).toContain('没有待回答的问题');
  });

  it('a patrol with an unknown enterprise says so and keeps asking for it', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '巡查 宇宙无敌公司 正常');
    expect(reply).toContain('没有找到企业“宇宙无敌公司”');
    expect(await c.say(c.w.workerA1, '华美化工')).toContain('巡查已记录');
  });
});

describe('dialog: answers that look like commands', () => {
  it('answering 巡查结果如何？ with 发现… records the patrol with that finding and its deadline', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '巡查 华美化工')).toContain('巡查结果如何');
    expect(await c.say(c.w.workerA1, '发现灭火器过期 3天内')).toContain('【巡查已记录】');
    const [p] = await c.db.select().from(patrols);
    expect(p).toMatchObject({ enterpriseId: c.huamei.id, result: 'issues' });
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ patrolId: p.id, description: '灭火器过期', status: 'rectifying' });
  });

  it('answering 请简要描述隐患情况 with 发现… reports at the enterprise already given', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '上报 华美化工')).toContain('请简要描述隐患情况');
    expect(await c.say(c.w.workerA1, '发现消防通道堵塞')).toContain('【隐患已登记');
    expect(await c.db.select().from(hazards)).toMatchObject([{ enterpriseId: c.huamei.id, description: '消防通道堵塞' }]);
  });

  it('有问题 as the patrol result asks what was found and records nothing yet', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '巡查 华美化工');
    expect(await c.say(c.w.workerA1, '有问题')).toContain('发现了什么问题');
    expect(await c.db.select().from(patrols)).toHaveLength(0);
    expect(await c.say(c.w.workerA1, '配电箱未接地')).toContain('【巡查已记录】');
    expect(await c.db.select().from(hazards)).toMatchObject([{ description: '配电箱未接地' }]);
  });
});
