// Questions in plain words (worktree B, 2026-12-08): a worker's own figures and open hazards, the overdue list
// asked in the sender's words, a town's figures asked with 咋样, one enterprise's attributes and state, how-tos
// of the admins' verbs, and 不算了 as a withdrawal. The messages are written for this file; near misses show a
// report or a patrol told with question-like words keeps its reading.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW, { botNames: ['安全助手'] }) as Record<string, unknown>;

describe("a worker's own figures are the figures, the period kept", () => {
  it.each([
    ['我上个月一共巡查了几家', { intent: 'stats', period: '上月' }],
    ['这周我报了多少条隐患', { intent: 'stats', period: '本周' }],
    ['我今年查了多少家企业呀', { intent: 'stats', period: '今年' }],
    ['本月我跑了几趟', { intent: 'stats', period: '本月' }],
    ['俺这礼拜巡了多少家', { intent: 'stats', period: '本周' }],
    ['我今年完成了几家巡查', { intent: 'stats', period: '今年' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toEqual(want);
  });
});

describe("a worker's own open hazards are their tasks", () => {
  it.each([
    '我报上去的那些都整改了吗',
    '我名下还有多少条没闭环',
    '我这边还有几个隐患没改',
    '我提交的那几条处理好了没',
    '俺手里还有哪些没销号的',
    '我还有没有没闭环的问题',
    '我报的那条整改好了吗',
  ])('%s', (text) => {
    expect(parse(text)).toEqual({ intent: 'tasks' });
  });
  it('near miss: enterprises not yet visited stay the due list', () => {
    expect(parse('我还有哪几家没去')).toEqual({ intent: 'due_patrols' });
  });
});

describe('the overdue list asked in the sender’s words', () => {
  it.each([
    ['超期的都催一下', { intent: 'overdue' }],
    ['把过期没整改的隐患督促一下', { intent: 'overdue' }],
    ['到期还没改的都提醒一下', { intent: 'overdue' }],
    ['我片区里超期的有哪些', { intent: 'overdue' }],
    ['这个月到期的还有没整改的吗', { intent: 'overdue', period: '本月' }],
    ['上个月到期的那几条都改好了吗', { intent: 'overdue', period: '上月' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toEqual(want);
  });
});

describe('enterprises overdue for a patrol are the 逾期 list, the town kept', () => {
  it.each([
    ['遥观镇逾期没巡查的企业有几家', { intent: 'overdue', place: '遥观镇' }],
    ['湖塘镇有哪些厂超期没去', { intent: 'overdue', place: '湖塘镇' }],
    ['现在哪些企业超期未巡查', { intent: 'overdue' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toEqual(want);
  });
  it('near miss: overdue without the 逾期 word and without a town stays the sender’s due list', () => {
    expect(parse('哪些企业超过时间还没去')).toEqual({ intent: 'due_patrols' });
  });
});

describe('a town’s or the district’s figures asked with 咋样 or counted as they came and went', () => {
  it.each([
    ['遥观镇上个月咋样', { intent: 'stats', place: '遥观镇', period: '上月' }],
    ['潞城街道本周咋样了', { intent: 'stats', place: '潞城街道', period: '本周' }],
    ['本月横山桥镇重大隐患新发现了几条，整改了几条', { intent: 'stats', place: '横山桥镇', period: '本月' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toEqual(want);
  });
  it('major hazards counted both ways over a period are figures, without a town too', () => {
    expect(parse('去年重大隐患上报了多少，闭环了多少')).toEqual({ intent: 'stats', period: '去年' });
  });
  it.each(['全区重大隐患还有哪些没销号', '这周新增了几条重大隐患'])('near miss: %s is the 重大隐患 list', (text) => {
    expect(parse(text)).toEqual({ intent: 'major' });
  });
});

describe('a question about one enterprise is that enterprise’s page', () => {
  it.each([
    ['恒泰是黄的还是蓝的', { intent: 'query_enterprise', enterprise: '恒泰' }],
    ['金鑫五金的问题都闭环了吗', { intent: 'query_enterprise', enterprise: '金鑫五金' }],
    ['永安塑业是不是该去检查了', { intent: 'query_enterprise', enterprise: '永安塑业' }],
    ['老张家什么时候要巡查', { intent: 'query_enterprise', enterprise: '老张家' }],
    ['新博那条的期限是不是后天', { intent: 'query_enterprise', enterprise: '新博' }],
    ['远帆包装的验收啥时候', { intent: 'query_enterprise', enterprise: '远帆包装' }],
    ['宏达纸业今年巡查过几回', { intent: 'query_enterprise', enterprise: '宏达纸业', period: '今年' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toEqual(want);
  });
  it('a reminder that one enterprise is due is its page, never a patrol made', () => {
    expect(parse('天马纺织该去巡查了')).toEqual({ intent: 'query_enterprise', enterprise: '天马纺织' });
  });
  it.each([
    ['哪几家该去巡查了', { intent: 'due_patrols' }],
    ['天马纺织巡查了 正常', { intent: 'patrol', enterprise: '天马纺织', result: 'normal' }],
  ])('near miss %s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });
});

describe('an enterprise’s contact and an enterprise asked about by name', () => {
  it.each([
    ['咱厂还有几条没整改的', { intent: 'tasks' }],
    ['我司的问题都销号了吗', { intent: 'tasks' }],
    ['请问金达纺织现在有没有超期的问题', { intent: 'query_enterprise', enterprise: '金达纺织' }],
    ['新博电子有几条逾期的', { intent: 'query_enterprise', enterprise: '新博电子' }],
    ['永丰化工本月的检查记录都调出来我看看', { intent: 'query_enterprise', enterprise: '永丰化工', period: '本月' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toEqual(want);
  });
  it('near miss: a town typed without 镇 asking for overdue hazards is no enterprise', () => {
    expect(parse('湖塘有没有逾期的隐患').intent).toBe('overdue');
  });
  it('near miss: a device past its inspection at an enterprise stays a report', () => {
    expect(parse('金达纺织 灭火器超期未检 一周内换掉')).toMatchObject({ intent: 'report', enterprise: '金达纺织' });
  });
  it('a matter at a named enterprise (那个事咋弄) is no how-to of the bot', () => {
    expect(parse('宏达纸业 那件事怎么弄').intent).not.toBe('help');
    expect(parse('这个事怎么弄').intent).toBe('help');
  });
});

describe('how-tos of the admins’ verbs are help; 不算了 withdraws', () => {
  it.each(['怎么交办给安监办', '销号要怎么操作', '作废一条隐患怎么弄'])('%s', (text) => {
    expect(parse(text)).toEqual({ intent: 'help' });
  });
  it.each(['不算了不算了 刚发错群了', '不算了，是我弄错了'])('%s', (text) => {
    expect(parse(text)).toEqual({ intent: 'cancel' });
  });
});

describe('question words inside a report do not make it a question', () => {
  it.each([
    ['恒泰五金 配电箱没接地 这怎么办 两天内整改', { intent: 'report', enterprise: '恒泰五金', deadline: { kind: 'days', days: 2 } }],
    ['新宇包装 安全出口锁死了 咋办 马上打开', { intent: 'report', enterprise: '新宇包装', deadline: { kind: 'now' } }],
    ['我看到华美仓库里有人抽烟 三天内整改', { intent: 'report', enterprise: '华美' }],
    ['巡查 恒泰 正常', { intent: 'patrol', enterprise: '恒泰', result: 'normal' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
  });
  it('a name before a question about hazards never makes the worker’s own tasks', () => {
    expect(parse('华美那几条改了没有')).not.toEqual({ intent: 'tasks' });
  });
  it('a finding answered to itself is no enterprise question', () => {
    expect(parse('华美 灭火器过期了吗？没有，过期了三个，三天内换').intent).not.toBe('query_enterprise');
  });
  it('"华美 怎么办" alone still asks report or patrol', () => {
    expect(parse('华美 怎么办')).toMatchObject({ intent: 'ambiguous', options: [{ intent: 'report' }, { intent: 'patrol' }] });
  });
});
