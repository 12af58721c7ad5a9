// Northern Jiangsu / Anhui / northern workers' speech, and deadlines given as orders (dialect.ts, fillers.ts,
// nicknames.ts, slots.ts, lib/deadline.ts). Messages written for these tests, not copied from a corpus (the two
// the brief named excepted): for each kind a few that must read right, and near misses that must keep their old
// reading. Patrol verdict words (木事, 中, 齐活) are another kind and are not asserted here.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { standardDialect } from '../bot/dialog/parse/dialect.js';
import { leadingNickname, nicknamesIn } from '../bot/dialog/parse/nicknames.js';

const NOW = new Date('2026-12-03T02:00:00Z'); // Thursday 10:00 Shanghai
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown>;
const words = (got: Record<string, unknown>) => String(got.description ?? got.findings ?? '');

describe('northern words put into standard Mandarin before any reader runs', () => {
  it.each([
    ['俺们今儿去了', '我们今天去了'],
    ['俺刚到', '我刚到'],
    ['明儿个弄好', '明天弄好'],
    ['明个弄好', '明天弄好'],
    ['后儿前换掉', '后天前换掉'],
    ['大后儿前', '大后天前'],
    ['昨儿去过', '昨天去过'],
    ['今个下午', '今天下午'],
    ['恁危险', '很危险'],
    ['木屑忒多', '木屑很多'],
    ['立马换', '立即换'],
    ['立马就清', '立即清'],
    ['三天内拾掇好', '三天内整改好'],
    ['拾掇利索了', '整改好了'],
    ['拾掇拾掇', '整改'],
    ['今天收拾掉', '今天整改'],
    ['咋样了', '怎么样了'],
    ['咋弄', '怎么弄'],
    ['啥时候到期', '什么时候到期'],
    ['没啥毛病', '没问题'],
    ['瞅着不对劲', '看着不对劲'],
    ['去瞅瞅', '去看看'],
    // A look told as done, after the name, is the visit; before the name it is 看了 <name>.
    ['老孙家俺瞅了一圈', '老孙家我看过了'],
    ['华美瞅了瞅 没事', '华美看过了 没事'],
    ['瞅了一眼老孙家', '看了老孙家'],
  ])('%s → %s', (text, std) => expect(standardDialect(text)).toBe(std));

  it.each([
    '恁厂通道堵了', // 恁 before a noun is you
    '咋没盖盖子', // a complaint keeps its 咋: 怎么没 would read as a question
    '咋说都不听',
    '咋又堵了',
    '收拾一下仓库', // 收拾 alone (tidy) is no fix verb
  ])('%s stays', (text) => expect(standardDialect(text)).toBe(text));
});

describe('dialect words never glued into an enterprise name', () => {
  it.each([
    ['俺刚去老孙家瞅了瞅', '老孙家'],
    ['俺们到恒达瞅了一圈，配电箱门坏了', '恒达'],
    ['华美俺瞅了 电线乱拉', '华美'],
    ['瞅了一眼老孙家，木屑一地', '老孙家'],
    ['今儿个俺到金鹏看了一下 叉车没年检', '金鹏'],
  ])('%s names %s', (text, name) => {
    expect(parse(text)).toMatchObject({ enterprise: name });
  });

  it('reads the visit and the order around a name the look was glued to', () => {
    expect(parse('俺刚去老孙家瞅了瞅')).toMatchObject({ intent: 'patrol', enterprise: '老孙家' });
    expect(parse('老孙家俺瞅了一圈，电线乱拉，明个前弄好')).toMatchObject({
      intent: 'patrol', enterprise: '老孙家', result: 'issues', findings: '电线乱拉', deadline: { kind: 'days', days: 1 },
    });
  });

  it('takes no dialect word for a name when the standard words read as nothing', () => {
    const got = parse('俺们网格今儿巡了三家');
    expect(String(got.enterprise ?? '')).not.toMatch(/俺|今儿/);
  });
});

