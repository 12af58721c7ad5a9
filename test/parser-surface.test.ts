// The surface of messages (bot/dialog/parse/surface.ts and friends): slips, dialect, courtesy, layout and
// spoken codes are put right before any reader runs. Messages written for these tests, one kind a block.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { correctHomophones } from '../bot/dialog/parse/homophones.js';
import { standardDialect } from '../bot/dialog/parse/dialect.js';
import { surface } from '../bot/dialog/parse/surface.js';
import { looseCodes, spokenCodes } from '../bot/dialog/parse/codes.js';
import { normalise } from '../bot/dialog/parse/normalise.js';

const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW);

describe('same-sound slips in the bot vocabulary', () => {
  it.each([
    ['车间要整该', '车间要整改'],
    ['这个隐换不小', '这个隐患不小'],
    ['安全出扣被堵', '安全出口被堵'],
    ['厂房里电缆老话了', '厂房里电缆老化了'],
    ['查看我的代办', '查看我的待办'],
    ['消访通道不通', '消防通道不通'],
    ['灭火气压力不够', '灭火器压力不够'],
    ['配电相没门', '配电箱没门'],
    ['本州逾其的', '本周逾期的'], // a slip before another slip
    ['下州一前整改', '下周一前整改'], // before a weekday
    ['巡插鸿运 正常', '巡查鸿运 正常'], // a command word first, before a name
    ['疏散知识不亮', '疏散指示不亮'], // two wrong in four
    ['重大隐黄', '重大隐患'], // -ng/-n, as fuzzy pinyin and southern speech blur them
    ['员工没带安全冒', '员工没带安全帽'],
    ['电线老话严重', '电线老化严重'], // the context vouches for the common word
    ['防暴灯坏了', '防爆灯坏了'],
    ['已经整整改好了', '已经整改好了'], // a stutter of dictation
    ['巡巡查完了', '巡查完了'],
    ['灭火器过其了', '灭火器过期了'],
  ])('%s → %s', (text, fixed) => expect(correctHomophones(text)).toBe(fixed));

  it.each([
    '老话说得好 安全第一', // a real word, no domain word before it
    '代办业务', // 代办 is a word
    '正昌机械 通道堵了', // part of a name before a trade word
    '小方去华美了', // no character in common with 消防
    '叉车刹车失灵', // 刹 is sha in 刹车
    '路过戚墅堰的时候', // 过戚 is no word boundary
    '检察院来人了',
    '金盛的电箱坏了', // 电箱 is a word; xiang and xian are told apart in two-character words
    '配电箱没接地', // a word written right is kept whole (电箱 inside it)
    '东升电子查过了', // a trade word's characters are the name's
    '看看我的任务',
  ])('leaves %s as written', (text) => expect(correctHomophones(text)).toBe(text));

  it('reads a report whose hazard word was slipped', () => {
    expect(parse('利华塑胶 仓库有重大隐换')).toMatchObject({ intent: 'report', enterprise: '利华塑胶', level: 'major' });
    expect(parse('看看我的代办')).toEqual({ intent: 'tasks' });
  });
});

describe('Wu and northern dialect words', () => {
  it.each([
    ['今朝去过了', '今天去过了'],
    ['明朝再去', '明天再去'],
    ['伊拉讲弗要紧', '他们讲不要紧'],
    ['老好个', '很好'],
    ['蛮好个 没事体', '蛮好 没事'],
    ['没得啥问题个', '没什么问题'],
    ['哪能办', '怎么办'],
    ['五天里弄好', '五天内弄好'],
    ['仓库里面', '仓库里面'],
    ['没毛病', '没问题'],
    ['坏了三个', '坏了三个'],
    ['钢瓶十余个', '钢瓶十余个'],
    ['报个情况', '报个情况'],
    ['侬去过伐', '你去过吗'],
    ['啥辰光去', '什么时候去'],
    ['照片等歇发拨你', '照片等会发给你'],
    ['金鹰个YH20261129-0004', '金鹰 YH20261129-0004'],
    ['那个YH20261129-0004', '那个YH20261129-0004'],
    ['木有问题', '没有问题'],
    ['贼危险', '很危险'],
    ['兴达巡好了', '兴达巡完了'],
    ['要检查好', '要检查好'],
    ['阿是整改好了', '是不是整改好了'],
    ['通道囥了交关纸箱', '通道放了很多纸箱'],
    ['交关危险', '很危险'],
    ['呒没问题', '没有问题'],
    ['弗来事', '不行'],
    ['昨日子去过', '昨天去过'],
    ['弄清爽', '弄干净'],
    ['伊讲明朝弄好', '他讲明天弄好'],
    ['伊利乳业', '伊利乳业'],
    ['勿晓得', '不晓得'],
    ['请勿吸烟', '请勿吸烟'],
    ['妥妥的', '没问题'],
    ['杠杠的', '没问题'],
    ['整好了', '整改好了'],
    ['要整好', '要整好'],
    ['迭个厂', '这个厂'],
    ['埃个情况', '那个情况'],
    ['金鹰迭面通道堵了', '金鹰这边通道堵了'],
    ['这面墙裂了', '这面墙裂了'],
  ])('%s → %s', (text, std) => expect(standardDialect(text)).toBe(std));

  it('reads a Wu patrol and a Wu deadline', () => {
    expect(parse('金鹰电器 今朝巡过了 老好个 没事体')).toMatchObject({ intent: 'patrol', enterprise: '金鹰电器', result: 'normal' });
    expect(parse('通宇五金 配电箱门坏脱了 五天里弄好')).toMatchObject({ intent: 'report', enterprise: '通宇五金', deadline: { kind: 'days', days: 5 } });
  });
});

