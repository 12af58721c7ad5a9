// Patrols told as a story and their verdicts (tune 3, worktree C, from the blind16 misses): a verdict said in
// slang, dialect or internet words; a return visit that finds the earlier problem put right; a checklist and
// one verdict; a visit with findings; the town said before the enterprise. One describe per kind, the messages
// written for this file, with near misses that must keep their reading.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { plainVerdicts } from '../bot/dialog/parse/verdicts.js';
import { patrolVerdict } from '../bot/dialog/patrol-verdict.js';
import { hazards, patrols } from '../db/schema/index.js';
import { dialogWorld } from './helpers/dialog-world.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW, { botNames: ['安全助手'] }) as Record<string, unknown>;

describe('a verdict of all well said in slang, dialect or internet words is a normal patrol', () => {
  it.each([
    ['瑞丰化纤 去过了 木事', '瑞丰化纤'],
    ['恒达看过啦 木有问题 666', '恒达'],
    ['华美化工 木事了', '华美化工'],
    ['华美化工 中', '华美化工'],
    ['金鹰五金 去了 中了', '金鹰五金'],
    ['宏达纸业 看过了 齐活', '宏达纸业'],
    ['新博电子 666', '新博电子'],
    ['华美化工 去过了 得劲', '华美化工'],
    ['天宇塑业 看过了 木问题', '天宇塑业'],
    ['恒泰五金 去了 莫得问题', '恒泰五金'],
    ['去了金桥纺织 666', '金桥纺织'],
    ['巡查 华美化工 木事', '华美化工'],
    ['巡查 华美化工 中', '华美化工'],
    ['瑞丰化纤 没毛病', '瑞丰化纤'],
    ['瑞丰化纤 妥妥的', '瑞丰化纤'],
    ['瑞丰化纤 all good', '瑞丰化纤'],
    ['瑞丰化纤 挺好', '瑞丰化纤'],
    ['凯达电器 all good 巡查完毕', '凯达电器'],
  ])('%s', (text, enterprise) => {
    const got = parse(text);
    expect(got).toMatchObject({ intent: 'patrol', enterprise, result: 'normal' });
    expect(got.findings).toBeUndefined();
  });

  it.each([
    ['恒通机械去了，啥毛病没有', '恒通机械'],
    ['刚去了金星木业，感觉都挺好的，没看到什么问题', '金星木业'],
    ['东方精工 巡查 完了 没有 发现 隐患', '东方精工'],
    ['金诚模具安全检查结果：合格', '金诚模具'],
    ['华美化工 去过了 没发现异常', '华美化工'],
  ])('the verdict said the other way round or a word at a time: %s', (text, enterprise) => {
    expect(parse(text)).toMatchObject({ intent: 'patrol', enterprise, result: 'normal' });
  });

  it.each([
    // A verdict, then what is wrong after all: the finding is what is wrong.
    ['华美 去了 木事 就是灭火器过期', '华美', '灭火器过期', undefined],
    ['今天去了恒达 没啥问题 就灭火器少一个 下周二前补上 ok', '恒达', '灭火器少一个', { kind: 'date', date: '2026-12-08' }],
    ['华美 去了 上次的隐患都整改了 灭火器过期', '华美', '灭火器过期', undefined],
  ])('a verdict of all well, then a finding, is a patrol with issues: %s', (text, enterprise, findings, deadline) => {
    const got = parse(text);
    expect(got).toMatchObject({ intent: 'patrol', enterprise, result: 'issues', findings });
    if (deadline) expect(got.deadline).toEqual(deadline);
  });

  it('a hedge after the verdict leaves it all well', () => {
    expect(parse('泰达仓储看了一眼，挺好，就是门口监控有个不亮，不算啥隐患')).toMatchObject({ intent: 'patrol', result: 'normal' });
  });

  it('the slang words are written as the standard verdict, and only as a verdict', () => {
    expect(plainVerdicts('去过了 木事')).toBe('去过了 没事');
    expect(plainVerdicts('去了 中了')).toBe('去了 没问题');
    expect(plainVerdicts('弄好了，齐活')).toBe('弄好了，没问题');
    expect(plainVerdicts('复查 pass 666')).toBe('复查 pass ok');
    // Wood before 事, a level, work under way, a question, a number and a code stay as they are.
    for (const s of ['红木事业部', '风险等级 中', '华美 整改 中', '华美化工 中不中', '车间中有人抽烟', '仓库中', '编号6666号', 'YH20261122-0666']) {
      expect(plainVerdicts(s), s).toBe(s);
    }
  });

  it.each([
    ['华美化工 去过了 不得劲 灭火器过期', '华美化工'],
    ['金鹰五金 去了 中间通道堵了', '金鹰五金'],
  ])('near miss %s is a patrol with findings', (text, enterprise) => {
    expect(parse(text)).toMatchObject({ intent: 'patrol', enterprise, result: 'issues' });
  });

  it('the dialog guard reads the slang verdicts as all well, so no hazard is recorded from them', () => {
    for (const s of ['木事', '木事了', '中了', '齐活', '666', '得劲', '没发现新问题']) expect(patrolVerdict(s), s).toBe('well');
    for (const s of ['车间中有人抽烟', '中间通道堵了']) expect(patrolVerdict(s), s).toBe('problem');
  });

  it('a patrol told 木事 in the dialog records a normal patrol and no hazard', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '华美化工 去过了 木事');
    expect(reply).toContain('结果：正常');
    const [p] = await c.db.select().from(patrols);
    expect(p).toMatchObject({ enterpriseId: c.huamei.id, result: 'normal' });
    expect(await c.db.select().from(hazards)).toHaveLength(0);
  });
});

