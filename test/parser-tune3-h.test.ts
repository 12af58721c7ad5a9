// Questions about an enterprise or a town and sentences with codes (tuning round 3, H): a town said before an
// enterprise question is where it is; a matter at an enterprise without a verb asks report or patrol; a command
// word asked about is how-to, never a name; a verdict of all well (or not done) after 复查 + code; several codes
// with a verb not understood keep the other codes; an enterprise's state asked in plain words. The messages are
// written for this file, with near misses that keep their reading.
import { describe, expect, it } from 'vitest';
import { hazards } from '../db/schema/index.js';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { dialogWorld } from './helpers/dialog-world.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const C = 'YH20261130-0007';
const C1 = 'YH20261130-0011';
const C2 = 'YH20261130-0012';
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown> & { intent: string };

describe('a town said before an enterprise question is the place; the question is about the enterprise', () => {
  it.each([
    ['遥观镇 金鹰五金 情况如何', '金鹰五金', undefined],
    ['牛塘镇 宏达纸业 咋样了', '宏达纸业', undefined],
    ['湖塘镇 天宇塑业 有几条隐患没整改', '天宇塑业', undefined],
    ['横山桥镇 瑞丰化纤 本周去过没', '瑞丰化纤', '本周'],
    ['遥观镇的金鹰五金咋样了', '金鹰五金', undefined],
    ['牛塘镇宏达纸业现在什么情况', '宏达纸业', undefined],
  ])('%s', (text, enterprise, period) => {
    const read = parse(text);
    expect(read).toMatchObject({ intent: 'query_enterprise', enterprise });
    expect(read.period).toBe(period);
  });

  it('reads a town asked about in the same words as its figures', () => {
    expect(parse('牛塘镇本周问题多不多')).toMatchObject({ intent: 'stats', place: '牛塘镇', period: '本周' });
    expect(parse('湖塘镇那边情况咋样')).toMatchObject({ intent: 'stats', place: '湖塘镇' });
    expect(parse('湖塘镇这几天怎么样')).toMatchObject({ intent: 'stats', place: '湖塘镇' });
  });

  it('keeps a town question and a report told after a town as they were', () => {
    expect(parse('遥观镇 上周报了几条')).toMatchObject({ intent: 'stats', place: '遥观镇' });
    expect(parse('遥观镇 金鹰五金 配电箱门坏了')).toMatchObject({ intent: 'report', enterprise: '金鹰五金' });
  });
});

describe('a matter at a named enterprise, with no verb, asks report or patrol', () => {
  it.each([
    ['金桥纺织 那件事咋办', '金桥纺织'],
    ['宏达纸业 这个事情怎么处理', '宏达纸业'],
    ['永安塑业那事儿咋弄', '永安塑业'],
    ['金桥纺织的那个事情怎么搞', '金桥纺织'],
  ])('%s', (text, enterprise) => {
    expect(parse(text)).toEqual({ intent: 'ambiguous', options: [{ intent: 'report', enterprise }, { intent: 'patrol', enterprise }] });
  });

  it('keeps the matter alone a how-to, and a problem at the enterprise a report', () => {
    expect(parse('这件事怎么办').intent).not.toBe('ambiguous');
    expect(parse('金桥纺织 灭火器过期了 咋弄')).toMatchObject({ intent: 'report', enterprise: '金桥纺织' });
  });
});

describe('a command word asked about is how-to, never an enterprise', () => {
  it.each(['签收是什么意思', '吹哨是干什么的'])('%s (what the word means)', (text) => {
    expect(parse(text).intent).toBe('help');
  });

  it.each(['签收咋弄', '签收要怎么搞', '报到怎么弄', '销号咋搞', '作废要怎么弄', '撤回咋弄'])('%s', (text) => {
    expect(parse(text).intent).toBe('help');
  });
});

describe('a verdict after 复查 and a code', () => {
  it.each([`复查 ${C} 木事儿`, `复查 ${C} 没啥问题`, `复查 ${C} 没毛病了`, `${C} 复查 没事`, `复查 ${C} 齐活了`, `复查了 ${C} 挺好`])('%s passes', (text) => {
    expect(parse(text)).toMatchObject({ intent: 'review', code: C, pass: true });
  });

  it.each([`复查 ${C} 压根没动`, `复查 ${C} 还没整改`, `复查 ${C} 都没弄`, `复查 ${C} 还没搬`])('%s fails', (text) => {
    expect(parse(text)).toMatchObject({ intent: 'review', code: C, pass: false });
  });

  it.each([`${C} 现场看了 木事儿`, `${C} 看过了 没毛病`])('%s, a visit and its verdict, passes', (text) => {
    expect(parse(text)).toMatchObject({ intent: 'review', code: C, pass: true });
  });

  it('reads a visit that found the job not begun as failed', () => {
    expect(parse(`${C} 去看了 压根没动`)).toMatchObject({ intent: 'review', code: C, pass: false });
  });

  it('leaves an unclear check for the dialog to ask', () => {
    expect(parse(`复查 ${C} 去看过了`)).toEqual({ intent: 'review', code: C });
    expect(parse(`复查 ${C}`)).toEqual({ intent: 'review', code: C });
  });
});