describe('courtesy and meta wrappers', () => {
  it('drops greetings, apologies, record requests and thanks', () => {
    expect(surface('您好,不好意思打扰了,华达电子配电箱没盖,麻烦帮我登记一下,谢谢,辛苦了')).toBe('华达电子配电箱没盖');
    expect(surface('早上好 打卡✅ 金盛巡查完毕')).toBe('金盛巡查完毕');
    // Before a code, 签到 may be a department reporting at it: it stays for the code readers.
    expect(surface('签到 YH20261202-0001')).toBe('签到 YH20261202-0001');
    expect(surface('各位好,现将今日检查情况报送如下:常州市汇丰化纤有限公司消防通道堵塞')).toBe('常州市汇丰化纤有限公司消防通道堵塞');
  });

  it('drops announcing formulas and leading thanks', () => {
    expect(surface('你好,想跟您反映一下,晨光纺织车间电线乱拉,麻烦记录一下,谢谢您')).toBe('晨光纺织车间电线乱拉');
    expect(surface('谢谢啊 金鹰电器巡查完了 没问题')).toBe('金鹰电器巡查完了 没问题');
    expect(surface('辛苦帮我登记下:鸿运五金 消防通道堵塞')).toBe('鸿运五金 消防通道堵塞');
    expect(surface('不好意思哈,鸿运五金今天去看了')).toBe('鸿运五金今天去看了');
    expect(parse('谢谢')).toEqual({ intent: 'unknown', text: '谢谢' });
  });

  it('reads the report under a question about what else to do or how to report it', () => {
    expect(parse('不好意思哈，鸿运五金今天去看了，一切正常，请问还需要做什么吗')).toMatchObject({ intent: 'patrol', enterprise: '鸿运五金', result: 'normal' });
    expect(parse('您好，请问一下，我今天去了晨光纺织，他们灭火器过期了，要怎么上报呀？')).toMatchObject({ intent: 'patrol', enterprise: '晨光纺织', result: 'issues' });
  });

  it('drops a title addressed at the start, a clerk\'s closing and an aside about why', () => {
    expect(surface('王站长,金鹰电器去过了')).toBe('金鹰电器去过了');
    expect(surface('常州市汇丰化纤有限公司消防通道堵塞,特此报告,请领导审阅')).toBe('常州市汇丰化纤有限公司消防通道堵塞');
    expect(surface('横林镇本月的统计发我,我明天开会要用')).toBe('横林镇本月的统计发我');
    expect(surface('金鹰电器有几条隐患没整改?我们去之前想了解下')).toBe('金鹰电器有几条隐患没整改');
    expect(surface('麻烦问一下金鹰电器是哪个网格的')).toBe('请问金鹰电器是哪个网格的');
  });

  it('keeps a report a report when it ends with a question about recording it', () => {
    expect(parse('您好，晨光纺织的仓库通道被货物堵了，跟他们说了两天内清掉，请问这样报可以吗')).toMatchObject({
      intent: 'report', enterprise: '晨光纺织', deadline: { kind: 'days', days: 2 },
    });
    expect(parse('我去了金鹰电器，消防器材都正常，没有问题，请问这样算巡查过了吗？')).toMatchObject({ intent: 'patrol', enterprise: '金鹰电器', result: 'normal' });
  });

  it('drops the narrator before where they went, but not from a question', () => {
    expect(surface('我今天第一次去金鹰电器巡查,灭火器过期了')).toBe('今天去金鹰电器巡查,灭火器过期了');
    expect(surface('我在晨光纺织发现配电箱没盖')).toBe('在晨光纺织发现配电箱没盖');
    expect(surface('我在哪个网格')).toBe('我在哪个网格');
    expect(parse('我上午去了晨光纺织,仓库通道堵了,别的都还行')).toMatchObject({ intent: 'patrol', enterprise: '晨光纺织', result: 'issues' });
  });

  it('reads a cancel under an apology and a suggestion particle', () => {
    expect(parse('不好意思,刚才那条发错了,不要提交了,撤回掉吧,谢谢')).toEqual({ intent: 'cancel' });
    expect(surface('金盛 压力表过期了 十天内整改吧')).toBe('金盛 压力表过期了 十天内整改');
    expect(parse('好吧')).toEqual({ intent: 'confirm', yes: true });
  });

  it('keeps the level when the worker asks whether it is a major hazard', () => {
    expect(parse('您好，金鹰电器液氨罐边上有人抽烟，是不是要报重大隐患？麻烦登记')).toMatchObject({ intent: 'report', enterprise: '金鹰电器', level: 'major' });
  });

  it('drops a rhetorical question that says how dangerous it is', () => {
    expect(parse('晨光纺织,配电房门口堆满纸箱,万一着火了怎么办,三天内清掉')).toMatchObject({ intent: 'report', enterprise: '晨光纺织', deadline: { kind: 'days', days: 3 } });
  });

  it('reads a request said after what it is about', () => {
    expect(parse('金鹰电器的巡查记录 帮我查查看')).toEqual({ intent: 'query_enterprise', enterprise: '金鹰电器' });
    expect(parse('晨光纺织个情况 帮我看一下')).toEqual({ intent: 'query_enterprise', enterprise: '晨光纺织' });
  });

  it('leaves a real question a question', () => {
    expect(parse('请问这个怎么记录？')).not.toMatchObject({ intent: 'report' });
  });
});

