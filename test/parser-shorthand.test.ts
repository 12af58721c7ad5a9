import { describe, it, expect } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { expandAbbreviations } from '../bot/dialog/parse/abbreviations.js';
import { layOutLines } from '../bot/dialog/parse/lines.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown> & { intent: string };

describe('shorthand: pinyin initials and English words for the bot\'s own words', () => {
  it('writes out the bot\'s initials and English words, glued where they were glued', () => {
    expect(expandAbbreviations('xc 金帆物流 ok')).toBe('巡查 金帆物流 ok');
    expect(expandAbbreviations('仓库灭火器没压力 立即zg')).toBe('仓库灭火器没压力 立即整改');
    expect(expandAbbreviations('看下我的todo')).toBe('看下我的待办');
    expect(expandAbbreviations('通道堵了 5d内清掉')).toBe('通道堵了 5天内清掉');
    expect(expandAbbreviations('货架超载 1w内zg')).toBe('货架超载 1周内整改');
  });

  it('leaves an enterprise\'s initials, a code and Latin words it does not know as typed', () => {
    expect(expandAbbreviations('xc化工 消防栓被挡')).toBe('xc化工 消防栓被挡'); // initials glued to a trade word
    expect(expandAbbreviations('整改 YH 20261201-0002 完成')).toBe('整改 YH 20261201-0002 完成');
    expect(expandAbbreviations('gk 3d打印车间')).toBe('gk 3d打印车间');
    expect(expandAbbreviations('LED灯坏了')).toBe('LED灯坏了');
    expect(expandAbbreviations('粉尘 PM 2.5 超标')).toBe('粉尘 PM 2.5 超标');
  });

  it('reads a patrol typed in shorthand, with the enterprise by its initials and the deadline in letters', () => {
    const p = parse('xc ks纺织 配电箱门没关 2d内zg');
    expect(p).toMatchObject({ intent: 'patrol', enterprise: 'ks纺织', result: 'issues', deadline: { kind: 'days', days: 2 } });
    expect(parse('cx ks纺织')).toMatchObject({ intent: 'query_enterprise', enterprise: 'ks纺织' });
    expect(parse('我的todo pls')).toMatchObject({ intent: 'tasks' });
  });

  it('reads a major hazard tagged zd', () => {
    expect(parse('ks纺织 仓库里油漆和稀释剂混放 zd 立即zg')).toMatchObject({ intent: 'report', enterprise: 'ks纺织', level: 'major', deadline: { kind: 'now' } });
  });
});

describe('fragments sent a line at a time', () => {
  it('puts a name said last or in the middle first', () => {
    expect(layOutLines('楼梯间堆了纸板\n两天内清掉\n远帆包装')).toBe('远帆包装\n楼梯间堆了纸板\n两天内清掉');
    expect(parse('楼梯间堆了纸板\n两天内清掉\n远帆包装')).toMatchObject({ intent: 'report', enterprise: '远帆包装', deadline: { kind: 'days', days: 2 } });
    expect(parse('叉车在车间里充电\n立新机械\n马上挪出去')).toMatchObject({ intent: 'report', enterprise: '立新机械', deadline: { kind: 'now' } });
  });

  it('drops a line the sender retracts, keeping what corrects it', () => {
    expect(layOutLines('上报\n立新机械\n气瓶没固定\n期限明天\n不对 是后天')).toBe('上报\n立新机械\n气瓶没固定\n后天');
    expect(parse('上报\n立新机械\n气瓶没固定\n期限明天\n不对 是后天')).toMatchObject({
      intent: 'report', enterprise: '立新机械', deadline: { kind: 'days', days: 2 },
    });
    expect(parse('今天巡查\n立新机械\n一切正常\n不对\n砂轮机防护罩没装\n让他们今天装上')).toMatchObject({
      intent: 'patrol', enterprise: '立新机械', result: 'issues',
    });
  });

  it('leaves a command first, a form and a single line as they are', () => {
    expect(layOutLines('巡查\n立新机械\n正常')).toBe('巡查\n立新机械\n正常');
    expect(layOutLines('企业：立新机械\n结果：正常')).toBe('企业：立新机械\n结果：正常');
    expect(layOutLines('立新机械 气瓶没固定')).toBe('立新机械 气瓶没固定');
    // Two lines that could each be a name: no guess.
    expect(layOutLines('问题很多\n立新机械\n远帆包装')).toBe('问题很多\n立新机械\n远帆包装');
  });
});

describe('today as a deadline with a must before the verb', () => {
  // Today given as an order is 立即 (now): the same end of today, said as the order it is.
  it('reads 今天必须 / 今天就 / 今天一定 + a fix verb as today, an order (now)', () => {
    expect(parse('远帆包装 消防通道堵了 今天必须清掉')).toMatchObject({ deadline: { kind: 'now' } });
    expect(parse('远帆包装 安全出口锁了 叫他们今天就打开')).toMatchObject({ deadline: { kind: 'now' } });
    // A visit today is no deadline.
    expect(parse('今天去了远帆包装 正常')).toMatchObject({ intent: 'patrol', result: 'normal' });
    expect(parse('今天去了远帆包装 正常')).not.toHaveProperty('deadline');
  });
});

describe('the order left by a deadline, the end of work, and a retraction as a correction', () => {
  it('drops the order whose time was the deadline, keeps an order said whole', () => {
    expect(parse('远帆包装 楼道里堆着纸箱 叫他们下班前搬走')).toMatchObject({ description: '楼道里堆着纸箱', deadline: { kind: 'days', days: 0 } });
    expect(parse('远帆包装 配电箱没盖 我让他三天内装好')).toMatchObject({ description: '配电箱没盖', deadline: { kind: 'days', days: 3 } });
    expect(parse('远帆包装 通道堵了 叫他们清理')).toMatchObject({ description: '通道堵了 叫他们清理' });
  });

  it('reads 不对 / 说错了 + what it should be as a correction of the level, the deadline or the enterprise', async () => {
    const { parseCorrection } = await import('../bot/dialog/parse/corrections.js');
    expect(parseCorrection('不对 是立新机械', NOW)).toEqual({ kind: 'enterprise', enterprise: '立新机械' });
    expect(parseCorrection('说错了，是后天', NOW)).toEqual({ kind: 'deadline', deadline: { kind: 'days', days: 2 } });
    expect(parseCorrection('搞错了 应该是重大', NOW)).toEqual({ kind: 'level', level: 'major' });
    expect(parseCorrection('不对 是这样的 他们已经改了', NOW)).toBeNull();
    expect(parseCorrection('不对', NOW)).toBeNull();
  });
});

describe('a name said as a landmark is not where the hazard is', () => {
  it('drops the enterprise (the dialog asks which) and keeps the words', () => {
    const p = parse('立新机械隔壁那家小作坊 电线乱拉');
    expect(p).toMatchObject({ intent: 'report', description: expect.stringContaining('隔壁那家小作坊 电线乱拉') });
    expect(p).not.toHaveProperty('enterprise');
    expect(parse('听立新机械老板讲 隔壁远帆包装的仓库有人抽烟')).not.toHaveProperty('enterprise');
    expect(parse('立新机械对面那个厂 今天去看了 正常')).not.toHaveProperty('enterprise');
  });

  it('keeps the enterprise of a plain report and of hearsay about the enterprise itself', () => {
    expect(parse('立新机械 电线乱拉')).toMatchObject({ enterprise: '立新机械' });
    expect(parse('立新机械门口的消防栓被货挡住了')).toMatchObject({ enterprise: '立新机械' });
  });
});
