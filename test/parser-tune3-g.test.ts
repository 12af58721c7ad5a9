// The enterprise's name read without the sender's list: words of the sentence glued to it or said before it
// (name-edges.ts, chat-lead.ts, implicit.ts), and several names typed without a pause and counted (several.ts).
// Messages written for these tests, in new wordings; near misses keep their old reading.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { trimNameEdges } from '../bot/dialog/parse/name-edges.js';
import { dialogWorld } from './helpers/dialog-world.js';

const NOW = new Date('2026-12-03T02:00:00Z'); // Thursday 10:00 Shanghai
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown>;
const readings = (got: Record<string, unknown>) => (got.intent === 'ambiguous' ? (got.options as Record<string, unknown>[]) : [got]);

describe('the sender or the sender\'s place is never the enterprise', () => {
  it.each([
    ['我们这边灭火器都过期了', '灭火器都过期了'],
    ['咱这儿配电箱没关门', '配电箱没关门'],
    ['我这边 安全出口被锁了', '安全出口被锁了'],
    ['咱们这儿，疏散指示灯不亮 三天内整改', '疏散指示灯不亮'],
  ])('%s is a report with no enterprise', (text, description) => {
    const got = parse(text);
    expect(got.intent).toBe('report');
    expect(got.enterprise).toBeUndefined();
    expect(got.description).toBe(description);
  });

  it('the dialog then asks which enterprise', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '我们这边 应急灯坏了好几个');
    expect(reply).toContain('哪家企业');
  });

  it.each(['我', '我这边', '这边', '那边', '我们这', '咱这儿', '他们那里'])('%s is no name', (word) => {
    expect(trimNameEdges(word)).toBeUndefined();
  });
});

describe('a verb or particle glued to a name is taken off', () => {
  it.each([
    ['顺昌木业去检查了 正常', '顺昌木业', 'patrol'],
    ['到鑫达纸业了 仓库电线乱拉', '鑫达纸业', undefined],
    ['顺昌木业啊 消防栓没水', '顺昌木业', 'report'],
    ['利民化工厂都看过了 没问题', '利民化工厂', 'patrol'],
  ])('%s → %s', (text, enterprise, intent) => {
    const got = parse(text);
    if (intent) expect(got.intent).toBe(intent);
    for (const r of readings(got)) expect(r.enterprise).toBe(enterprise);
  });

  it.each([
    ['华了', '华了'], // too short to trim: left as said
    ['好运来', '好运来'], // 来 ends names
    ['做轴承的', '做轴承的'], // 的 ends a nickname
    ['京都', '京都'], // 都 is an edge only after a company word
    ['宏图印务那边', '宏图印务'],
    ['金泰机械厂里', '金泰机械厂'],
  ])('trimNameEdges(%s) = %s', (name, want) => {
    expect(trimNameEdges(name)).toBe(want);
  });

  it('a name ending in 来 keeps it in a report', () => {
    const got = parse('好运来饭店 后厨灭火器过期');
    expect(got).toMatchObject({ intent: 'report', enterprise: '好运来饭店' });
  });
});

describe('a reply to the last message in front is no name', () => {
  it.each([
    ['明白 恒远物流 刚看了 叉车没年检', '恒远物流', 'issues'],
    ['知道了，金桥五金去过了 都正常', '金桥五金', 'normal'],
    ['好嘞 东升塑业看过了 没问题', '东升塑业', 'normal'],
  ])('%s', (text, enterprise, result) => {
    expect(parse(text)).toMatchObject({ intent: 'patrol', enterprise, result });
  });

  it('收到 before a hazard code still acknowledges it', () => {
    expect(parse('收到 YH20261122-0007')).toMatchObject({ intent: 'acknowledge', code: 'YH20261122-0007' });
  });

  it('收到 glued to what follows is part of the sentence', () => {
    expect(parse('收到整改通知书了').enterprise).toBeUndefined();
  });
});

describe('several names typed without a pause, with a count', () => {
  it.each([
    ['今天跑了利华化纤金鼎机械鸿运电器几家 都正常', ['利华化纤', '金鼎机械', '鸿运电器']],
    ['今天看了东方电子三星纺织两家都没问题', ['东方电子', '三星纺织']],
    ['麻烦登记一下 上午巡查了兴隆五金永丰塑业两家 都没问题', ['兴隆五金', '永丰塑业']],
  ])('%s', (text, enterprises) => {
    expect(parse(text)).toMatchObject({ intent: 'patrol', enterprises, result: 'normal' });
  });

  it('a count that does not agree with the cut asks rather than guesses', () => {
    expect(parse('今天去了宏发机械恒通电器三家 都正常').intent).toBe('unknown');
  });

  it('names glued without a count are not cut by guess', () => {
    expect(parse('宏发机械恒通电器都看过了 没问题').intent).toBe('unknown');
  });

  it('spaced names still read as before', () => {
    expect(parse('宏发机械 恒通电器都看过了 没问题')).toMatchObject({ intent: 'patrol', enterprises: ['宏发机械', '恒通电器'], result: 'normal' });
  });

  it('one long name is not cut', () => {
    expect(parse('常州宏发机械制造有限公司 今天看过了 正常')).toMatchObject({ intent: 'patrol', result: 'normal' });
  });
});

