// Sentences that carry a hazard code, by kind (tuning round 3, D): a question about a code is never an action,
// the check and the close said together close it, northern words of the same actions, and several codes in
// one message (none dropped: each done when nothing is left to ask, otherwise asked one at a time).
import { describe, expect, it } from 'vitest';
import { hazards } from '../db/schema/index.js';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { dialogWorld } from './helpers/dialog-world.js';

// Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');
const C = 'YH20261201-0002';
const C3 = 'YH20261201-0003';
const C4 = 'YH20261201-0004';
const parse = (text: string) => parseMessage(text, NOW) as Record<string, unknown> & { intent: string };

describe('a question about a code is a query, never the action it names', () => {
  it.each([
    `${C} 到底改没改`, `${C} 改没改`, `${C} 整改没整改`, `${C} 复没复查`, `${C} 合不合格`, `${C} 到没到位`,
    `${C} 改好了没`, `${C} 到底改好没有啊`, `${C}现在啥情况`, `${C} 复查了吗`, `${C} 是不是已经改好了`, `${C} 有没有改`,
  ])('%s', (text) => {
    expect(parse(text)).toEqual({ intent: 'query_hazard', code: C });
  });

  it('keeps the verdicts and requests that only look like questions as they were', () => {
    expect(parse(`${C} 复查不合格`)).toMatchObject({ intent: 'review', pass: false });
    expect(parse(`${C} 复查通过`)).toMatchObject({ intent: 'review', pass: true });
    expect(parse(`${C} 不合格 还堆着`)).toMatchObject({ intent: 'review', pass: false });
  });
});

describe('the check and the close in one sentence', () => {
  it.each([
    `${C} 已经复查过了，帮我销号`, `${C} 复查已通过，销号`, `${C} 复查通过了，销号吧`, `${C} 复查都过了，帮我销号`,
    `${C} 复查合格 麻烦销号`, `${C} 已复查合格 可以销号了`,
  ])('%s closes it', (text) => {
    expect(parse(text)).toEqual({ intent: 'close', code: C });
  });

  it('keeps the check alone, a check failed, and a close refused as the review', () => {
    expect(parse(`${C} 复查通过`)).toMatchObject({ intent: 'review', pass: true });
    // The verdict with its consequence said (as the corpora read it): the same passed review as a close.
    expect(parse(`${C} 复查合格 可以销号了`)).toMatchObject({ intent: 'review', pass: true });
    expect(parse(`${C} 复查不合格`)).toMatchObject({ intent: 'review', pass: false });
    expect(parse(`${C} 复查过了 还没改好 先别销号`)).toMatchObject({ intent: 'review', pass: false });
    expect(parse(`${C} 复查过了 不同意销号`)).toMatchObject({ intent: 'review', pass: false });
  });
});

describe('northern and colloquial words of the actions', () => {
  it('reads a visit with 中 / 妥了 as the check passed, 不中 as failed', () => {
    expect(parse(`${C} 俺看过了 中了`)).toMatchObject({ intent: 'review', code: C, pass: true });
    expect(parse(`${C} 俺们去看了 中`)).toMatchObject({ intent: 'review', pass: true });
    expect(parse(`${C} 看了 妥了`)).toMatchObject({ intent: 'review', pass: true });
    expect(parse(`${C} 俺又去看了 还是没弄 不中`)).toMatchObject({ intent: 'review', pass: false });
    // 中 inside a word is no verdict.
    expect(parse(`${C} 中午去看了 还没改`)).toMatchObject({ intent: 'review', pass: false });
  });

  it('reads "it is fixed, no worries" without a visit as the rectification, the reassurance being no evidence', () => {
    expect(parse(`${C} 改好了 木事`)).toEqual({ intent: 'rectify', code: C });
    expect(parse(`${C} 已整改 没问题 放心吧`)).toEqual({ intent: 'rectify', code: C });
    expect(parse(`${C} 都已改好`)).toEqual({ intent: 'rectify', code: C });
    expect(parse(`${C} 改好了 灭火器换了新的`)).toMatchObject({ intent: 'rectify', note: expect.stringContaining('灭火器') });
  });

  it('reads 不算了 报错了 as the void with its reason, 叫消防来看看 as the whistle, 交给老张 as the assignment', () => {
    expect(parse(`${C} 不算了 报错了`)).toEqual({ intent: 'void', code: C, reason: '报错了' });
    expect(parse(`${C} 叫消防来看看`)).toEqual({ intent: 'whistle', code: C, department: '消防' });
    expect(parse(`${C} 交给老张`)).toEqual({ intent: 'assign', code: C, responsible: '老张' });
    expect(parse(`${C} 都交给老张 三天内`)).toMatchObject({ intent: 'assign', responsible: '老张', deadline: { kind: 'days', days: 3 } });
  });

  it('still asks which action for a verb it does not know', () => {
    // 拾掇 is the north's 整改 (dialect.ts), so `拾掇一下 <code>` is a rectification, which then asks for its evidence.
    expect(parse(`拾掇一下 ${C}`).intent).toBe('rectify');
    for (const text of [`${C} 搞一下`, `整一下 ${C}`, `${C} 弄一弄`]) {
      const read = parse(text);
      expect(read.intent).toBe('ambiguous');
      expect((read.options as { intent: string }[]).map((o) => o.intent)).toContain('rectify');
    }
  });
});

