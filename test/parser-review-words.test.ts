import { describe, it, expect } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown> & { intent: string };

describe('a review told in spoken words', () => {
  it('reads a one-word verdict on its own line', () => {
    expect(parse('复查\nYH20261130-0004\n过了')).toMatchObject({ intent: 'review', code: 'YH20261130-0004', pass: true });
    expect(parse('复查 YH20261130-0004 行了')).toMatchObject({ intent: 'review', pass: true });
    const failed = parse('复查 YH20261130-0004 没过');
    expect(failed).toMatchObject({ intent: 'review', pass: false });
    expect(failed.reason).toBeUndefined();
  });

  it('reads the reviewer who went to review, the state found and the extension given', () => {
    const p = parse('上午去宏发板材复查 YH20261130-0004 还是没改好 再给他们一周');
    expect(p).toMatchObject({ intent: 'review', code: 'YH20261130-0004', pass: false, deadline: { kind: 'days', days: 7 } });
  });

  it('keeps a request for a review with the job done a rectification', () => {
    expect(parse('请去复查 YH20261130-0004 已经弄好了').intent).toBe('rectify');
  });
});

describe('a rectification said as the whole of it done', () => {
  it('reads 都改了 / 全弄了 next to a code as done, and 都改了吗 as asked', () => {
    expect(parse('YH20261130-0004 全改了')).toMatchObject({ intent: 'rectify', code: 'YH20261130-0004' });
    expect(parse('德胜家具\n上回说的\n都弄了\nYH20261130-0004')).toMatchObject({ intent: 'rectify', code: 'YH20261130-0004' });
    expect(parse('YH20261130-0004 都改了吗')).toMatchObject({ intent: 'query_hazard' });
  });
});