describe('two things told of two enterprises in one message', () => {
  it.each([
    ['鸿达机械上午看过了 正常 顺便说下对面的金鼎五金配电箱门没关', '鸿达机械', '金鼎五金'],
    ['兴业纺织巡查完了没问题，另外宏图塑业的安全出口锁了', '兴业纺织', '宏图塑业'],
    ['福源食品去过了 一切正常 对了 利达包装灭火器压力不够', '福源食品', '利达包装'],
    ['恒昌化工今天检查了都正常顺便提一下对面的宏发机械门口堆满了木托盘', '恒昌化工', '宏发机械'],
    // A name and a verdict with no visit word is the visit being told, when another thing follows.
    ['金鼎五金没问题 顺便说一下 宏图塑业楼梯间堆了纸箱 两天内清掉', '金鼎五金', '宏图塑业'],
    ['利达包装 都挺好 另外 福源食品灭火器过期了', '利达包装', '福源食品'],
  ])('%s: a patrol and a report, both offered', (text, patrolAt, reportAt) => {
    const got = parse(text);
    expect(got.intent).toBe('ambiguous');
    const [first, second] = readings(got);
    expect(first).toMatchObject({ intent: 'patrol', enterprise: patrolAt, result: 'normal' });
    expect(second).toMatchObject({ intent: 'report', enterprise: reportAt });
  });

  it('a name with a problem and no visit word before 顺便 is not made a patrol', () => {
    const got = parse('金鼎五金配电箱没关 顺便说一下 宏图塑业也去了没问题');
    expect(readings(got)[0]).toMatchObject({ intent: 'report', enterprise: '金鼎五金' });
  });

  it('做对了 inside a sentence starts nothing', () => {
    expect(parse('鸿达机械 这次分类做对了 灭火器过期').intent).not.toBe('ambiguous');
  });

  it('more problems of the same enterprise after 还有 stay one report', () => {
    expect(parse('鸿达机械 灭火器过期 还有消防通道堵了')).toMatchObject({ intent: 'report', enterprise: '鸿达机械' });
  });

  it('the dialog records the one chosen and says the other was not recorded', async () => {
    const c = await dialogWorld();
    const asked = await c.say(c.w.workerA1, '华美化工今天巡查了 没问题 另外华美塑料的消防通道堵了');
    expect(asked).toContain('一次记录一件');
    const done = await c.say(c.w.workerA1, '1');
    expect(done).toContain('巡查已记录');
    expect(done).toContain('未记录：上报 华美塑料 的隐患');
  });
});

describe('a list mixing pauses and glued names', () => {
  it('is cut where the count agrees', () => {
    expect(parse('看了兴隆五金、永丰塑业恒昌化工三家 都没问题')).toMatchObject({ intent: 'patrol', enterprises: ['兴隆五金', '永丰塑业', '恒昌化工'], result: 'normal' });
  });
  it('asks without a count', () => {
    expect(parse('看了兴隆五金、永丰塑业恒昌化工 都没问题').intent).toBe('unknown');
  });
});

describe('how many places the day took, said before the one told', () => {
  it('is no part of the patrol', () => {
    expect(parse('上午转了两家，巡查 顺达物流 正常')).toMatchObject({ intent: 'patrol', enterprise: '顺达物流', result: 'normal' });
  });
  it('is no part of the report', () => {
    expect(parse('今天跑了四家 宏达机械 灭火器过期了')).toMatchObject({ intent: 'report', enterprise: '宏达机械' });
  });
  it('a count alone with a verdict still names nobody', () => {
    expect(parse('今天跑了三家，都正常').intent).toBe('unknown');
  });
});

describe('a lone 那 / 这 cut from 那几条 / 这个 after a name', () => {
  it('is taken off the name, in reports and in questions', () => {
    expect(parse('金鼎五金那 配电箱没接地')).toMatchObject({ intent: 'report', enterprise: '金鼎五金' });
    expect(parse('利达那几条还没改')).toMatchObject({ intent: 'query_enterprise', enterprise: '利达' });
  });
});
