// Deadline phrases against fixed clocks, including Shanghai midnight, month ends and the turn of the year.
import { describe, expect, it } from 'vitest';
import { chineseNumber, findUnclearTime, parseDeadline } from '../lib/deadline.js';

// Monday 2026-11-23 10:00 Shanghai.
const MONDAY = new Date('2026-11-23T02:00:00Z');
const slot = (text: string, now = MONDAY) => parseDeadline(text, now)?.slot ?? null;
const days = (n: number) => ({ kind: 'days', days: n });
const date = (d: string) => ({ kind: 'date', date: d });

describe('parseDeadline: the phrases of SPEC §6', () => {
  it.each([
    ['3天内', days(3)],
    ['三天内', days(3)],
    ['限期7天', days(7)],
    ['7日内', days(7)],
    ['明天', days(1)],
    ['后天', days(2)],
    ['大后天', days(3)],
    ['下周五前', date('2026-12-04')],
    ['本周五', date('2026-11-27')],
    ['11月30日前', date('2026-11-30')],
    ['11.30前', date('2026-11-30')],
    ['2026年12月5日前', date('2026-12-05')],
    ['本月底前', date('2026-11-30')],
    ['月底前', date('2026-11-30')],
    ['立即整改', { kind: 'now' }],
    ['马上整改', { kind: 'now' }],
    ['立即', { kind: 'now' }],
  ])('%s', (text, expected) => {
    expect(slot(text)).toEqual(expected);
  });
});

describe('parseDeadline: more ways people write it', () => {
  it.each([
    ['十天内', days(10)],
    ['十五天内整改', days(15)],
    ['两天内', days(2)],
    ['二十日内', days(20)],
    ['３天内', days(3)],
    ['一周内', days(7)],
    ['两周内', days(14)],
    ['半个月内', days(15)],
    ['一个月内', date('2026-12-23')],
    ['限期整改3天', days(3)],
    ['今天内整改', days(0)],
    ['今天下班前', days(0)],
    ['周五前', date('2026-11-27')],
    ['星期三之前', date('2026-11-25')],
    ['下星期一', date('2026-11-30')],
    ['本周内', date('2026-11-29')],
    ['周末前', date('2026-11-29')],
    ['下月底', date('2026-12-31')],
    ['12月底前', date('2026-12-31')],
    ['年底前', date('2026-12-31')],
    ['12月5号前', date('2026-12-05')],
    ['十二月五日前', date('2026-12-05')],
    ['12/5前', date('2026-12-05')],
    ['2026-12-05', date('2026-12-05')],
    ['2026.12.5', date('2026-12-05')],
    ['30号前', date('2026-11-30')],
    ['10号前', date('2026-12-10')],
    ['现场整改', { kind: 'now' }],
    // One grammar for spans: weeks, half-months and months with 限期 or 内, Chinese or Arabic numerals.
    ['限期两周', days(14)],
    ['2周内', days(14)],
    ['一个星期之内', days(7)],
    ['三个礼拜以内', days(21)],
    ['半月内', days(15)],
    ['限期半个月', days(15)],
    ['限期一个月', date('2026-12-23')],
    ['两个月以内', date('2027-01-23')],
    ['十五日以内', days(15)],
    ['限期二十天', days(20)],
    ['三天内弄好', days(3)],
    ['两周整改', days(14)],
    // Ends of periods and days of next month.
    ['本季度末', date('2026-12-31')],
    ['季度底前', date('2026-12-31')],
    ['下季度末', date('2027-03-31')],
    ['下月5号前', date('2026-12-05')],
    ['下个月10日之前', date('2026-12-10')],
    ['本月28号前', date('2026-11-28')],
    ['12月10号之前', date('2026-12-10')],
    ['12月5号', date('2026-12-05')],
    ['这周五之前', date('2026-11-27')],
    ['下星期三', date('2026-12-02')],
    ['当场整改', { kind: 'now' }],
    ['立刻处理', { kind: 'now' }],
    ['即刻停用', { kind: 'now' }],
  ])('%s', (text, expected) => {
    expect(slot(text)).toEqual(expected);
  });

  it('reports the whole phrase it used, with 限期/请于/前/整改 around it, so callers can cut it out', () => {
    expect(parseDeadline('灭火器过期 3天内整改', MONDAY)).toEqual({ slot: days(3), matched: '3天内整改', index: 6 });
    expect(parseDeadline('请于11月30日前整改完毕，谢谢', MONDAY)?.matched).toBe('请于11月30日前整改完毕');
    expect(parseDeadline('仍有杂物 限期7天', MONDAY)?.matched).toBe('限期7天');
    expect(parseDeadline('全角３天内', MONDAY)?.matched).toBe('3天内');
  });

  it('takes the first deadline when a message has two', () => {
    expect(slot('明天先清理，11月30日前全部整改')).toEqual(days(1));
  });
});

