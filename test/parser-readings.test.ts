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

describe('enterprise questions with the name first and more asked after it', () => {
  it.each([
    ['常州市恒达机械有限公司上次巡查是谁去的？还有几条隐患没整改', '常州市恒达机械有限公司'],
    ['天马纺织以前出过几次问题？我明天要去', '天马纺织'],
    ['问一下金鹰五金是哪个网格的，风险等级是什么', '金鹰五金'],
    ['我想看看华星电子的检查记录', '华星电子'],
    ['湖塘镇的永安塑业最近隐患情况给我看一下', '永安塑业'],
    ['宏达包装的情况 帮我查查', '宏达包装'],
  ])('%s', (text, enterprise) => {
    expect(parse(text)).toMatchObject({ intent: 'query_enterprise', enterprise });
  });
});

describe('patrols told as a visit', () => {
  it.each([
    ['我今天又去了华美化工，检查的时候发现配电箱没关，其他都还可以', 'issues', '华美化工'],
    ['我上午第一次去恒泰五金巡查，发现叉车没年检', 'issues', '恒泰五金'],
    ['应急局今天去了永安塑业，检查中发现危化品混放', 'issues', '永安塑业'],
    ['住建局今天抽查金鹰建材，未发现问题', 'normal', '金鹰建材'],
    ['天马纺织巡查完了，都符合要求', 'normal', '天马纺织'],
    ['宏达包装 复巡 堆货已清 其他ok', 'normal', '宏达包装'],
    ['华星电子去过了 之前的问题都解决了 正常', 'normal', '华星电子'],
    ['检查好金鹰纸业 仓库纸卷堆太高了 其它 都还行', 'issues', '金鹰纸业'],
    ['恒达机械 巡好了 焊机电线破皮', 'issues', '恒达机械'],
    ['打卡 天马纺织巡查完毕 一切正常', 'normal', '天马纺织'],
  ])('%s', (text, result, enterprise) => {
    expect(parse(text)).toMatchObject({ intent: 'patrol', result, enterprise });
  });
});

