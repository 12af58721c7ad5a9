import { it, expect } from 'vitest';
import { hazards } from '../db/schema/index.js';
import { dialogWorld } from './helpers/dialog-world.js';
import { ctxFor } from './helpers/fixtures.js';
import { reportHazard } from '../api/hazards/report.js';

it('bot probe', async () => {
  const c = await dialogWorld();
  const out: Record<string, string> = {};
  out.bReport = await c.say(c.w.workerB1, '上报 精密机械 消防通道堵塞，重大');
  const [hb] = await c.db.select().from(hazards);
  out.aQueryB = await c.say(c.w.workerA1, `查询 ${hb.code}`);
  out.adminAQueryB = await c.say(c.w.adminA, `查询 ${hb.code}`);
  out.adminAStatsB = await c.say(c.w.adminA, '统计 横山桥镇');
  out.workerStatsB = await c.say(c.w.workerA1, '统计 横山桥镇');
  out.deptStatsB = await c.say(c.w.deptUser, '统计 横山桥镇');
  out.aOverdueB = await c.say(c.w.workerA1, '逾期 横山桥镇');
  out.aMajor = await c.say(c.w.workerA1, '重大隐患');
  out.adminAMajor = await c.say(c.w.adminA, '重大隐患');
  out.aQueryEnt = await c.say(c.w.workerA1, '查询 精密机械');
  out.aReportB = await c.say(c.w.workerA1, '上报 精密机械 杂物');
  out.deptQueryEnt = await c.say(c.w.deptUser, '查询 精密机械');
  out.workerRank = await c.say(c.w.workerA1, '排名 本月');
  out.adminARank = await c.say(c.w.adminA, '排名 本月');
  // source squat: worker A via API pre-claims a dingtalk message id
  const ctxA = await ctxFor(c.deps, c.w.workerA1.id);
  await reportHazard(ctxA, { enterpriseId: c.huamei.id, description: '占位', source: { platform: 'dingtalk', messageId: 'future-1' } } as any);
  out.bSquatted = await c.say(c.w.workerB1, '上报 精密机械 配电箱未接地', { platform: 'dingtalk', messageId: 'future-1' });
  out.hazardCount = String((await c.db.select().from(hazards)).length);
  console.log(JSON.stringify(out, null, 1));
  expect(1).toBe(1);
});
