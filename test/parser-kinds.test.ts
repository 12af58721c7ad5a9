// The kinds of natural phrasing fixed on 2026-12-06 (blind6/blind7 tune misses), one describe per kind, each
// with messages of that kind written for this file and the near misses that must keep their old reading.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { dropFillers } from '../bot/dialog/parse/fillers.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW, { botNames: ['安全助手'] }) as Record<string, unknown>;

describe('dictation fillers', () => {
  it.each([
    ['嗯 那个 华美 上午去看了', '华美 上午去看了'],
    ['对 那个通达运输 电瓶车在充电', '通达运输 电瓶车在充电'],
    ['嗯嗯 那个9号冷链 就是 报警不响 嗯', '9号冷链 报警不响'],
    ['然后 恒泰 消防通道堵了', '恒泰 消防通道堵了'],
  ])('%s → %s', (text, words) => {
    expect(dropFillers(text)).toBe(words);
  });

  it.each(['那个人没戴安全帽', '这个月的统计', '那个时候没人'])('%s keeps its demonstrative', (text) => {
    expect(dropFillers(text)).toBe(text);
  });

  it('a filler alone is still an answer', () => {
    expect(parse('嗯')).toEqual({ intent: 'confirm', yes: true });
    expect(parse('对')).toEqual({ intent: 'confirm', yes: true });
  });

  it('fillers between the words leave the enterprise and the problem', () => {
    const p = parse('嗯 那个 荣达机械 就是 配电箱 门坏了 然后 我报一下');
    expect(p.intent).toBe('report');
    expect(p.enterprise).toBe('荣达机械');
  });
});
