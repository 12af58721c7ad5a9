// A name that holds a problem's character (满 in 福满楼, 锁 in 恒安锁业) is still a name: small places and trades are
// named so (problem-words.ts, problemInName). The same characters in what is told stay problems.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../bot/dialog/parse/index.js';

const NOW = new Date('2026-12-03T02:00:00Z'); // Thursday 10:00 Shanghai
const parse = (text: string, names?: string[]) => parseMessage(text, NOW, names ? { names } : {}) as Record<string, unknown>;

describe('a name holding a problem character', () => {
  it.each([
    ['福满楼 后厨液化气罐没有固定 三天内整改', '福满楼', 'report'],
    ['金满园饭店 电动车在楼道里充电', '金满园饭店', 'report'],
    ['宏达锁业 配电箱没接地 一周内改好', '宏达锁业', 'report'],
    ['满堂红火锅 去过了 没问题', '满堂红火锅', 'patrol'],
  ])('%s: the name is the enterprise', (text, enterprise, intent) => {
    expect(parse(text)).toMatchObject({ intent, enterprise });
    expect(parse(text, [enterprise])).toMatchObject({ intent, enterprise });
  });

  it('after a reply word and a visit: 收到 福满楼 今天去了 … is the patrol at 福满楼', () => {
    expect(parse('收到 福满楼 今天去了 后厨液化气罐没有固定', ['福满楼'])).toMatchObject({ intent: 'patrol', enterprise: '福满楼', result: 'issues' });
  });

  it('堆满 and 锁着 told of a place stay problems, never names', () => {
    const got = parse('仓库门口堆满了纸箱 三天内清理');
    expect(got.enterprise).not.toBe('仓库门口堆满了纸箱');
    expect(JSON.stringify(parse('安全出口锁着 马上打开'))).not.toContain('"enterprise":"安全出口锁着"');
  });
});
