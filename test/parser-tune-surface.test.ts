// Kinds of phrasing from the tune misses of blind12/blind14, read in the surface and slot steps (surface.ts,
// lookalikes.ts, slots.ts, problem-words.ts, lib/deadline.ts). Messages written for these tests, not copied
// from a corpus: for each kind a few that must read right, and near misses that must keep their old reading.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { correctLookalikes } from '../bot/dialog/parse/lookalikes.js';
import { surface } from '../bot/dialog/parse/surface.js';

const NOW = new Date('2026-12-03T02:00:00Z'); // Thursday 10:00 Shanghai
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown>;

describe('look-alike slips of handwriting and the candidate list', () => {
  it.each([
    ['配电箱己经换了', '配电箱已经换了'],
    ['巳整改好了', '已整改好了'],
    ['通道还末清理', '通道还未清理'],
    ['工人末戴安全帽', '工人未戴安全帽'],
    ['现场没间题', '现场没问题'],
    ['一切正堂', '一切正常'],
    ['YH20261201-0003 夏查通过', 'YH20261201-0003 复查通过'],
    ['巡杳了三家', '巡查了三家'],
    ['12月9曰前整改', '12月9日前整改'],
    ['3夭内换好', '3天内换好'],
    ['本月未前外理完', '本月末前处理完'],
    ['车问地面有油', '车间地面有油'],
  ])('%s → %s', (text, fixed) => expect(correctLookalikes(text)).toBe(fixed));

  it.each([
    '我自己去看的', // 自己 is a word
    '周末检查一下', // 月末 / 周末 before a verb stay
    '月末整改完',
    '中间题目不会做', // 中间 before 题目
    '礼堂里很干净', // 堂 in another word
    '夏天防暑要注意', // 夏 before no review verb
    '停车问一下门卫', // asking someone
    '很期待你们来',
  ])('%s stays', (text) => expect(correctLookalikes(text)).toBe(text));

  it('reads a message whose command words were picked wrong', () => {
    expect(parse('YH20261126-0004 去看了 还末整改')).toMatchObject({ intent: 'review', code: 'YH20261126-0004', pass: false });
    expect(parse('去了永盛 正堂')).toMatchObject({ intent: 'patrol', enterprise: '永盛', result: 'normal' });
    expect(parse('宏达五金 己去 配电箱门坏了')).toMatchObject({ intent: 'patrol', enterprise: '宏达五金', result: 'issues' });
  });

  it('takes a verdict said twice in other words as one', () => {
    expect(parse('金鹏 正常 没间题')).toMatchObject({ intent: 'patrol', enterprise: '金鹏', result: 'normal' });
    expect(parse('恒泰 一切正常 没毛病')).toMatchObject({ intent: 'patrol', enterprise: '恒泰', result: 'normal' });
    // A verdict then a finding is no verdict said twice.
    expect(surface('恒泰 正常 灭火器过期')).toBe('恒泰 正常 灭火器过期');
  });
});
