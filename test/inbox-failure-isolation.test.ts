import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { dialogWorld } from './helpers/dialog-world.js';

// Failure isolation: one bad row in grid B1 must not fail a report in grid A1 handled in the same turn.
it("a malformed enterprise row in another worker's grid does not fail my report of the same turn", async () => {
  const c = await dialogWorld();
  await c.db.run(sql`update enterprises set aliases = '横山,精密' where id = ${c.other.id}`); // not JSON (hand-edited / legacy import)
  const [ra, rb] = await Promise.all([
    c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞'),
    c.say(c.w.workerB1, '上报 精密机械 配电箱未接地'),
  ]);
  expect(rb).toContain('抱歉');          // B1's own grid is broken: an apology is expected
  expect(ra).toContain('隐患已登记');     // e10a3b8: A1 gets the apology too, status 'failed', never retried
});