describe('several codes in one message', () => {
  const options = (text: string) => {
    const read = parse(text);
    expect(read.intent).toBe('ambiguous');
    return read.options as Record<string, unknown>[];
  };

  it('reads one action said once for all as that action on each code', () => {
    expect(options(`${C3} ${C4} 都改好了`)).toEqual([{ intent: 'rectify', code: C3 }, { intent: 'rectify', code: C4 }]);
    expect(options(`${C3}、${C4} 复查通过`)).toEqual([{ intent: 'review', code: C3, pass: true }, { intent: 'review', code: C4, pass: true }]);
    expect(options(`复查 ${C3} ${C4} 通过`)).toEqual([{ intent: 'review', code: C3, pass: true }, { intent: 'review', code: C4, pass: true }]);
    expect(options(`${C3} 和 ${C4} 销号`)).toEqual([{ intent: 'close', code: C3 }, { intent: 'close', code: C4 }]);
    expect(options(`${C3}和${C4}都交给老张 三天内`)).toEqual([
      { intent: 'assign', code: C3, responsible: '老张', deadline: { kind: 'days', days: 3 } },
      { intent: 'assign', code: C4, responsible: '老张', deadline: { kind: 'days', days: 3 } },
    ]);
    expect(options(`整改 ${C3} ${C4} 已更换灭火器`)).toEqual([
      { intent: 'rectify', code: C3, note: '已更换灭火器' }, { intent: 'rectify', code: C4, note: '已更换灭火器' },
    ]);
  });

  it('reads each code with its own words, and offers to show a code whose words say no action', () => {
    expect(options(`${C3} 改好了 ${C4} 还没动`)).toEqual([{ intent: 'rectify', code: C3 }, { intent: 'query_hazard', code: C4 }]);
    expect(options(`${C3} ${C4} 怎么样了`)).toEqual([{ intent: 'query_hazard', code: C3 }, { intent: 'query_hazard', code: C4 }]);
  });

  it('keeps a duplicate named by its code as one void, and a code said twice as one hazard', () => {
    expect(parse(`作废 ${C3} 与 ${C4} 重复`)).toEqual({ intent: 'void', code: C3, reason: '重复', duplicateOf: C4 });
    expect(parse(`${C3} 跟 ${C4} 是同一个`)).toEqual({ intent: 'void', code: C3, reason: '重复', duplicateOf: C4 });
    expect(parse(`${C3} 和 ${C4} 重复了`)).toEqual({ intent: 'void', code: C3, reason: '重复', duplicateOf: C4 });
    expect(parse(`${C3} ${C3} 改好了`)).toEqual({ intent: 'rectify', code: C3 });
  });
});

describe('dialog: several codes in one message', () => {
  async function twoBeingRectified() {
    const c = await dialogWorld();
    // A deadline given at once: both are being rectified.
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞 三天内整改');
    await c.say(c.w.workerA1, '上报 华美塑料 灭火器过期 三天内整改');
    const [a, b] = await c.db.select().from(hazards).orderBy(hazards.id);
    return { c, a, b };
  }

  it('does each when nothing is left to ask (复查通过 for both), one reply naming both', async () => {
    const { c, a, b } = await twoBeingRectified();
    await c.say(c.w.workerA1, `整改 ${a.code} 通道已清理`);
    await c.say(c.w.workerA1, `整改 ${b.code} 灭火器已更换`);
    const reply = await c.say(c.w.workerA1, `${a.code} ${b.code} 复查通过`);
    expect(reply).toContain('已办理 2 条隐患');
    expect(reply).toContain(a.code);
    expect(reply).toContain(b.code);
    const rows = await c.db.select().from(hazards);
    expect(rows.map((h) => h.status)).toEqual(['closed', 'closed']);
  });

  it('says per code what could not be done, and does the rest', async () => {
    const { c, a, b } = await twoBeingRectified();
    await c.say(c.w.workerA1, `整改 ${a.code} 通道已清理`);
    const reply = await c.say(c.w.workerA1, `${a.code}、${b.code} 复查通过`);
    expect(reply).toContain('2 条隐患，已办理 1 条');
    expect(reply).toContain(`${b.code}：`);
    const [ra, rb] = await c.db.select().from(hazards).orderBy(hazards.id);
    expect([ra.status, rb.status]).toEqual(['closed', b.status]);
  });

  it('asks which first when the action may still ask (整改 needs evidence), and names the code left', async () => {
    const { c, a, b } = await twoBeingRectified();
    const q = await c.say(c.w.workerA1, `${a.code} ${b.code} 都改好了`);
    expect(q).toContain('一次办理一条');
    expect(q).toContain(`1. 提交整改 ${a.code}`);
    expect(q).toContain(`2. 提交整改 ${b.code}`);
    const chosen = await c.say(c.w.workerA1, '2');
    expect(chosen).toContain(`还没有办理：${a.code}`);
    // The chosen rectification asks for its evidence, as a single one does.
    expect(chosen).toMatch(/照片|说明/);
    const rows = await c.db.select().from(hazards).orderBy(hazards.id);
    expect(rows.map((h) => h.status)).toEqual([a.status, b.status]);
  });

  it('answers where each stands when several codes are asked after, with no question first', async () => {
    const { c, a, b } = await twoBeingRectified();
    await c.say(c.w.workerA1, `整改 ${a.code} 通道已清理`);
    const reply = await c.say(c.w.workerA1, `${a.code} ${b.code} 都改好了吗`);
    expect(reply).toContain('2 条隐患的情况');
    expect(reply).not.toContain('一次办理一条');
    expect(reply).toMatch(new RegExp(`${a.code} .*待复查`));
    expect(reply).toMatch(new RegExp(`${b.code} .*整改中`));
    // Another grid's worker is told per code that the hazard is not theirs to see; nothing leaks.
    const other = await c.say(c.w.workerB1, `${a.code} ${b.code} 改没改`);
    expect(other).not.toContain('华美');
    expect(other).toContain(`${b.code}：`);
    await c.close();
  });
});