describe('parseDeadline: words that are not deadlines', () => {
  it.each([
    '5号车间电线老化', '配电箱离地1.5米', '3天前发现的', '第3天', '3号仓库堆放杂物', '现场发现配电箱未接地',
    'YH20261122-0007', '灭火器过期', '', '2月30日前', '13月5日前', '2026年2月29日前', '0天内', '1000天内', '两三处破损',
    '每周五例行检查', '未落实一周日常检查', '底部锈蚀', '盘点记录缺失',
  ])('%s → null', (text) => {
    expect(parseDeadline(text, MONDAY)).toBeNull();
  });
});

describe('findUnclearTime: time words nobody can compute are found, to be asked back', () => {
  it.each(['尽快整改', '月中前', '年前整改', '过几天整改', '这几天内处理', '下下周前', '中旬前完成', '抓紧整改', '3天后整改', '一周左右', '12月份整改', '下午3点前'])('%s', (text) => {
    expect(findUnclearTime(`灭火器过期 ${text}`)?.matched).toBe(text);
  });
  it.each(['这几天一直漏水', '近期多次发现', '灭火器过期', '3天内整改', '年检过期', '3号仓库', '5号车间电线老化', '2楼配电房'])('%s → null', (text) => {
    expect(findUnclearTime(text)).toBeNull();
  });
});

describe('parseDeadline: clock edges', () => {
  // 00:30 on Tuesday 24 Nov in Shanghai, still Monday 23 Nov in UTC.
  const JUST_AFTER_SHANGHAI_MIDNIGHT = new Date('2026-11-23T16:30:00Z');
  // 23:59:59 on Monday 23 Nov in Shanghai.
  const JUST_BEFORE_SHANGHAI_MIDNIGHT = new Date('2026-11-23T15:59:59Z');

  it('counts weekdays from the Shanghai day, not the UTC day', () => {
    expect(slot('周一前', JUST_BEFORE_SHANGHAI_MIDNIGHT)).toEqual(date('2026-11-23'));
    expect(slot('周一前', JUST_AFTER_SHANGHAI_MIDNIGHT)).toEqual(date('2026-11-30'));
    expect(slot('本周二', JUST_AFTER_SHANGHAI_MIDNIGHT)).toEqual(date('2026-11-24'));
    expect(slot('下周二', JUST_AFTER_SHANGHAI_MIDNIGHT)).toEqual(date('2026-12-01'));
  });

  it('rolls a month/day long gone into next year, keeps today, and flags a date just gone as past', () => {
    const newYearsEve = new Date('2026-12-31T10:00:00Z'); // 18:00 Shanghai, 31 Dec
    expect(slot('12月31日前', newYearsEve)).toEqual(date('2026-12-31'));
    // Yesterday is a mistake or a late message, not next year's 30 December: asked back.
    expect(parseDeadline('12月30日前', newYearsEve)).toMatchObject({ slot: date('2026-12-30'), past: true });
    expect(parseDeadline('11月30日前', new Date('2026-12-04T02:00:00Z'))).toMatchObject({ slot: date('2026-11-30'), past: true });
    expect(parseDeadline('十一月三十日前', new Date('2026-12-04T02:00:00Z'))).toMatchObject({ past: true });
    expect(parseDeadline('2026年11月1日前', MONDAY)).toMatchObject({ past: true });
    expect(parseDeadline('12月5日前', MONDAY)?.past).toBeUndefined();
    expect(slot('1月5日前', newYearsEve)).toEqual(date('2027-01-05'));
    expect(slot('1.5前', newYearsEve)).toEqual(date('2027-01-05'));
    expect(slot('一月五日前', newYearsEve)).toEqual(date('2027-01-05'));
    expect(slot('月底前', newYearsEve)).toEqual(date('2026-12-31'));
    expect(slot('下周五前', newYearsEve)).toEqual(date('2027-01-08'));
    expect(parseDeadline('2026年12月30日前', newYearsEve)).toMatchObject({ slot: date('2026-12-30'), past: true });
  });

  it('treats 00:30 on 1 January Shanghai as the new year although UTC is still in December', () => {
    const newYear = new Date('2026-12-31T16:30:00Z');
    expect(slot('12月31日前', newYear)).toEqual(date('2027-12-31'));
    expect(slot('月底前', newYear)).toEqual(date('2027-01-31'));
    expect(slot('年底前', newYear)).toEqual(date('2027-12-31'));
  });

  it('knows month lengths and leap years', () => {
    expect(slot('月底前', new Date('2026-02-10T02:00:00Z'))).toEqual(date('2026-02-28'));
    expect(slot('月底前', new Date('2028-02-10T02:00:00Z'))).toEqual(date('2028-02-29'));
    expect(slot('下月底', new Date('2026-01-31T02:00:00Z'))).toEqual(date('2026-02-28'));
    expect(slot('一个月内', new Date('2026-01-31T02:00:00Z'))).toEqual(date('2026-02-28'));
    expect(slot('2月29日前', new Date('2027-11-23T02:00:00Z'))).toEqual(date('2028-02-29'));
    expect(slot('31号前', new Date('2026-11-23T02:00:00Z'))).toEqual(date('2026-12-31'));
  });
});

