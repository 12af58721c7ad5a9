// 逾期 asked of a short name with the asking words between (恒达有逾期的吗, 华美还有没有逾期的): the name is the
// place asked about, without 有 / 还有没有 glued to it, so the dialog can answer for that enterprise or town.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown>;

describe('the overdue list asked of a short name', () => {
  it.each([
    ['金鼎有逾期的吗', '金鼎'],
    ['宏图还有没有逾期的', '宏图'],
    ['利达有几条逾期', '利达'],
    ['遥观有没有逾期的', '遥观'],
    ['横林逾期几条', '横林'],
  ])('%s → overdue at %s', (text, place) => {
    expect(parse(text)).toMatchObject({ intent: 'overdue', place });
  });

  it('with no name it stays the sender\'s own list', () => {
    for (const text of ['有没有逾期的', '还有逾期的吗']) expect(parse(text)).toEqual({ intent: 'overdue' });
  });
});
