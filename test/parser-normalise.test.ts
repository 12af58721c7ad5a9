// The cleaning every message goes through before intent parsing, and hazard-code recognition.
import { describe, expect, it } from 'vitest';
import { allHazardCodes, findHazardCode } from '../bot/dialog/parse/codes.js';
import { normalise, tidy } from '../bot/dialog/parse/normalise.js';
import { parseMessage } from '../bot/dialog/parse/index.js';

const NOW = new Date('2026-11-23T02:00:00Z');

describe('normalise', () => {
  it.each([
    ['ｙｈ２０２６１１２２－０００７', 'yh20261122-0007'],
    ['上报：华美，灭火器过期！', '上报:华美,灭火器过期'],
    ['  上报   华美\t\n灭火器过期  ', '上报 华美 灭火器过期'],
    ['上报　华美', '上报 华美'],
    [' @安全助手 上报 华美', '上报 华美'],
    ['@安全助手 @张三 我的任务', '我的任务'],
    ['交办 YH20261122-0007 @李四', '交办 YH20261122-0007 李四'],
    ['上报 华美 灭火器过期😅👍🏻', '上报 华美 灭火器过期'],
    ['上报 华美 灭火器过期[捂脸][强]', '上报 华美 灭火器过期'],
    ['上报 华美 [重大] 通道堵塞', '上报 华美 [重大] 通道堵塞'],
    ['上\u200b报\u0007 华美', '上报 华美'],
    ['复查 YH20261122-0007 ✅', '复查 YH20261122-0007 ✅'],
    ['上報 華美 滅火器過期', '上报 华美 灭火器过期'],
    ['統計 橫林鎮 這個月', '统计 横林镇 这个月'],
    ['?', '?'],
    ['。。。', '。。。'],
  ])('%j → %j', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it('removes the bot name even when the mention has no space after it', () => {
    expect(normalise('@安全助手上报 华美', { botNames: ['安全助手'] })).toBe('上报 华美');
    expect(normalise('上报 华美 @安全助手', { botNames: ['安全助手'] })).toBe('上报 华美');
  });

  it('gives free text back its Chinese punctuation', () => {
    expect(tidy(',灭火器过期,安全出口堵塞;  ')).toBe('灭火器过期，安全出口堵塞');
    expect(tidy('通道堵塞 ( )')).toBe('通道堵塞');
  });
});

describe('hazard codes', () => {
  it.each([
    ['YH20261122-0007', 'YH20261122-0007'],
    ['yh20261122-0007', 'YH20261122-0007'],
    ['YH202611220007', 'YH20261122-0007'],
    ['YH20261122 0007', 'YH20261122-0007'],
    ['YH 20261122 - 0007', 'YH20261122-0007'],
    ['YH20261122-7', 'YH20261122-0007'],
    ['YH20261122_0042', 'YH20261122-0042'],
    ['请看YH20261122-0007的情况', 'YH20261122-0007'],
  ])('%s → %s', (text, code) => {
    expect(findHazardCode(normalise(text))?.code).toBe(code);
  });

  it.each(['YH2026112-0007', 'YH20261122-00007', 'XYH20261122-0007', 'YH2026112200071', 'HY20261122-0007', 'YH'])(
    'rejects %s',
    (text) => {
      expect(findHazardCode(normalise(text))).toBeNull();
    },
  );

  it('finds every code in a message', () => {
    expect(allHazardCodes('作废 YH20261122-0007 与 yh20261121-0003 重复')).toEqual(['YH20261122-0007', 'YH20261121-0003']);
  });

  it('never passes a mistyped code on as a code or as an enterprise name', () => {
    expect(parseMessage('查询 YH2026112-0007', NOW)).toEqual({ intent: 'unknown', text: '查询 YH2026112-0007' });
    expect(parseMessage('销号 YH2026112-0007', NOW)).toEqual({ intent: 'close' });
  });
});
