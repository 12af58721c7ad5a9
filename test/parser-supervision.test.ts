import { describe, it, expect } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown> & { intent: string };

describe('a town office head supervising, in meeting words', () => {
  it('reads who has not been visited yet as the due patrols', () => {
    expect(parse('哪几家还没去过')).toMatchObject({ intent: 'due_patrols' });
    expect(parse('还有谁没巡查的')).toMatchObject({ intent: 'due_patrols' });
  });

  it('reads someone\'s counted visits or reports as the figures of the period', () => {
    expect(parse('李晓东本月巡了多少家')).toMatchObject({ intent: 'stats', period: '本月' });
    expect(parse('小陈上周去了几家')).toMatchObject({ intent: 'stats', period: '上周' });
    expect(parse('横山镇本月报了几条隐患')).toMatchObject({ intent: 'stats', place: '横山镇', period: '本月' });
  });

  it('reads a spoken ranking, an unnamed bulk assignment and a count of major hazards', () => {
    expect(parse('这个月各网格排排名')).toMatchObject({ intent: 'ranking', period: '本月' });
    expect(parse('把超期的全部派下去')).toMatchObject({ intent: 'assign' });
    expect(parse('礼嘉镇本月重大隐患有多少')).toMatchObject({ intent: 'stats', place: '礼嘉镇', period: '本月' });
  });

  it('leaves an enterprise\'s own question to the enterprise readers', () => {
    expect(parse('青松木业巡了几次').intent).not.toBe('stats');
  });
});
