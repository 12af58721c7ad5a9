// With the names of the sender's enterprises known (as the conversation gives them), a name is found where it
// stands in the sentence; without them, or when the reading already names it, the reading is the same.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { knownNameIn, nearNameIn } from '../bot/dialog/parse/known-names.js';

const NOW = new Date('2026-12-03T02:00:00Z');
const NAMES = ['华美', '华美化工', '恒达', '新博', '瑞丰机械'];
const parse = (text: string, names: string[] = NAMES) => parseMessage(text, NOW, { botNames: ['安全助手'], names }) as Record<string, unknown>;

describe('a known name anywhere in the sentence', () => {
  it.each([
    ['消防通道又被堵了 华美化工那边 叫他们三天内弄好', { intent: 'report', enterprise: '华美化工', deadline: { kind: 'days', days: 3 } }],
    ['仓库门口堆满了纸箱 是瑞丰机械的 明天清掉', { intent: 'report', enterprise: '瑞丰机械' }],
  ])('%s', (text, want) => {
    expect(parse(text)).toMatchObject(want);
    // The words of the hazard lose the name: the name is the slot now.
    expect(String(parse(text).description)).not.toContain(String(want.enterprise));
  });

  it('words a reader glued to a known name (我去恒达, 新博又, 恒达那个) come off it; a name written in full stays', () => {
    expect(parse('今天我到恒达转了转，灭火器过期了，让他三天内换掉')).toMatchObject({ enterprise: '恒达', deadline: { kind: 'days', days: 3 } });
    expect(parse('新博又去了一趟 配电箱门没关 下周一前弄好')).toMatchObject({ enterprise: '新博', deadline: { kind: 'date', date: '2026-12-07' } });
    expect(parse('恒达那个消防通道又堵了 三天内清掉')).toMatchObject({ intent: 'report', enterprise: '恒达' });
    // 常州瑞丰机械有限公司 is 瑞丰机械 written out: never cut down to the stored name.
    expect(parse('上报 常州瑞丰机械有限公司 消防通道堵塞')).toMatchObject({ intent: 'report', enterprise: '常州瑞丰机械有限公司' });
    // 这个月 after the name is a period, not "that one".
    expect(parse('华美这个月逾期几条').enterprise).not.toBe('华美这');
  });

  it('an all-well patrol of several known names run together is one patrol each; a finding or a place is not', () => {
    expect(parse('今天巡了恒达和新博 都挺好')).toMatchObject({ intent: 'patrol', result: 'normal', enterprises: ['恒达', '新博'] });
    expect(parse('瑞丰机械恒达新博上午都去了，没发现问题')).toMatchObject({ intent: 'patrol', result: 'normal', enterprises: ['瑞丰机械', '恒达', '新博'] });
    // One known name only: the reading is as before.
    expect(parse('今天巡了恒达和远方 都挺好').enterprises).toBeUndefined();
    // The space between two names is a place at one of them, not a list.
    expect(parse('恒达和新博之间的通道 今天去看了 正常').enterprises).toBeUndefined();
  });

  it('the longest name wins (华美化工 over 华美)', () => {
    expect(knownNameIn('今天华美化工灭火器过期', NAMES)).toBe('华美化工');
  });

  it('a name said as a landmark is not the enterprise (恒达隔壁那家小厂)', () => {
    expect(knownNameIn('恒达隔壁那家小厂 消防通道堵了', NAMES)).toBeNull();
    expect(parse('恒达隔壁那家小厂 消防通道堵了').enterprise).toBeUndefined();
  });

  it('a reading that names the enterprise already, or is about no enterprise, is unchanged', () => {
    for (const text of ['上报 华美 消防通道堵塞 3天内整改', '刚去新博转了一圈 都挺好', '横林镇本月怎么样', '复查 YH20261122-0007 通过']) {
      expect(parse(text)).toEqual(parseMessage(text, NOW, { botNames: ['安全助手'] }));
    }
  });

  it('without known names the parser is as before; a name not known changes nothing', () => {
    const text = '消防通道又被堵了 华美化工那边 叫他们三天内弄好';
    expect(parse(text, [])).toEqual(parseMessage(text, NOW, { botNames: ['安全助手'] }));
    expect(parse(text, ['远方'])).toEqual(parseMessage(text, NOW, { botNames: ['安全助手'] }));
  });

  it('a name typed by its sound (恒大 for 恒达, 华眉 for 华美) is read as typed, for the match verb to offer', () => {
    expect(parse('灭火器过期了 在恒大')).toMatchObject({ intent: 'report', enterprise: '恒大', description: '灭火器过期了' });
    expect(parse('今天去华眉看了 没问题')).toMatchObject({ intent: 'patrol', enterprise: '华眉', result: 'normal' });
  });

  it('a near-miss is no guess where it is part of a longer name, a word of its own, or two names sound alike', () => {
    // 恒大机械 is another enterprise's name (a trade word after it), 很大 differs in two characters.
    expect(nearNameIn('恒大机械 灭火器过期了', NAMES)).toBeNull();
    expect(nearNameIn('问题很大 消防通道堵了', NAMES)).toBeNull();
    // 恒达 and 恒大 both known: the one meant by 恒答 is not guessed.
    expect(nearNameIn('灭火器过期了 在恒答', [...NAMES, '恒大'])).toBeNull();
    // A reading that found its enterprise is not second-guessed by a sound-alike elsewhere.
    expect(parse('上报 远方 通道堵了 恒大那边也是')).toMatchObject({ enterprise: '远方' });
  });
});
