import { describe, it, expect } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown> & { intent: string };

describe('village business before the visit it records', () => {
  it('reads the visit clause, not the other business in front of it', () => {
    expect(parse('上午去镇里开党员大会，散会以后顺道到宏发板材厂看了看，一切都挺好')).toMatchObject({ intent: 'patrol', result: 'normal' });
    const p = parse('今天忙完防汛检查，下午去了德胜家具，喷漆房的灭火器过期了，让他们三天内换掉');
    expect(p).toMatchObject({ intent: 'patrol', enterprise: '德胜家具', result: 'issues', deadline: { kind: 'days', days: 3 } });
  });

  it('names an enterprise by its owner or its trade', () => {
    expect(parse('征地的事谈完了，然后我去了老李的厂里转了一圈，消防通道堆满了货')).toMatchObject({ intent: 'patrol', enterprise: '老李的厂' });
  });

  it('turns to the next matter after 另外 / 顺便说一下', () => {
    expect(parse('医保的表格我明天交，顺便说一下，德胜家具那边今天看过了，正常')).toMatchObject({ intent: 'patrol', enterprise: '德胜家具', result: 'normal' });
  });

  it('keeps an enterprise named first', () => {
    expect(parse('德胜家具灭火器过期了，另外宏发板材厂正常').intent).not.toBe('patrol');
  });
});
