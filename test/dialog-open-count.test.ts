import { describe, it, expect } from 'vitest';
import { dialogWorld } from './helpers/dialog-world.js';

// 我还有几条没销号 is answered by the to-do list, which shows only what needs action now. The reply also says how
// many hazards are open in the sender's scope, so one whose deadline is still weeks away is not taken for closed.
const openCount = (reply: string) => Number(/未销号隐患共 (\d+) 条/.exec(reply)?.[1] ?? 0);

describe('the open count in the to-do reply', () => {
  it('counts every open hazard of the worker\'s grid, due soon or not, and none of another grid', async () => {
    const c = await dialogWorld();
    const before = openCount(await c.say(c.w.workerA1, '我还有几条没销号'));
    // A deadline weeks away is outside the near-deadline list but still open.
    expect(await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞 下月底前整改')).toContain('隐患已登记');
    expect(await c.say(c.w.workerA1, '上报 华美塑料 灭火器过期 3天内整改')).toContain('隐患已登记');
    // A hazard of another town's grid is someone else's.
    expect(await c.say(c.w.workerB1, '上报 精密机械 配电箱未接地 3天内整改')).toContain('隐患已登记');
    const after = await c.say(c.w.workerA1, '我手上还有几条没销号的');
    expect(after).toContain('我的待办');
    expect(openCount(after)).toBe(before + 2);
    await c.close();
  });
});