describe('enterprises called by their product or their boss', () => {
  it.each([
    ['做轴承的那家热处理那块油槽没盖', '做轴承的那家'],
    ['做电缆的那个厂仓库', '做电缆的那个厂'],
    ['开木材厂的老刘木屑一地', '开木材厂的老刘'],
    ['老孙家门口', '老孙家'],
    ['老周家的厂 电线私拉', '老周家的厂'],
    ['搞喷涂的刘老板 喷房', '搞喷涂的刘老板'],
    ['村口那家做塑料的老板', '村口那家做塑料的'],
  ])('%s starts with %s', (text, name) => expect(leadingNickname(text)?.name).toBe(name));

  it.each([
    '老孙家具厂 仓库电线乱拉', // 家具 is a trade: the name is 老孙家具厂
    '老板家门口', // no surname
    '做饭的那个阿姨', // who cooks, not what a plant makes
    '做好的那家', // the end of a verb, not a product
    '开叉车的老王没证', // who drives something is a worker, not a boss
  ])('%s holds no nickname', (text) => expect(nicknamesIn(text)).toEqual([]));

  it.each([
    ['做轴承的那家热处理那块油槽没盖，恁危险，俺给他五天', '做轴承的那家', { kind: 'days', days: 5 }],
    ['做钢管的那个厂 仓库电线乱拉 限他们三天', '做钢管的那个厂', { kind: 'days', days: 3 }],
    ['开五金店的老王 门口堆了一堆气瓶 今儿就挪走', '开五金店的老王', { kind: 'now' }],
    ['老周家配电箱门坏了，立马换', '老周家', { kind: 'now' }],
    ['搞喷涂的刘老板 喷房没有排风 给他三天', '搞喷涂的刘老板', { kind: 'days', days: 3 }],
    ['老孙家的厂 电线私拉 明儿前拾掇', '老孙家的厂', { kind: 'days', days: 1 }],
  ])('%s is a report at %s', (text, name, deadline) => {
    expect(parse(text)).toMatchObject({ intent: 'report', enterprise: name, deadline });
  });

  it('finds the nickname where the sentence puts it', () => {
    expect(parse('俺瞅了一圈做电缆的那家，电线老化，后儿前换掉')).toMatchObject({
      intent: 'patrol', enterprise: '做电缆的那家', result: 'issues', findings: '电线老化', deadline: { kind: 'days', days: 2 },
    });
    expect(parse('今天去了做轴承的那家，油槽没盖，俺给他五天')).toMatchObject({ intent: 'patrol', enterprise: '做轴承的那家', deadline: { kind: 'days', days: 5 } });
    expect(parse('在开木材厂的老刘那边发现木屑一地，叫他明儿拾掇干净')).toMatchObject({ enterprise: '开木材厂的老刘', deadline: { kind: 'days', days: 1 } });
    expect(parse('做轴承的那家咋样了')).toMatchObject({ intent: 'query_enterprise', enterprise: '做轴承的那家' });
  });

  it('keeps the name said after the epithet, and a trade name that looks like one', () => {
    expect(parse('做塑料的那家，就是鑫盛塑业，配电箱没盖')).toMatchObject({ intent: 'report', enterprise: '鑫盛塑业' });
    expect(parse('做塑料的那家鑫盛塑业 通道堵了')).toMatchObject({ intent: 'report', enterprise: '鑫盛塑业' });
    expect(parse('老孙家具厂 仓库电线乱拉')).toMatchObject({ intent: 'report', enterprise: '老孙家具厂' });
    // The thing of the site after the nickname is no name (电机 is a trade word).
    expect(parse('老孙家车间里的电机 冒烟了')).toMatchObject({ enterprise: '老孙家' });
  });
});

describe('deadlines given as orders: the deadline slot, and the order words out of the description', () => {
  it.each([
    ['华美 通道堵了 俺给他五天', { kind: 'days', days: 5 }],
    ['华美 通道堵了 限他一周', { kind: 'days', days: 7 }],
    ['华美 通道堵了 限他们三天', { kind: 'days', days: 3 }],
    ['华美 通道堵了 叫他明儿挪走', { kind: 'days', days: 1 }],
    ['华美 通道堵了 让他三天内拾掇好', { kind: 'days', days: 3 }],
    ['华美 通道堵了 今儿就清走', { kind: 'now' }],
    ['华美 通道堵了 今儿个必须清走', { kind: 'now' }],
    ['华美 通道堵了 12月8号前必须拾掇', { kind: 'date', date: '2026-12-08' }],
    ['华美 通道堵了 立马换', { kind: 'now' }],
    ['华美 通道堵了 得马上弄', { kind: 'now' }],
    ['华美 通道堵了 马上给我清了', { kind: 'now' }],
    ['华美 通道堵了 俺给他们一个月', { kind: 'date', date: '2027-01-03' }],
    ['华美 通道堵了 限他月底前', { kind: 'date', date: '2026-12-31' }],
    ['华美 通道堵了 让他这礼拜内拾掇好', { kind: 'date', date: '2026-12-06' }],
    ['华美 通道堵了 我叫他们马上拖出去', { kind: 'now' }],
  ])('%s', (text, deadline) => {
    const got = parse(text);
    expect(got).toMatchObject({ intent: 'report', enterprise: '华美', deadline });
    expect(words(got)).toBe('通道堵了');
  });

  it('keeps the worker words after a bare time, and a fix said with its object', () => {
    // 三天内清走: no order word; the move stays the worker's (test/deadline-parse.test.ts keeps 3天内 as the phrase).
    expect(words(parse('华美 通道堵了 三天内清走'))).toBe('通道堵了 清走');
    expect(words(parse('华美 灭火器过期 立即换灭火器'))).toBe('灭火器过期 换灭火器');
  });

  it('takes a rhetorical question and a request to record it out of the description', () => {
    expect(parse('老李家那个酸罐子没围堰，漏了咋弄，12月8号前必须拾掇')).toMatchObject({
      intent: 'report', enterprise: '老李家', description: '酸罐子没围堰', deadline: { kind: 'date', date: '2026-12-08' },
    });
    expect(parse('老孙家焊活不办动火证，也没人看着，这事得记上')).toMatchObject({ intent: 'report', enterprise: '老孙家', description: '焊活不办动火证，也没人看着' });
  });

  it('reads a complaint with 咋 as a finding, and 恁 as the grave word 很', () => {
    expect(parse('建业钢结构吊车那钩子咋没保险片，恁吓人，立马换')).toMatchObject({ intent: 'report', enterprise: '建业钢结构', deadline: { kind: 'now' } });
    expect(parse('华美那个配电箱咋没接地线，恁危险，明儿就得弄')).toMatchObject({
      intent: 'report', enterprise: '华美', level: 'major', levelReason: '很危险', deadline: { kind: 'days', days: 1 },
    });
  });

  it('leaves near misses as they were read', () => {
    // Whom a hazard is assigned to is no grant of time.
    expect(parse('交办 YH20261201-0006 给企业 限期十天')).toMatchObject({ intent: 'assign', responsible: '企业', deadline: { kind: 'days', days: 10 } });
    // A time spent, told, is no deadline.
    expect(parse('华美 工人连续干了三天 没休息')).not.toHaveProperty('deadline');
    // An order said whole after the time stays (test/parser-tune-surface.test.ts).
    expect(parse('华美 通道堆着货 下班前叫他们挪开')).toMatchObject({ description: '通道堆着货 叫他们挪开' });
  });
});
