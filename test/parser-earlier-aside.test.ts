// A remark on an enterprise's earlier hazards before a new finding (…那几条还没改，今天又看到…) is context: the new
// finding is the report, at that enterprise, with its deadline (earlier-aside.ts).
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown>;

describe('a remark on earlier hazards, then a new finding', () => {
  it.each([
    ['金鼎五金那几条还没改，今天路过又看到楼梯间堆了纸箱，两天内', '金鼎五金', '纸箱', 2],
    ['宏图塑业上次的问题还没整改 今天又发现安全出口锁了 三天内', '宏图塑业', '安全出口锁了', 3],
  ])('%s', (text, enterprise, said, days) => {
    const got = parse(text);
    expect(got).toMatchObject({ intent: 'report', enterprise, deadline: { kind: 'days', days } });
    expect(String(got.description)).toContain(said);
    expect(String(got.description)).not.toContain('还没');
  });

  it('the remark alone, or with nothing new after it, is not a new report', () => {
    for (const text of ['金鼎五金那几条还没改 老板不在', '金鼎五金那几条还没改']) expect(parse(text).intent).not.toBe('report');
  });
});