describe('layout', () => {
  it('reads slashes as separators, but not inside a date', () => {
    expect(surface('金盛/灭火器过期/一般')).toBe('金盛 灭火器过期 一般');
    expect(surface('12/8前整改')).toBe('12/8前整改');
  });
  it('drops bullets, arrows, tags and typed laughter', () => {
    expect(surface('#隐患上报# 金盛 → 灭火器过期')).toBe('隐患上报 金盛 灭火器过期');
    expect(surface('金盛 巡查完毕 正常hhh')).toBe('金盛 巡查完毕 正常');
  });
  it('reads dashes, plus signs, ellipses and list numbers as separators, but not inside codes and dates', () => {
    expect(surface('金盛——灭火器过期——三天内')).toBe('金盛 灭火器过期 三天内');
    expect(surface('金盛+通道堵')).toBe('金盛 通道堵');
    expect(surface('金盛...灭火器过期...三天内')).toBe('金盛,灭火器过期,三天内');
    expect(surface('金盛 1、安全出口上锁 2、应急灯不亮')).toBe('金盛 安全出口上锁 应急灯不亮');
    expect(surface('YH20261122-0007 12-8前 3.5米')).toBe('YH20261122-0007 12-8前 3.5米');
  });
  it('joins characters typed one by one', () => expect(surface('我 的 任 务')).toBe('我的任务'));
  it('collapses a clause said twice', () => {
    expect(surface(normalise('通道堵了，通道堵了，赶紧清'))).toBe('通道堵了,赶紧清');
    expect(surface('华美 看看')).toBe('华美 看看');
  });
  it('puts a trailing @enterprise first, but not a person', () => {
    expect(normalise('仓库灭火器过期2个@金鹰电器')).toBe('金鹰电器 仓库灭火器过期2个');
    expect(normalise('已整改 @王站长')).toBe('已整改 王站长');
    expect(normalise('交办 YH20261122-0007 @张三')).toBe('交办 YH20261122-0007 张三');
  });
  it('reads a quoting reply as its answer about what the quote names', () => {
    expect(parse('> 周主任：金鹰电器这周去过没\n去过了，都正常')).toMatchObject({ intent: 'patrol', enterprise: '金鹰电器', result: 'normal' });
    expect(parse('> 周主任：YH20261129-0004 改好了吗\n改好了')).toMatchObject({ intent: 'rectify', code: 'YH20261129-0004' });
    // Several quoted lines are one quote; an answer that only echoes the question is that visit.
    expect(parse('> 周主任：金鹰电器这周去过没\n> 上次有两条\n去过了')).toMatchObject({ intent: 'patrol', enterprise: '金鹰电器' });
    // An answer to the bot's own question stays that answer.
    expect(parse('「周主任：金鹰电器这周去过没」\n- - - - - - - - - - - -\n2')).toEqual({ intent: 'choice', index: 2 });
    expect(parse('> 周主任：金鹰电器这周去过没\n是的')).toEqual({ intent: 'confirm', yes: true });
  });
});