describe('several codes with a verb not understood keep the codes left', () => {
  it('asks about the first and names the others', () => {
    expect(parse(`${C1} ${C2} 整一下`)).toMatchObject({ intent: 'ambiguous', code: C1, others: [C2] });
    expect(parse(`${C1}、${C2}、${C} 弄一弄`)).toMatchObject({ intent: 'ambiguous', code: C1, others: [C2, C] });
  });

  it('keeps one code alone as it was', () => {
    const read = parse(`${C1} 整一下`);
    expect(read).toMatchObject({ intent: 'ambiguous', code: C1 });
    expect(read.others).toBeUndefined();
  });

  it('dialog: the question names the codes left, and so does the answer', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞 三天内整改');
    await c.say(c.w.workerA1, '上报 华美塑料 灭火器过期 三天内整改');
    const [a, b] = await c.db.select().from(hazards).orderBy(hazards.id);
    const q = await c.say(c.w.workerA1, `${a.code} ${b.code} 搞一下`);
    expect(q).toContain(a.code);
    expect(q).toContain(b.code);
    const chosen = await c.say(c.w.workerA1, '1');
    expect(chosen).toContain(`还没有办理：${b.code}`);
  });
});

describe('an enterprise asked about as its state is query_enterprise', () => {
  it.each([
    ['金鹰的问题都解决了没', '金鹰'],
    ['宏达那几条整改了没有', '宏达'],
    ['天宇的隐患销号了吗', '天宇'],
    ['永安那个电箱换好没', '永安'],
    ['瑞丰上回谁查的', '瑞丰'],
    ['金桥上一回是谁巡的', '金桥'],
    ['宏达纸业上次检查啥结果', '宏达纸业'],
    ['新博那边还有啥事没', '新博'],
    ['恒泰那边问题严不严重', '恒泰'],
    ['金鹰那家厂最近啥状况', '金鹰'],
    ['天宇的整改进展如何', '天宇'],
    ['宏达整改到什么程度了', '宏达'],
    ['瑞丰化纤很久没人去了吧', '瑞丰化纤'],
    ['金桥多少天没去了', '金桥'],
    ['宏达这几天咋样', '宏达'],
    ['恒泰最近怎么回事', '恒泰'],
    ['天宇的情况和我讲下', '天宇'],
    ['金鹰那边还有几条没整改完', '金鹰'],
    ['新博还剩几个问题', '新博'],
    ['永安之前查出的问题现在改好没', '永安'],
    ['瑞丰的那个问题现在咋样了', '瑞丰'],
    ['金鹰五金咋样了 还有几条没整改', '金鹰五金'],
    ['宏达纸业目前还有隐患不', '宏达纸业'],
    ['上回天宇塑业那个问题解决了没', '天宇塑业'],
    ['永安塑业的隐患到期了没', '永安塑业'],
    ['金桥纺织是谁管的', '金桥纺织'],
  ])('%s', (text, enterprise) => {
    expect(parse(text)).toMatchObject({ intent: 'query_enterprise', enterprise });
  });

  it('keeps a finding and a visit told as they were', () => {
    expect(parse('永安那个电箱坏了')).toMatchObject({ intent: 'report', enterprise: '永安' });
    expect(parse('瑞丰化纤 去过了 没问题')).toMatchObject({ intent: 'patrol', enterprise: '瑞丰化纤', result: 'normal' });
  });
});

describe("the sender's own hazards asked about as their state", () => {
  it.each(['我报上去的那几条现在怎么样了', '我提交的隐患进度如何', '我发现的那些啥情况'])('%s', (text) => {
    expect(parse(text)).toEqual({ intent: 'tasks' });
  });

  it('keeps a bare 我 with a state word out of it', () => {
    expect(parse('我怎么样').intent).not.toBe('tasks');
  });
});

describe('a code asked about in a word of progress or of whether it will do', () => {
  it.each([`${C} 进展怎么样`, `${C} 中不中啊`, `${C} 这样行不行`])('%s', (text) => {
    expect(parse(text)).toEqual({ intent: 'query_hazard', code: C });
  });

  it('reads 行 alone after 复查 and a code as passed', () => {
    expect(parse(`复查 ${C} 行`)).toMatchObject({ intent: 'review', code: C, pass: true });
  });
});

describe('a thing, a time or someone\'s words before the question is no enterprise', () => {
  it.each(['灭火器的问题解决了吗', '仓库那几条改了没', '老板说的问题改好了没', '上次的隐患改了没', '车间还有几个问题没改完', '消防通道的整改进度怎么样'])('%s', (text) => {
    expect(parse(text).intent).not.toBe('query_enterprise');
  });
});
