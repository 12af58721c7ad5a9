import { describe, it, expect } from 'vitest';
import { dialogWorld } from './helpers/dialog-world.js';

// An enterprise called by what it makes (做塑料的那家) is looked for by that trade among the sender's own
// enterprises and offered as a choice; it is never filed alone, and another grid's enterprise is never offered.
describe('an enterprise called by its trade', () => {
  it('offers the sender\'s enterprises of that trade, and files the report at the one chosen', async () => {
    const c = await dialogWorld();
    const asked = await c.say(c.w.workerA1, '做塑料的那家 仓库消防通道堵了 三天内整改');
    expect(asked).toContain('常州华美塑料制品有限公司');
    expect(asked).not.toContain('常州华美化工有限公司');
    expect(asked).not.toContain('隐患已登记');
    const filed = await c.say(c.w.workerA1, '1');
    expect(filed).toContain('隐患已登记');
    expect(filed).toContain('常州华美塑料制品有限公司');
    await c.close();
  });

  it('offers nothing outside the sender\'s scope: another grid\'s machine works stays unnamed', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '做精密机械的那家 配电箱没接地 三天内整改');
    expect(reply).not.toContain('横山精密机械有限公司');
    expect(reply).toContain('请问是哪家企业');
    await c.close();
  });
});
