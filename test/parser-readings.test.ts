// The readings fixed on 2026-12-06 from the kinds in the blind8/blind9 tune misses: which intent a message is
// and its key slots. One describe per kind; the messages are written for this file, with near misses that
// must keep their old reading.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW, { botNames: ['安全助手'] }) as Record<string, unknown>;

describe('figures and lists asked in a sentence are never reports', () => {
  it.each([
    ['湖塘镇目前有哪些超期没整改的隐患，发我一份', { intent: 'overdue', place: '湖塘镇' }],
    ['还有没有超期的 我下午去跑一趟', { intent: 'overdue' }],
    ['全区超期的都拉出来给我', { intent: 'overdue', place: '全区' }],
    ['牛塘镇上周数据怎么样', { intent: 'stats', place: '牛塘镇', period: '上周' }],
    ['潞城街道本月以来发现数和整改数', { intent: 'stats', place: '潞城街道', period: '本月' }],
    ['今年全区统计数据 按镇街分一下', { intent: 'stats', place: '全区', period: '今年' }],
    ['把上个月的镇街排名拉个表', { intent: 'ranking', period: '上月' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });

  it.each(['华美化工 灭火器逾期未检', '恒泰 压力容器超期未检验 三天内'])('%s stays a finding', (text) => {
    expect(parse(text).intent).not.toMatch(/overdue|stats/);
  });
});

describe('the sender’s work and the bot asked in plain words', () => {
  it.each([
    ['我还有几家没有去检查的', 'due_patrols'],
    ['到期了没巡的 列一下', 'due_patrols'],
    ['明天有什么活', 'tasks'],
    ['可以告诉我吗，我名下有几家企业', 'my_enterprises'],
    ['上报隐患和巡查记录有什么区别', 'help'],
    ['这个助手要怎么用 我看不懂', 'help'],
  ])('%s → %s', (text, intent) => {
    expect(parse(text).intent).toBe(intent);
  });
});

describe('giving up a message in plain words', () => {
  it.each(['不报了不报了 当我没说', '那条先别提交了', '上一条写错了 先不要上报了', '刚才的不搞了'])('%s → cancel', (text) => {
    expect(parse(text)).toEqual({ intent: 'cancel' });
  });
});

describe('an action told around a hazard code', () => {
  it.each([
    ['人已到场 YH20261201-0003', { intent: 'acknowledge', code: 'YH20261201-0003' }],
    ['YH20261201-0003 验收已通过 麻烦镇里销号', { intent: 'close', code: 'YH20261201-0003' }],
    ['YH20261201-0003 填错了 企业不对', { intent: 'void', code: 'YH20261201-0003' }],
    ['YH20261201-0003 收到吹哨 照片在哪看', { intent: 'query_hazard', code: 'YH20261201-0003' }],
    ['YH20261201-0003 收到吹哨了', { intent: 'acknowledge', code: 'YH20261201-0003' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });

  it('a verdict said now, with 可以销号, stays the review', () => {
    expect(parse('YH20261201-0003 验收合格 可以销号')).toMatchObject({ intent: 'review', pass: true });
  });
});
