// The readings fixed on 2026-12-07 from the kinds in the blind12/blind14 tune misses (worktree B): a visit told
// anywhere is a patrol, a command after a chat part, and questions in plain words. One describe per kind; the
// messages are written for this file, with near misses that must keep their old reading.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW, { botNames: ['安全助手'] }) as Record<string, unknown>;

describe('a visit told with an order to fix is a patrol with issues', () => {
  it.each([
    ['新宇包装 上午去的 配电箱门掉了 让他们三天内修好', { intent: 'patrol', enterprise: '新宇包装', result: 'issues', deadline: { kind: 'days', days: 3 } }],
    ['恒泰五金 看了下 消防栓被货挡住 马上挪开', { intent: 'patrol', enterprise: '恒泰五金', result: 'issues', deadline: { kind: 'now' } }],
    ['下午到鸿运物流，叉车充电区堆了纸箱，叫他们两天内清走', { intent: 'patrol', enterprise: '鸿运物流', result: 'issues', deadline: { kind: 'days', days: 2 } }],
    ['金宇不锈钢 已去 砂轮机没防护罩 一周内装好', { intent: 'patrol', enterprise: '金宇不锈钢', result: 'issues', deadline: { kind: 'days', days: 7 } }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });
  it.each([
    // No going or looking verb: a time word alone, or nothing, tells no visit.
    ['今天华美那边安全出口堵了 三天内', '华美'],
    ['宏达纸业 消防通道堵了 三天内', '宏达纸业'],
  ])('near miss %s stays a report', (text, enterprise) => {
    expect(parse(text)).toMatchObject({ intent: 'report', enterprise });
  });
});

describe('a clerk opening that says when the visit was made, with an order, records the patrol', () => {
  it('今日对…开展检查，发现…，已责令…', () => {
    expect(parse('今日对常州新华纺织有限公司开展消防检查，发现仓库喷淋头被遮挡，已责令三日内整改。')).toMatchObject({
      intent: 'patrol', enterprise: '常州新华纺织有限公司', result: 'issues', deadline: { kind: 'days', days: 3 },
    });
  });
  it('near miss: 经检查 alone stays the hazard put on record', () => {
    expect(parse('经检查，常州新华纺织有限公司仓库喷淋头被遮挡，责令三日内整改。')).toMatchObject({ intent: 'report', enterprise: '常州新华纺织有限公司' });
  });
});

describe('a command word after a chat part is the command', () => {
  it.each([
    ['好的王哥我知道了。顺便 @安全助手 上报 华美化工 灭火器过期 三天内', { intent: 'report', enterprise: '华美化工', deadline: { kind: 'days', days: 3 } }],
    ['收到! 另外 @安全助手 巡查 宏达纸业 正常', { intent: 'patrol', enterprise: '宏达纸业', result: 'normal' }],
    ['王哥辛苦了, 顺便 查一下 恒泰五金', { intent: 'query_enterprise', enterprise: '恒泰五金' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });
  it('near miss: a problem told before the command word is no chat', () => {
    expect(parse('灭火器过期了。顺便 巡查 华美').intent).not.toBe('patrol');
  });
});

describe('an enterprise asked about: which grid, whether it is mine', () => {
  it.each([
    ['鸿运物流归我管吗', '鸿运物流'],
    ['新华纺织是哪个网格的，是不是我负责的', '新华纺织'],
    ['天宏机械在哪个网格', '天宏机械'],
  ])('%s', (text, enterprise) => {
    expect(parse(text)).toMatchObject({ intent: 'query_enterprise', enterprise });
  });
});

describe('the sender asks for their own grid and enterprises', () => {
  it.each(['我被分到哪个网格了', '我分到几家厂', '我分到的是哪个网格，有几家企业'])('%s', (text) => {
    expect(parse(text)).toMatchObject({ intent: 'my_enterprises' });
  });
});

describe('how to use the bot, asked as a newcomer asks', () => {
  it.each(['照片传上来就行了吗', '除了照片还要写啥', '隐患编号是什么意思', '怎么在手机上提交整改照片'])('%s', (text) => {
    expect(parse(text)).toMatchObject({ intent: 'help' });
  });
  it('near miss: a code asked about is that hazard', () => {
    expect(parse('YH20261201-0003是什么意思')).toMatchObject({ intent: 'query_hazard', code: 'YH20261201-0003' });
  });
});

describe('an enterprise’s contact asks about their own enterprise', () => {
  it.each([
    ['我们公司叫常州天宏机械有限公司，想看看我们的隐患记录', '常州天宏机械有限公司'],
    ['我是新华纺织的安全员，我们厂还有几个问题没整改？', '新华纺织'],
    ['我们厂还有哪几条隐患没销号？常州宏达纸业有限公司', '常州宏达纸业有限公司'],
  ])('%s', (text, enterprise) => {
    expect(parse(text)).toMatchObject({ intent: 'query_enterprise', enterprise });
  });
  it('near miss: work done, told, is no question', () => {
    expect(parse('我们是华美化工的，上次说的配电房杂物已经清理干净了').intent).not.toBe('query_enterprise');
  });
});

describe('the major hazards asked for as a list, in formal words', () => {
  it.each(['请列出全区未销号的重大事故隐患', '请汇总全区未销号的重大事故隐患', '把重大事故隐患清单发一下'])('%s', (text) => {
    expect(parse(text)).toMatchObject({ intent: 'major' });
  });
  it('near miss: a hazard at an enterprise called major is a report', () => {
    expect(parse('常州宏达纸业有限公司原料库电线乱拉 我看是重大隐患')).toMatchObject({ intent: 'report', level: 'major' });
  });
});

describe('a withdrawal said with why', () => {
  it.each(['不算了 刚才那条企业写错了', '刚才报错了 帮我撤销一下', '刚才那条写错了 cancel', '不要了，刚才那个厂名打错了'])('%s', (text) => {
    expect(parse(text)).toMatchObject({ intent: 'cancel' });
  });
  it('near miss: a finding with 不对 is no withdrawal', () => {
    expect(parse('刚才那个厂的灭火器不对 过期了').intent).not.toBe('cancel');
  });
});

describe('figures asked in the deputy head’s and the inspector’s voice', () => {
  it.each([
    ['通报一下遥观镇上月的整改率', { intent: 'stats', place: '遥观镇', period: '上月' }],
    ['查一下横山桥镇本周发现了多少隐患', { intent: 'stats', place: '横山桥镇', period: '本周' }],
    ['戚墅堰街道今年以来一共排查出多少隐患', { intent: 'stats', place: '戚墅堰街道', period: '今年' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });
  it.each([
    ['查一下华美化工', '华美化工'],
    ['帮我查一下东升铸造现在还有几个隐患没整改的', '东升铸造'],
  ])('near miss: %s is about an enterprise', (text, enterprise) => {
    expect(parse(text)).toMatchObject({ intent: 'query_enterprise', enterprise });
  });
});