describe('a return visit that finds the earlier problem put right and nothing new is a normal patrol', () => {
  it.each([
    ['今天又去了趟恒力五金，上次的危化品已经分开放了，没发现新问题', '恒力五金', '上次的危化品已经分开放了'],
    ['老王家又去了一趟，电瓶车都挪出去了，中了', '老王家', '电瓶车都挪出去了'],
    ['老李家今天看了，酸罐子的围堰砌好了，木事了', '老李家', '酸罐子的围堰砌好了'],
    ['天宇环保 回访检查，上次提出的有限空间问题已落实，本次未发现新隐患。', '天宇环保', undefined],
    ['华美 又去了 上次的灭火器换好了 没别的问题', '华美', undefined],
    // Nothing said after it: the earlier problem named, or the visit said as a return one, and all put right.
    ['华美 又去了 灭火器换好了 通道清干净了', '华美', '灭火器换好了 通道清干净了'],
    ['恒泰 去过了 上次的配电箱接地弄好了', '恒泰', '上次的配电箱接地弄好了'],
  ])('%s', (text, enterprise, note) => {
    const got = parse(text);
    expect(got).toMatchObject({ intent: 'patrol', enterprise, result: 'normal' });
    if (note) expect(got.note).toBe(note);
  });

  it.each([
    // Something new found: the new thing is the finding, not what was put right.
    ['又去了一趟华美 上次的改好了 但是又发现灭火器过期', '华美', '灭火器过期'],
    ['华美 又去了 上次的灭火器换好了 就是通道还堵着', '华美', '通道还堵着'],
    // The earlier problem not put right.
    ['华美 又去了 上次的灭火器还没换 没发现新问题', '华美', undefined],
    // Said put right without a return visit or the earlier problem named: the words are asked about, not read as well.
    ['华美 去了 灭火器掉了', '华美', undefined],
    ['华美 去了 安全出口锁上了', '华美', undefined],
  ])('near miss %s stays a patrol with findings', (text, enterprise, findings) => {
    const got = parse(text);
    expect(got).toMatchObject({ intent: 'patrol', enterprise, result: 'issues' });
    if (findings) expect(got.findings).toBe(findings);
  });
});

