// A patrol that says "all well" and names a problem in the same message: the problem is never stored as the
// note of a normal patrol (the hazard would be lost). Told plainly it is the finding; told unsure the bot asks
// (1. 巡查正常 2. 发现隐患); a true note stays a normal patrol. Also the command path's slots around it: a town said
// before the name, today given as an order, the fix-everything order after a deadline, 少 as a problem word.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { besideVerdict } from '../bot/dialog/parse/beside-verdict.js';
import { noteVerdict } from '../bot/dialog/patrol-verdict.js';
import { hazards, patrols } from '../db/schema/index.js';
import { dialogWorld } from './helpers/dialog-world.js';

// Tuesday 2026-12-08 10:00 Shanghai.
const NOW = new Date('2026-12-08T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown> & { intent: string };

describe('a verdict of all well and a problem in one message', () => {
  it('a problem told plainly beside 正常 is the finding, never the note', () => {
    expect(parse('巡检 永兴纸业 一切正常 应急灯不亮')).toMatchObject({ intent: 'patrol', enterprise: '永兴纸业', result: 'issues', findings: '应急灯不亮' });
    expect(parse('检查 德润机械 没问题，但是配电柜门关不上')).toMatchObject({ result: 'issues', findings: '配电柜门关不上' });
    expect(parse('巡查 鑫达物流 良好 叉车充电区堆了纸箱')).toMatchObject({ result: 'issues' });
    expect(parse('巡查 宏远塑料 ok 安全出口被锁死')).toMatchObject({ result: 'issues', findings: '安全出口被锁死' });
  });

  it('a deadline for the problem keeps it a finding with the deadline', () => {
    const p = parse('新宇包装 看过了 没毛病 消火栓被挡住 两天内挪开');
    expect(p).toMatchObject({ intent: 'patrol', enterprise: '新宇包装', result: 'issues', deadline: { kind: 'days', days: 2 } });
    expect(String(p.findings)).toContain('消火栓被挡住');
    expect(parse('巡查 恒昌五金 正常 灭火器压力不足 本周五前更换')).toMatchObject({ result: 'issues', deadline: { kind: 'date', date: '2026-12-11' } });
  });

  it('a problem only maybe told (softened, or a fix said after it) leaves the verdict to the sender', () => {
    const soft = parse('巡查 瑞达纺织 都还行 就是车间过道稍微有点窄');
    expect(soft).toMatchObject({ intent: 'patrol', enterprise: '瑞达纺织' });
    expect(soft.result).toBeUndefined();
    expect(soft.findings).toBeTruthy();
    const fixedAfter = parse('巡查 金鼎电器 正常 消火栓被货挡着 已当场挪开');
    expect(fixedAfter.result).toBeUndefined();
  });

  it('true notes stay a normal patrol: remarks, fixes of earlier problems, hedges, who was there', () => {
    expect(parse('巡查 永兴纸业 正常 上回说的应急灯已经换新了')).toMatchObject({ result: 'normal', note: '上回说的应急灯已经换新了' });
    expect(parse('巡查 德润机械 一切正常 厂长出差了')).toMatchObject({ result: 'normal', note: '厂长出差了' });
    expect(parse('巡查 鑫达物流 正常 有个小问题不算隐患 已口头提醒')).toMatchObject({ result: 'normal' });
    expect(parse('巡查 宏远塑料 正常 负责人没在现场')).toMatchObject({ result: 'normal' });
    expect(parse('巡查 宏远塑料 正常 已查看消防台账')).toMatchObject({ result: 'normal' });
  });

  it('the classifier on its own', () => {
    expect(besideVerdict('电焊机外壳漏电')).toBe('finding');
    expect(besideVerdict('防护罩未安装')).toBe('finding');
    expect(besideVerdict('仓库灯有点暗')).toBe('unsure');
    expect(besideVerdict('问题不大')).toBe('note');
    expect(besideVerdict('老板娘说下个月扩产')).toBe('note');
  });
});

describe('all-well phrases and problem words', () => {
  it('reads the clerk\'s all-well phrases as normal', () => {
    for (const v of ['没有发现隐患', '未发现异常', '没发现异常', '未见异常', '一切正常', '无隐患']) {
      expect(parse(`巡查 恒昌五金 ${v}`), v).toMatchObject({ intent: 'patrol', enterprise: '恒昌五金', result: 'normal' });
    }
  });

  it('少 with what is short is a problem, even beside 正常; 多少 / 不少 are not', () => {
    expect(parse('巡查 金鼎电器 正常 配电房灭火器少了两具')).toMatchObject({ result: 'issues', findings: '配电房灭火器少了两具' });
    expect(parse('巡查 金鼎电器 正常 员工不少')).toMatchObject({ result: 'normal' });
    expect(parse('巡查 金鼎电器 正常 缺一块警示牌')).toMatchObject({ result: 'issues' });
    expect(parse('巡查 金鼎电器 挺好 排风扇坏了')).toMatchObject({ result: 'issues', findings: '排风扇坏了' });
  });

  it('a return visit told by its verdict on the earlier problems, then a new one, is a patrol with that finding', () => {
    // Seen, in words the problem list lacks: the sender is asked, never a normal patrol.
    const seen = parse('之前的问题都处理了，这回又看到电缆拖地');
    expect(seen.intent).toBe('patrol');
    expect(seen.result).not.toBe('normal');
    expect(parse('上回的隐患全部整改了 配电箱门没关')).toMatchObject({ intent: 'patrol', result: 'issues', findings: '配电箱门没关' });
    // A question about them is no visit.
    expect(parse('上次的问题都整改了吗').intent).not.toBe('patrol');
  });
});

describe('the command path around the patrol', () => {
  it('a town said before the name is no enterprise', () => {
    expect(parse('巡查 遥观镇 宏远塑料 一切正常')).toMatchObject({ intent: 'patrol', enterprise: '宏远塑料', result: 'normal' });
    expect(parse('上报 横林镇 金鼎电器 配电箱没接地')).toMatchObject({ intent: 'report', enterprise: '金鼎电器', description: '配电箱没接地' });
  });

  it('today given as an order is now; the order\'s fix is no finding', () => {
    expect(parse('巡查 鑫达物流 消防通道停了两辆车 叫他们今天开走')).toMatchObject({ result: 'issues', deadline: { kind: 'now' }, findings: '消防通道停了两辆车' });
    expect(parse('上报 宏远塑料 楼梯口堆了废料 今天必须清掉')).toMatchObject({ intent: 'report', deadline: { kind: 'now' }, description: '楼梯口堆了废料' });
    // A day told, not ordered, stays the day.
    expect(parse('上报 宏远塑料 楼梯口堆了废料 今天下班前')).toMatchObject({ deadline: { kind: 'days', days: 0 } });
  });

  it('全部整改到位 after a deadline goes with the deadline', () => {
    expect(parse('巡查 恒昌五金 气瓶没固定 限本月底前全部整改到位')).toMatchObject({ result: 'issues', findings: '气瓶没固定', deadline: { kind: 'date', date: '2026-12-31' } });
    expect(parse('上报 恒昌五金 气瓶没固定 要求三天内一律整改完毕')).toMatchObject({ description: '气瓶没固定', deadline: { kind: 'days', days: 3 } });
  });

  it('巡茶 is 巡查', () => {
    expect(parse('巡茶 恒昌五金 正常')).toMatchObject({ intent: 'patrol', enterprise: '恒昌五金', result: 'normal' });
    // After when or who, glued to the name: still the command word.
    expect(parse('下午巡茶德润机械 一切正常')).toMatchObject({ intent: 'patrol', enterprise: '德润机械', result: 'normal' });
    expect(parse('俺刚巡茶了鑫达物流 没毛病')).toMatchObject({ intent: 'patrol', enterprise: '鑫达物流', result: 'normal' });
  });
});

describe('the dialog never records a silent normal patrol beside a problem', () => {
  it('正常 and a plain problem records a patrol with the hazard', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '巡查 华美化工 一切正常 应急灯不亮');
    expect(reply).toContain('隐患 YH');
    const [p] = await c.db.select().from(patrols);
    expect(p).toMatchObject({ enterpriseId: c.huamei.id, result: 'issues' });
    const [h] = await c.db.select().from(hazards);
    expect(h.description).toBe('应急灯不亮');
  });

  it('正常 and a softened problem asks; 2 records the hazard, 1 a normal patrol with the words as its note', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '巡查 华美化工 都还行 就是车间过道有点窄');
    expect(q).toContain('1. 巡查正常');
    expect(q).toContain('2. 发现隐患');
    expect(await c.db.select().from(patrols)).toHaveLength(0);
    await c.say(c.w.workerA1, '2');
    const [h] = await c.db.select().from(hazards);
    expect(h.description).toContain('过道有点窄');

    await c.say(c.w.workerA1, '巡查 华美塑料 正常 仓库灯有点暗');
    expect(await c.say(c.w.workerA1, '1')).toContain('结果：正常');
    const normal = (await c.db.select().from(patrols)).find((p) => p.enterpriseId === c.huameiPlastic.id);
    expect(normal).toMatchObject({ result: 'normal', note: '仓库灯有点暗' });
    expect(await c.db.select().from(hazards)).toHaveLength(1);
  });

  it('a true note stays a normal patrol, unasked', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '巡查 华美化工 正常 上次的灭火器已更换')).toContain('结果：正常');
    expect(await c.db.select().from(hazards)).toHaveLength(0);
  });

  it('a return visit with a new problem and no name asks which enterprise, then records the hazard', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '上次的隐患都整改了 配电箱门没关')).toContain('哪家企业');
    expect(await c.say(c.w.workerA1, '华美化工')).toContain('隐患 YH');
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: c.huamei.id, description: '配电箱门没关' });
  });
});

