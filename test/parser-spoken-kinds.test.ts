import { describe, it, expect } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown> & { intent: string };

describe('spoken kinds: shouted level, whether an action was done, a withdrawal, who went along', () => {
  it('reads a level word shouted with marks', () => {
    expect(parse('华盛木业 粉尘堆积 重大! 三天内整改')).toMatchObject({ intent: 'report', level: 'major', deadline: { kind: 'days', days: 3 } });
  });

  it('asks about a hazard when it asks whether an action was done yet', () => {
    expect(parse('YH20261201-0009 应急签收了吗')).toMatchObject({ intent: 'query_hazard', code: 'YH20261201-0009' });
    expect(parse('YH20261201-0009 住建报到没有')).toMatchObject({ intent: 'query_hazard' });
  });

  it('withdraws a message said to be sent to the wrong place', () => {
    expect(parse('上一条发错了，本来是发到家长群的，不算啊')).toMatchObject({ intent: 'cancel' });
  });

  it('reads a visit with the people who went along', () => {
    expect(parse('下午我们陪同领导去了华盛木业 仓库 车间都看过了 没问题')).toMatchObject({ intent: 'patrol', enterprise: '华盛木业', result: 'normal' });
  });
});
