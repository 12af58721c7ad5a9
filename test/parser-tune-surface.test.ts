// Kinds of phrasing from the tune misses of blind12/blind14, read in the surface and slot steps (surface.ts,
// lookalikes.ts, slots.ts, problem-words.ts, lib/deadline.ts). Messages written for these tests, not copied
// from a corpus: for each kind a few that must read right, and near misses that must keep their old reading.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { correctLookalikes } from '../bot/dialog/parse/lookalikes.js';
import { surface } from '../bot/dialog/parse/surface.js';

const NOW = new Date('2026-12-03T02:00:00Z'); // Thursday 10:00 Shanghai
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown>;

describe('look-alike slips of handwriting and the candidate list', () => {
  it.each([
    ['配电箱己经换了', '配电箱已经换了'],
    ['巳整改好了', '已整改好了'],
    ['通道还末清理', '通道还未清理'],
    ['工人末戴安全帽', '工人未戴安全帽'],
    ['现场没间题', '现场没问题'],
    ['一切正堂', '一切正常'],
    ['YH20261201-0003 夏查通过', 'YH20261201-0003 复查通过'],
    ['巡杳了三家', '巡查了三家'],
    ['12月9曰前整改', '12月9日前整改'],
    ['3夭内换好', '3天内换好'],
    ['本月未前外理完', '本月末前处理完'],
    ['车问地面有油', '车间地面有油'],
  ])('%s → %s', (text, fixed) => expect(correctLookalikes(text)).toBe(fixed));

  it.each([
    '我自己去看的', // 自己 is a word
    '周末检查一下', // 月末 / 周末 before a verb stay
    '月末整改完',
    '中间题目不会做', // 中间 before 题目
    '礼堂里很干净', // 堂 in another word
    '夏天防暑要注意', // 夏 before no review verb
    '停车问一下门卫', // asking someone
    '很期待你们来',
  ])('%s stays', (text) => expect(correctLookalikes(text)).toBe(text));

  it('reads a message whose command words were picked wrong', () => {
    expect(parse('YH20261126-0004 去看了 还末整改')).toMatchObject({ intent: 'review', code: 'YH20261126-0004', pass: false });
    expect(parse('去了永盛 正堂')).toMatchObject({ intent: 'patrol', enterprise: '永盛', result: 'normal' });
    expect(parse('宏达五金 己去 配电箱门坏了')).toMatchObject({ intent: 'patrol', enterprise: '宏达五金', result: 'issues' });
  });

  it('takes a verdict said twice in other words as one', () => {
    expect(parse('金鹏 正常 没间题')).toMatchObject({ intent: 'patrol', enterprise: '金鹏', result: 'normal' });
    expect(parse('恒泰 一切正常 没毛病')).toMatchObject({ intent: 'patrol', enterprise: '恒泰', result: 'normal' });
    // A verdict then a finding is no verdict said twice.
    expect(surface('恒泰 正常 灭火器过期')).toBe('恒泰 正常 灭火器过期');
  });
});

describe('the level: the formal term, a stated level, a denial and a suspicion', () => {
  it.each([
    '常州鼎新机械有限公司喷漆房无通风设施，属重大事故隐患。',
    '华美 仓库与宿舍同一栋楼 构成重大隐患',
    '巡查 天成电器 发现液氨管道无泄漏报警，经判定为重大事故隐患',
  ])('%s is major, and the level clause leaves the words', (text) => {
    const got = parse(text);
    expect(got.level).toBe('major');
    expect(String(got.description ?? got.findings)).not.toMatch(/重大|属|构成|判定/);
  });

  it('a suspicion is filed as major with the words quoted, so the worker can say 改成一般', () => {
    expect(parse('华美 仓库里酸碱放在一起 可能是重大隐患？')).toMatchObject({ intent: 'report', level: 'major', levelReason: '可能是重大隐患' });
  });

  it.each([
    ['华美 消防通道堵塞 不属于重大隐患', '消防通道堵塞'],
    ['恒泰 配电箱门坏了 不是 重大', '配电箱门坏了'],
  ])('%s is not major', (text, words) => {
    expect(parse(text)).toMatchObject({ intent: 'report', level: 'general', description: words });
  });

  it('重大事故 said of what may happen is no level clause', () => {
    expect(parse('华美 灭火器过期了 三天内换掉')).not.toHaveProperty('level');
  });
});