describe('the other readers of a normal patrol', () => {
  it('a form whose result is normal and whose note tells a problem gives the finding', () => {
    expect(parseMessage('企业：恒昌五金\n结果：正常\n备注：电焊机外壳漏电', NOW)).toMatchObject({ intent: 'patrol', result: 'issues', findings: '电焊机外壳漏电' });
    expect(parseMessage('企业：恒昌五金\n结果：正常\n备注：已查看值班记录', NOW)).toMatchObject({ intent: 'patrol', result: 'normal', note: '已查看值班记录' });
  });

  it('the dialog guard reads a normal patrol\'s note as the parser does, whichever reader made it', () => {
    expect(noteVerdict('挺好的，就是电焊机外壳漏电')).toBe('finding');
    expect(noteVerdict('没发现异常 仓库灯有点暗')).toBe('unsure');
    expect(noteVerdict('上回说的应急灯已经换新了')).toBe('note');
    expect(noteVerdict('啥问题没有')).toBe('note');
  });

  it('the answer to 巡查结果如何 in a clerk\'s all-well words is a normal patrol', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '巡查 华美化工')).toContain('结果');
    expect(await c.say(c.w.workerA1, '未发现异常')).toContain('结果：正常');
    expect(await c.db.select().from(hazards)).toHaveLength(0);
  });
});

describe('the verdict question answered in words', () => {
  it('正常 in words records the normal patrol with the words as its note, never the same question again', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '巡查 华美化工 正常 仓库灯有点暗')).toContain('2. 发现隐患');
    expect(await c.say(c.w.workerA1, '正常')).toContain('结果：正常');
    const [p] = await c.db.select().from(patrols);
    expect(p).toMatchObject({ result: 'normal', note: '仓库灯有点暗' });
  });

  it('a return visit without a name asks the enterprise, then the verdict on softened words', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '上次的隐患都整改了 仓库灯有点暗')).toContain('哪家企业');
    expect(await c.say(c.w.workerA1, '华美塑料')).toContain('2. 发现隐患');
    expect(await c.say(c.w.workerA1, '发现隐患')).toContain('隐患 YH');
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: c.huameiPlastic.id, description: '仓库灯有点暗' });
  });
});