describe('a doubt about the message itself is no part of it', () => {
  it.each([
    ['我去天马纺织转了一圈，都看了，没发现问题，请问这样算巡查了吗', { intent: 'patrol', enterprise: '天马纺织', result: 'normal' }],
    ['请问没问题的是不是也要报？华星电子我看过了，没问题', { intent: 'patrol', enterprise: '华星电子', result: 'normal' }],
    ['恒泰五金配电房门口堆了纸箱，跟老板说了五天内整改，这样报可以吗', { intent: 'report', enterprise: '恒泰五金', deadline: { kind: 'days', days: 5 } }],
    ['想问一下永安塑业的仓库门口停满了电瓶车在充电，是不是要报重大隐患', { intent: 'report', enterprise: '永安塑业', level: 'major' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });
});

describe('danger said in plain words is a major hazard, with the words kept as its reason', () => {
  it.each([
    ['华美化工 油漆桶堆在配电箱边上 非常危险', '非常危险'],
    ['恒泰五金 车间里焊渣没清 可能引发火灾', '可能引发火灾'],
    ['天马纺织 宿舍 仓库 车间在一栋楼 三合一', '三合一'],
  ])('%s', (text, reason) => {
    expect(parse(text)).toMatchObject({ intent: 'report', level: 'major', levelReason: reason });
  });

  it.each(['华美化工 危险品仓库门没锁', '恒泰五金 灭火器过期 不太危险'])('%s is not major', (text) => {
    expect(parse(text).level).toBeUndefined();
  });

  it('an explicit level word needs no reason', () => {
    expect(parse('华美化工 储罐区漏气 很危险 重大').levelReason).toBeUndefined();
  });
});

describe('the enterprise named later in the sentence', () => {
  it.each([
    ['应急局检查：常州市恒达机械有限公司喷漆房无排风，责令5日内整改', '常州市恒达机械有限公司', { kind: 'days', days: 5 }],
    ['大家好，现将本次检查发现的问题报告如下：江苏天马纺织有限公司仓库消防通道堵塞，限12月9日前整改', '江苏天马纺织有限公司', { kind: 'date', date: '2026-12-09' }],
    ['消防通道堵了，永安塑业，三天内', '永安塑业', { kind: 'days', days: 3 }],
    ['打扰一下，华星电子配电箱没接地，一周内整改', '华星电子', { kind: 'days', days: 7 }],
    ['麻烦帮忙登记一下，金鹰纸业的除尘管道破了，五天内修好', '金鹰纸业', { kind: 'days', days: 5 }],
  ])('%s', (text, enterprise, deadline) => {
    expect(parse(text)).toMatchObject({ intent: 'report', enterprise, deadline });
  });
});

describe('an enterprise with a check item only, or at a site asking what now: report or patrol?', () => {
  it.each([
    ['宏达包装 配电箱', '宏达包装'],
    ['天马纺织 安全出口', '天马纺织'],
    ['我现在在华星电子门口，下一步该怎么弄', '华星电子'],
    ['我到恒泰五金了 怎么做', '恒泰五金'],
  ])('%s', (text, enterprise) => {
    const got = parse(text) as { intent: string; options: { intent: string; enterprise: string }[] };
    expect(got.intent).toBe('ambiguous');
    expect(got.options.map((o) => o.intent)).toEqual(['report', 'patrol']);
    expect(got.options[0].enterprise).toBe(enterprise);
  });

  it('a how-to question without a site stays help', () => {
    expect(parse('巡查怎么记').intent).toBe('help');
  });
});

describe('a quoted line and its answer, and a forwarded message', () => {
  it.each([
    ['> 张站长：华星电子今天去了吗\n去了，都正常', { intent: 'patrol', enterprise: '华星电子', result: 'normal' }],
    ['「王主任：天马纺织看过了没」看过了 没问题', { intent: 'patrol', enterprise: '天马纺织', result: 'normal' }],
    ['「王主任：恒泰五金的配电箱怎么样了」配电箱还没接地 三天内整改', { intent: 'report', enterprise: '恒泰五金' }],
    ['转自站长：宏达包装是哪个网格的', { intent: 'query_enterprise', enterprise: '宏达包装' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });

  it('a bracketed name is no quote', () => {
    expect(parse('“佳禾纺织” 巡查完 正常')).toMatchObject({ intent: 'patrol', enterprise: '佳禾纺织', result: 'normal' });
  });
});

describe('a failed review keeps the state that failed as its reason', () => {
  it.each([
    ['YH20261201-0004 复查 还是没弄好 再给两天', '还是没弄好'],
    ['YH20261201-0004 复查不通过 护栏还是没装 再给三天', '护栏还是没装'],
  ])('%s', (text, reason) => {
    expect(parse(text)).toMatchObject({ intent: 'review', pass: false, reason });
  });

  it('the verb’s aspect is no part of the reason', () => {
    expect(parse('YH20261201-0004 复查了 还是没改').reason).toBe('还是没改');
  });
});

describe('bracketed labels are a template, and a demonstrative is no name', () => {
  it('【企业】…【问题】…【期限】…', () => {
    expect(parse('【企业】恒泰五金【问题】配电箱未接地【期限】三天内')).toMatchObject({ intent: 'report', enterprise: '恒泰五金', deadline: { kind: 'days', days: 3 } });
  });
  it('查一下这个 names nothing', () => {
    expect(parse('查一下这个').intent).toBe('unknown');
  });
  it('ok before a visit is its verdict', () => {
    expect(parse('ok 金鹰纸业 刚走')).toMatchObject({ intent: 'patrol', enterprise: '金鹰纸业', result: 'normal' });
  });
});

describe('northern colloquial visits and verdicts', () => {
  it.each([
    ['天马纺织我瞅了一眼 没毛病', 'normal'],
    ['宏达包装去瞅了 嘎嘎好', 'normal'],
    ['金鹰纸业 巡了 杠杠的', 'normal'],
    ['今儿个去了恒泰五金 灭火器过期了', 'issues'],
  ])('%s', (text, result) => {
    expect(parse(text)).toMatchObject({ intent: 'patrol', result });
  });
});

describe('slots cleaned of the words around them', () => {
  it('a place without the request in front of it', () => {
    expect(parse('请提供湖塘镇本月的统计数据')).toMatchObject({ intent: 'stats', place: '湖塘镇', period: '本月' });
  });
  it('an enterprise question with a period after the name', () => {
    expect(parse('天马纺织去年有没有出过事故')).toMatchObject({ intent: 'query_enterprise', enterprise: '天马纺织', period: '去年' });
  });
  it('who is assigned, without the job after the deadline', () => {
    expect(parse('YH20261201-0004 交给李强 本周五前整改完')).toMatchObject({ intent: 'assign', responsible: '李强' });
  });
  it('申请销号 with a code is the rectification asking for it', () => {
    expect(parse('YH20261201-0004 隐患已消除 申请销号').intent).toBe('rectify');
  });
});

describe('offices, towns and notices are never the enterprise', () => {
  it('an office that checked, before the finding', () => {
    expect(parse('镇安监办检查发现，恒泰五金配电房堆放杂物，责令三日内整改')).toMatchObject({ intent: 'report', enterprise: '恒泰五金', deadline: { kind: 'days', days: 3 } });
  });
  it('a problem in a town names no enterprise and keeps the town in the words', () => {
    const got = parse('牛塘镇 消防通道堵了');
    expect(got).toMatchObject({ intent: 'report', description: '牛塘镇 消防通道堵了' });
    expect(got.enterprise).toBeUndefined();
  });
  it('an instruction to a town is no hazard', () => {
    expect(parse('请湖塘镇于12月9日前将隐患排查情况上报').intent).not.toBe('report');
  });
  it('a numbered point’s number is no name', () => {
    expect(parse('1、天马纺织 安全出口上锁 立即整改')).toMatchObject({ intent: 'report', enterprise: '天马纺织', deadline: { kind: 'now' } });
  });
  it('a day of a month is no month period', () => {
    expect(parse('湖塘镇12月9日前逾期的有哪些').period).toBeUndefined();
  });
  it('the verdict glued after 去了 <name>', () => {
    expect(parse('去了金鹰纸业一切正常')).toMatchObject({ intent: 'patrol', enterprise: '金鹰纸业', result: 'normal' });
  });
  it('存在火灾隐患 is a clerk’s usual words, not a major hazard', () => {
    expect(parse('恒泰五金 仓库电线老化 存在火灾隐患').level).toBeUndefined();
  });
});

describe('more figures and state questions', () => {
  it.each([
    ['本季度排名第几', { intent: 'ranking', period: '本季度' }],
    ['哪个镇整改最慢', { intent: 'ranking' }],
    ['超期未整改的清单发一下', { intent: 'overdue' }],
  ])('%s', (text, want) => {
    const got = parse(text);
    expect(got).toMatchObject(want);
    expect(got.place).toBeUndefined();
  });

  it('the state of a finding at an enterprise asks for the enterprise', () => {
    expect(parse('天马纺织那个消防通道的问题处理好了没有')).toMatchObject({ intent: 'query_enterprise', enterprise: '天马纺织' });
  });
});

describe('a first line of chat, a reply lead, a demand’s leftover', () => {
  it.each([
    ['各位领导好\n恒泰五金配电箱未接地，三天内整改', { intent: 'report', enterprise: '恒泰五金' }],
    ['张站长好\n金鹰纸业巡查完毕，一切正常', { intent: 'patrol', enterprise: '金鹰纸业', result: 'normal' }],
    ['收到\n天马纺织 灭火器过期 一周内换掉', { intent: 'report', enterprise: '天马纺织' }],
    ['大家好\n我是湖塘镇网格员小王\n今天巡查华星电子，一切正常', { intent: 'patrol', enterprise: '华星电子', result: 'normal' }],
    ['回复 王主任：宏达包装去过了，没问题', { intent: 'patrol', enterprise: '宏达包装', result: 'normal' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });

  it('the demand around a deadline leaves no words in the finding', () => {
    expect(parse('华星电子 配电箱门坏了 让他们三天内修好')).toMatchObject({ description: '配电箱门坏了' });
  });
});

describe('run-on messages typed one-handed', () => {
  it.each([
    ['金鹰纸业查了下通道堵了', { intent: 'patrol', enterprise: '金鹰纸业', result: 'issues', findings: '通道堵了' }],
    ['天马纺织ok', { intent: 'patrol', enterprise: '天马纺织', result: 'normal' }],
    ['湖塘逾期几条', { intent: 'overdue', place: '湖塘' }],
    ['恒泰五金员工宿舍在车间楼上', { intent: 'report', enterprise: '恒泰五金' }],
    ['刚才那条发错了', { intent: 'cancel' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });

  it('a site word is never one of several enterprises', () => {
    expect(parse('华美 宿舍在三楼 都正常').enterprises).toBeUndefined();
  });
});

describe('who is assigned, and the duplicate a void names', () => {
  it.each([
    ['YH20261201-0004 交湖塘镇安监办办理，限12月10日前', '湖塘镇安监办'],
    ['请将YH20261201-0004指派给第二网格员，于12月9日前完成处置', '第二网格员'],
    ['YH20261201-0004 安排小刘去跟进 本周内', '小刘'],
    ['把YH20261201-0004派给李强处理，三天内必须闭环', '李强'],
  ])('%s', (text, responsible) => {
    expect(parse(text)).toMatchObject({ intent: 'assign', responsible });
  });

  it('a delay asked for names nobody', () => {
    expect(parse('YH20261201-0004 企业说设备还没到 要延期到月底').responsible).toBeUndefined();
  });

  it('重复了 with a second code voids it as that one’s duplicate', () => {
    expect(parse('YH20261201-0004 重复了 和YH20261130-0002是同一个')).toMatchObject({ intent: 'void', duplicateOf: 'YH20261130-0002' });
  });
});

describe('subjects, towns and questions around a named enterprise', () => {
  it.each([
    ['天马纺织逾期的隐患有几条', { intent: 'query_enterprise', enterprise: '天马纺织' }],
    ['宏达包装 这周去过了吗', { intent: 'query_enterprise', enterprise: '宏达包装', period: '本周' }],
    ['湖塘镇的恒泰五金 配电箱没接地 五天内', { intent: 'report', enterprise: '恒泰五金' }],
    ['我跟小张今天去了华星电子 一切正常', { intent: 'patrol', enterprise: '华星电子', result: 'normal' }],
    ['住建局的同志今天去了永安塑业 没发现问题', { intent: 'patrol', enterprise: '永安塑业', result: 'normal' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });

  it('at a site with a problem asks report or patrol', () => {
    const got = parse('我现在在金鹰纸业 他们的安全出口锁了') as { intent: string; options: { enterprise: string }[] };
    expect(got.intent).toBe('ambiguous');
    expect(got.options[0].enterprise).toBe('金鹰纸业');
  });

  it('a name starting with 正 keeps it', () => {
    expect(parse('正大食品 冷库没有泄漏报警').enterprise).toBe('正大食品');
  });
});

describe('found on a visit and handled there', () => {
  it('is a patrol with issues, not a question', () => {
    expect(parse('永安塑业 检查发现 叉车司机没戴安全帽 已口头提醒')).toMatchObject({ intent: 'patrol', enterprise: '永安塑业', result: 'issues' });
  });
  it('with a deadline it stays a choice or a report', () => {
    expect(parse('永安塑业 检查发现 叉车司机没戴安全帽 已口头提醒 三天内整改').intent).not.toBe('patrol');
  });
});

describe('a clerk’s closing words', () => {
  it('特此报告 and the 责令 before the deadline are no part of the finding', () => {
    expect(parse('经查，常州市金鹰纸业有限公司原料库未设置消防车通道，责令于12月12日前整改完毕。特此报告。')).toMatchObject({
      intent: 'report', enterprise: '常州市金鹰纸业有限公司', description: '原料库未设置消防车通道', deadline: { kind: 'date', date: '2026-12-12' },
    });
  });
});

describe('whether what was told counts, asked of the bot', () => {
  it.each([
    ['天马纺织安全出口锁了 这个算不算隐患', { intent: 'report', enterprise: '天马纺织', description: '安全出口锁了' }],
    ['宏达包装仓库电线乱拉要不要报', { intent: 'report', enterprise: '宏达包装', description: '仓库电线乱拉' }],
    ['金鹰纸业有限空间没审批 属不属于重大隐患', { intent: 'report', enterprise: '金鹰纸业', level: 'major' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });

  it('属于重大隐患 said, not asked, is the level word itself', () => {
    expect(parse('上报 华美 仓库内电线私拉乱接，属于重大隐患，立即整改')).toMatchObject({ level: 'major', description: '仓库内电线私拉乱接' });
  });
});

describe('two enterprises in one message, each with its own words', () => {
  it('offers each reading instead of writing the second one’s hazard against the first', () => {
    const got = parse('天马纺织 正常 宏达包装 安全出口锁了') as { intent: string; options: Record<string, unknown>[] };
    expect(got.intent).toBe('ambiguous');
    expect(got.options).toMatchObject([
      { intent: 'patrol', enterprise: '天马纺织', result: 'normal' },
      { intent: 'report', enterprise: '宏达包装', description: '安全出口锁了' },
    ]);
  });

  it('a trade word inside a finding is no second enterprise', () => {
    expect(parse('上报 华星电子 喷漆房电气不防爆 三天内').intent).toBe('report');
  });
});
