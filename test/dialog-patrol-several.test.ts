// Several enterprises visited and all well, in one message (bot/dialog/patrol-several.ts).
import { describe, expect, it } from 'vitest';
import { patrols } from '../db/schema/index.js';
import { dialogWorld } from './helpers/dialog-world.js';
import { loadActor } from '../api/core/actor.js';

describe('a patrol of several enterprises', () => {
  it('records one normal patrol per name matched exactly, each with its own source id', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '华美化工 华美塑料 都看过了 没问题', { messageId: 'm-several' });
    expect(reply).toContain('巡查已记录');
    expect(reply).toContain('常州华美化工有限公司：正常，下次巡查');
    expect(reply).toContain('常州华美塑料制品有限公司：正常，下次巡查');
    const rows = await c.db.select().from(patrols).orderBy(patrols.id);
    expect(rows.map((r) => [r.enterpriseId, r.result, r.sourceMessageId])).toEqual([
      [c.huamei.id, 'normal', 'm-several'],
      [c.huameiPlastic.id, 'normal', 'm-several#patrol1'],
    ]);
  });

  it('a replayed message records nothing twice', async () => {
    const c = await dialogWorld();
    const actor = (await loadActor(c.db, c.w.workerA1.id))!;
    const msg = c.message(c.w.workerA1, '今天巡查了华美化工、华美塑料，都正常', { messageId: 'm-replay' });
    // The dialog itself, twice: as the inbox's replay at start would hand it a message already handled.
    await c.dialog(msg, { sender: actor, photoIds: [] });
    await c.dialog(msg, { sender: actor, photoIds: [] });
    expect((await c.db.select().from(patrols)).map((r) => r.sourceMessageId).sort()).toEqual(['m-replay', 'm-replay#patrol1']);
  });

  it('lists back a name not found and a name matching several; nothing is guessed', async () => {
    const c = await dialogWorld();
    // 华美 matches 华美化工 and 华美塑料; 精密机械 is another grid's; 恒泰 is nobody's.
    const reply = await c.say(c.w.workerA1, '华美 精密机械 恒泰 都正常');
    expect(reply).toContain('无法完成');
    expect(reply).toContain('未记录（在您的范围内没有找到）：精密机械、恒泰');
    expect(reply).toContain('未记录（有多家相近的企业，请单独发送“巡查 企业全称 正常”）：华美');
    expect(await c.db.select().from(patrols)).toEqual([]);
  });

  it('records the names it can and lists the rest', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '华美塑料和恒泰都巡查过了 正常');
    expect(reply).toContain('常州华美塑料制品有限公司：正常');
    expect(reply).toContain('未记录（在您的范围内没有找到）：恒泰');
    expect((await c.db.select().from(patrols)).map((r) => r.enterpriseId)).toEqual([c.huameiPlastic.id]);
  });

  it('names run together with no space are found among the sender\'s own (the scope\'s names given to the parser)', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '上午华美化工华美塑料都去了，没发现问题');
    expect(reply).toContain('常州华美化工有限公司：正常');
    expect(reply).toContain('常州华美塑料制品有限公司：正常');
    expect((await c.db.select().from(patrols).orderBy(patrols.id)).map((r) => r.enterpriseId)).toEqual([c.huamei.id, c.huameiPlastic.id]);
  });

  it('two names of the same enterprise are one visit', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '华美塑料 常州华美塑料制品有限公司 都看过了 正常');
    expect(await c.db.select().from(patrols)).toHaveLength(1);
  });
});