describe('chineseNumber', () => {
  it.each([
    ['7', 7], ['三', 3], ['两', 2], ['十', 10], ['十五', 15], ['二十', 20], ['二十一', 21], ['一百', 100],
    ['一百二十', 120], ['零', 0], ['〇', 0],
  ])('%s → %d', (text, n) => {
    expect(chineseNumber(text)).toBe(n);
  });

  it('rejects anything else', () => {
    expect(chineseNumber('三天')).toBeNull();
    expect(chineseNumber('abc')).toBeNull();
    expect(chineseNumber('')).toBeNull();
  });
});

describe('parseDeadline: hours and on-the-spot orders (2026-12-06)', () => {
  // 10:00 Shanghai: a window of N hours ends on the day that now + N hours falls in.
  it.each([
    ['24小时内', days(1)],
    ['48小时内完成维修', days(2)],
    ['整改时限:24小时', days(1)],
    ['限期72小时', days(3)],
    ['3小时内', { kind: 'now' }],
    ['当场要求清理', { kind: 'now' }],
    ['我当场叫他们清掉', { kind: 'now' }],
    ['叫他们现在就停下来', { kind: 'now' }],
    ['现在就让他下来', { kind: 'now' }],
  ])('%s', (text, expected) => {
    expect(slot(text)).toEqual(expected);
  });

  it('14 hours from 22:00 end the next day, not today', () => {
    expect(slot('14小时内', new Date('2026-11-23T14:00:00Z'))).toEqual(days(1));
  });

  it.each(['24小时值班', '现场发现灭火器过期', '当场看到有人抽烟', '工作8小时'])('%s is no deadline', (text) => {
    expect(slot(text)).toBeNull();
  });
});

describe('parseDeadline: time granted and the week after next (2026-12-07)', () => {
  it.each([
    ['给他们三天时间', days(3)],
    ['再给两天', days(2)],
    ['留一周时间整改', days(7)],
    ['五个工作日的时间', days(5)],
    ['下下周一之前', date('2026-12-07')], // from Monday 23 Nov: the Monday two weeks on
    ['下下个星期五前弄干净', date('2026-12-11')],
  ])('%s', (text, expected) => expect(slot(text)).toEqual(expected));

  it('keeps the fix said after the time in the phrase', () => {
    expect(parseDeadline('油污 下下周一之前弄干净', MONDAY)?.matched).toBe('下下周一之前弄干净');
    expect(parseDeadline('立即停下来清理', MONDAY)?.matched).toBe('立即停下来清理');
    // A move after the time stays the worker's words.
    expect(parseDeadline('3天内清走', MONDAY)?.matched).toBe('3天内');
  });

  it.each(['花了三天时间', '用了两周时间才装好', '下下周'])('%s is no deadline', (text) => expect(slot(text)).toBeNull());
});