describe('whole-message answers under the surface', () => {
  it.each([
    ['取消取消', { intent: 'cancel' }],
    ['算了算了', { intent: 'cancel' }],
    ['好的 谢谢', { intent: 'confirm', yes: true }],
    ['3 谢谢', { intent: 'choice', index: 3 }],
  ])('%s', (text, want) => expect(parse(text)).toEqual(want));
});

describe('hazard codes said aloud', () => {
  it.each([
    ['YH二零二六一二零一杠零零零三', 'YH20261201-0003'],
    ['YH二〇二六一二〇一横三', 'YH20261201-3'],
    ['YH 2026 1201 减 0003', 'YH20261201-0003'],
    ['YH二零二六一二零一零零零三', 'YH20261201-0003'],
    ['YH20261201 三天内整改', 'YH20261201 三天内整改'],
    ['YH20261201-3 三天内整改', 'YH20261201-3 三天内整改'],
    ['Y H 2 0 2 6 1 2 0 1 - 0 0 0 3', 'YH20261201-0003'],
  ])('%s → %s', (said, typed) => expect(spokenCodes(said)).toBe(typed));

  it.each([
    ['YH-20261201-0003 已整改', 'YH20261201-0003 已整改'],
    ['YH:20261201-0003', 'YH20261201-0003'],
    ['YH2026-12-01-0003', 'YH20261201-0003'],
    ['隐患编号20261201-0003', '隐患编号YH20261201-0003'],
    ['YH2026121-0003', 'YH2026121-0003'], // seven digits: no code, left for the parser to refuse
    ['2026-12-01前整改', '2026-12-01前整改'],
  ])('typed loosely: %s → %s', (typed, canonical) => expect(looseCodes(typed)).toBe(canonical));

  it('acts on a spoken code', () => {
    expect(parse('YH二零二六一二零一杠零零零三已经整改完了')).toMatchObject({ intent: 'rectify', code: 'YH20261201-0003' });
  });
});

describe('Wu question particle 伐', () => {
  it.each([
    ['整改好了 你晓得伐', '整改好了 '],
    ['整改好伐', '整改好吗'],
    ['金盛去过了伐', '金盛去过了吗'],
    ['这样报 对伐', '这样报 '],
  ])('%s → %s', (text, std) => expect(standardDialect(text)).toBe(std));
});

describe('slip correction leaves names alone', () => {
  // The seed's generator of plausible company, person, town and village names (scripts/seed/names.ts): none of
  // them, in the places a message puts them, may be rewritten into a word of the vocabulary.
  it('changes no generated name', async () => {
    const { companyName, personName, townName, villageName } = await import('../scripts/seed/names.js');
    const { createRng } = await import('../scripts/seed/random.js');
    const rng = createRng(20261206);
    const names: string[] = [];
    for (let i = 0; i < 600; i++) {
      const c = companyName(rng, '常州');
      names.push(c.name, c.shortName, ...c.aliases, personName(rng), townName(i), villageName(i % 40, i));
    }
    const changed = names.flatMap((n) =>
      [`${n} 灭火器过期`, `去了${n} 正常`, `${n}巡查完毕`, `交办 YH20261122-0007 给${n}`, n].filter((m) => correctHomophones(m) !== m),
    );
    expect(changed).toEqual([]);
    // And the whole surface step (dialect, courtesy, layout) keeps every name in the message.
    const lost = names.flatMap((n) => [`${n} 灭火器过期`, `去了${n} 正常`, n].filter((m) => !surface(normalise(m)).includes(n)));
    expect(lost).toEqual([]);
  });
});
