// "再报一条", "这个也报上", "单独报一个" said beside a new finding ask for what the message already is: a report.
// They leave the description (fillers.ts, RECORD_REQUEST); the finding and its deadline stay.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown>;

describe('asking to record one more', () => {
  it.each([
    ['金鼎五金 楼梯间堆了纸箱 再报一条 两天内', '楼梯间堆了纸箱', 2],
    ['宏图塑业 安全出口锁了，这条也报上，三天内', '安全出口锁了', 3],
    ['利达包装 配电箱没接地 单独报一个 一周内', '配电箱没接地', 7],
  ])('%s', (text, description, days) => {
    expect(parse(text)).toMatchObject({ intent: 'report', description, deadline: { kind: 'days', days } });
  });

  it('a problem word that only looks like one stays (再报警 is no request)', () => {
    expect(String(parse('金鼎五金 可燃气体探测器不再报警 三天内修好').description)).toContain('不再报警');
  });
});