describe('the description keeps the worker words without the demand of a removed deadline', () => {
  it.each([
    ['常州宏图化工有限公司罐区围堰破损，建议立即整改。', '罐区围堰破损'],
    ['华美 通道堵了，责令立即整改，并通知消防所', '通道堵了，并通知消防所'],
    ['经检查，常州天宇塑业有限公司：仓库灭火器过期；安全出口锁闭。以上问题限于12月15日前整改完毕。', '仓库灭火器过期；安全出口锁闭'],
    ['恒泰 车间粉尘大 现责令该企业于12月10日前整改完毕', '车间粉尘大'],
    ['瑞丰 焊接作业没人看火 已责令立即停止作业并整改', '焊接作业没人看火'],
  ])('%s', (text, words) => {
    const got = parse(text);
    expect(got.description ?? got.findings).toBe(words);
  });

  it('an order said whole after a deadline stays (下班前叫他们挪开)', () => {
    expect(parse('华美 通道堆着货 下班前叫他们挪开')).toMatchObject({ description: '通道堆着货 叫他们挪开' });
    // A 叫 inside a clause is no demand: 报警器不叫 keeps its words.
    expect(String(parse('上报 华美 报警器不叫 明天修好').description)).toContain('报警器不叫');
  });
});

describe('problem words: a trade name that holds a problem character', () => {
  it('不锈钢 in a name is a trade, not rust', () => {
    expect(parse('鑫达不锈钢 酸洗车间 排风扇没开')).toMatchObject({ intent: 'report', enterprise: '鑫达不锈钢' });
    expect(parse('鑫达不锈钢 正常')).toMatchObject({ intent: 'patrol', enterprise: '鑫达不锈钢', result: 'normal' });
    // Rust itself is still a problem.
    expect(parse('华美 楼梯扶手生锈了')).toMatchObject({ intent: 'report', enterprise: '华美' });
  });
});

describe('deadline phrases: time granted and the week after next', () => {
  it.each([
    ['华美 通道堵了 给他们三天时间', { kind: 'days', days: 3 }],
    ['恒泰 灭火器过期 留一周时间整改', { kind: 'days', days: 7 }],
    ['佳禾 配电箱没门 下下周三之前装好', { kind: 'date', date: '2026-12-16' }],
    ['新亚 油污太多 下下个星期一前弄干净', { kind: 'date', date: '2026-12-14' }],
  ])('%s', (text, deadline) => {
    expect(parse(text)).toMatchObject({ intent: 'report', deadline });
  });

  it('a time spent is no time granted, and 下下周 alone names no day', () => {
    expect(parse('华美 通道堵了 他们花了三天时间才清好')).not.toHaveProperty('deadline');
    expect(parse('华美 通道堵了 下下周整改')).not.toHaveProperty('deadline');
  });
});

describe('the formal term and English shorthand of the bot words', () => {
  it('重大事故隐患 is the bot 重大隐患: the list of majors and the level', () => {
    expect(parse('麻烦列一下本镇还没销号的重大事故隐患')).toMatchObject({ intent: 'major' });
    expect(parse('华美 锅炉房 存在重大生产安全事故隐患')).toMatchObject({ intent: 'report', level: 'major' });
  });

  it('pass and cancel typed in English', () => {
    expect(parse('YH20261130-0002 复查 pass')).toMatchObject({ intent: 'review', code: 'YH20261130-0002', pass: true });
    expect(parse('报错了 cancel')).toMatchObject({ intent: 'cancel' });
    // A passing word inside other English stays as typed.
    expect(surface('password 忘了')).toBe('password 忘了');
  });
});