describe('a checklist of what was looked at, then one verdict, is a normal patrol', () => {
  it.each([
    ['华美化工 防爆电气、可燃气体报警器、储罐区检查无异常', '华美化工'],
    ['恒泰五金 消防器材、疏散通道均正常', '恒泰五金'],
    ['华美化工 储罐区正常', '华美化工'],
    ['华盛化纤 纺丝车间 正常 拍了几张留档', '华盛化纤'],
  ])('%s', (text, enterprise) => {
    expect(parse(text)).toMatchObject({ intent: 'patrol', enterprise, result: 'normal' });
  });

  it('a clerk\'s checklist names the enterprise, never an item that ends like a name (防爆电气)', () => {
    expect(parse('对常州永兴木业有限公司进行了例行检查，除尘系统、防爆电气、消防设施均正常，未发现隐患。'))
      .toMatchObject({ intent: 'patrol', enterprise: '常州永兴木业有限公司', result: 'normal' });
  });

  it.each([
    ['华美化工 消防器材、疏散通道均正常 灭火器过期'],
    ['华美化工 储罐区检查不正常'],
    // 其他正常: the rest was fine, so what was named before it was not.
    ['华美化工 消防通道 有货物 其他正常'],
    ['华美化工 楼道 电瓶车 其他ok'],
    // A second name is another enterprise, not a thing looked at.
    ['华美化工 恒泰五金 正常'],
  ])('near miss %s is no normal patrol', (text) => {
    expect(parse(text).result).not.toBe('normal');
  });
});

describe('a visit told with its findings is a patrol with issues', () => {
  it.each([
    ['永兴木业 巡完啦 除尘器滤袋破了 下周五前换掉哈', '永兴木业', { kind: 'date', date: '2026-12-11' }],
    ['对鼎盛模具开展季度检查：砂轮机防护罩缺失、冲床光电保护失效。要求下周五前全部整改到位', '鼎盛模具', { kind: 'date', date: '2026-12-11' }],
    ['明辉塑业那个动火的事还没弄完，今天去又发现气瓶没防倾倒，下周二前', '明辉塑业', { kind: 'date', date: '2026-12-08' }],
    ['ht 巡了 配电房ok 仓库灭火器压力不够 3天内换', 'ht', { kind: 'days', days: 3 }],
  ])('%s', (text, enterprise, deadline) => {
    expect(parse(text)).toMatchObject({ intent: 'patrol', enterprise, result: 'issues', deadline });
  });

  it('a visit dictated without a pause, the place word ending the name, with a verdict of all well', () => {
    expect(parse('下午跑了凯丰电器那边他们刚做完消防演练台账也都齐全的没有发现问题')).toMatchObject({ intent: 'patrol', enterprise: '凯丰电器', result: 'normal' });
  });

  it.each([
    // 经检查 tells how the finding was come by, no visit: the hazard put on record.
    ['经检查，常州新华纺织有限公司仓库喷淋头被遮挡，责令三日内整改。', '常州新华纺织有限公司'],
    // A visit to come (下午去) is no visit told.
    ['华美化工 灭火器过期 三天内整改 下午去复查', '华美化工'],
    ['宏达纸业 消防通道堵了 三天内', '宏达纸业'],
  ])('near miss %s stays a report', (text, enterprise) => {
    expect(parse(text)).toMatchObject({ intent: 'report', enterprise });
  });
});

describe('a town said before the enterprise is where it is, not its name', () => {
  it.each([
    ['横山桥镇 华冠电器 检查发现电动叉车在车间内充电，限期两周整改。', { intent: 'patrol', enterprise: '华冠电器', result: 'issues', deadline: { kind: 'days', days: 14 } }],
    ['横山桥镇 华冠电器 巡查 正常', { intent: 'patrol', enterprise: '华冠电器', result: 'normal' }],
    ['横林镇 华美化工 去过了 正常', { intent: 'patrol', enterprise: '华美化工', result: 'normal' }],
    ['横林镇 华美化工 灭火器过期', { intent: 'report', enterprise: '华美化工' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });

  it.each([
    // A town and a problem names no enterprise: the dialog asks which.
    ['横林镇 消防通道堵了', { intent: 'report' }],
    ['横林镇 这个月 统计', { intent: 'stats', place: '横林镇' }],
  ])('near miss %s', (text, want) => {
    const got = parse(text);
    expect(got).toMatchObject(want);
    expect(got.enterprise).toBeUndefined();
  });
});
