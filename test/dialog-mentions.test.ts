// A guessed enterprise that is none of the sender's is not the end: the whole message is looked at
// for what the sender's scope holds (an enterprise named elsewhere, a town asked about in figures).
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drafts, grids, hazards, patrols } from '../db/schema/index.js';
import { dialogWorld, type DialogWorld } from './helpers/dialog-world.js';
import { createDialog } from '../bot/dialog/handle.js';
import { createInbox } from '../bot/inbox.js';
import { inProcessClient } from '../bot/client/in-process.js';
import type { VerbClient } from '../bot/client/types.js';

/**
 * An inbox whose verbs note every enterprise lookup: how many a message costs, whoever sends it. With
 * `pastBound`, the scope's names are not given, as for a directory past NAMES_BOUND (a city's district).
 */
function countingInbox(c: DialogWorld, pastBound = false) {
  const lookups: string[] = [];
  const base = inProcessClient(c.deps);
  const client: VerbClient = {
    as: (actor, channel, origin) => {
      const verbs = base.as(actor, channel, origin);
      return Object.assign(Object.create(verbs), {
        matchEnterprises: (q: string, limit: number) => { lookups.push(q); return verbs.matchEnterprises(q, limit); },
        ...(pastBound ? { enterpriseNames: async () => ({ names: [], complete: false }) } : {}),
      });
    },
  };
  const inbox = createInbox({ deps: c.deps, handle: createDialog({ deps: c.deps, client, photoSettleMs: 0 }), log: () => {} });
  return { lookups, say: async (p: { id: number }, text: string) => (await inbox.receive(c.message(p, text)))?.text ?? '' };
}

describe('dialog: names elsewhere in the message', () => {
  it('a town named with figure words answers the figures, never asks for an enterprise (a worker: their own grids, said so)', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '横林镇现在有哪些逾期没整改的隐患，列个清单给我');
    expect(q).not.toContain('没有找到企业');
    // A worker's figures are those of their own grids (the verbs refuse a town): given for the town named, said so.
    expect(q).toContain('您问的是横林镇；网格员可查看本人网格的数字');
    expect(q).toContain('逾期清单（我的网格）');
    expect(q).not.toContain('企业名称');
    expect(await c.db.select().from(hazards)).toHaveLength(0);
    expect(await c.db.select().from(drafts)).toHaveLength(0);
    const figures = await c.say(c.w.workerA1, '横林镇这个月数据咋样');
    expect(figures).toContain('您问的是横林镇；网格员可查看本人网格的数字');
  });

  it('a grid named with figure words answers for that grid, and only to its own worker', async () => {
    const c = await dialogWorld();
    await c.db.update(grids).set({ name: '崔桥村网格', village: '崔桥村' }).where(eq(grids.id, c.w.gridA1.id));
    const q = await c.say(c.w.workerA1, '崔桥村现在有哪些逾期没整改的隐患，列个清单给我');
    expect(q).toContain('逾期清单（我的网格）');
    expect(q).not.toContain('没有找到企业');
    // Not a grid of the worker of grid A2: nothing about it.
    const other = await c.say(c.w.workerA2, '崔桥村现在有哪些逾期没整改的隐患，列个清单给我');
    expect(other).not.toContain('崔桥村网格');
    expect(other).not.toContain('常州华美化工有限公司');
  });

  it('an enterprise named as a landmark (华美化工隔壁那家…) is never where the hazard is filed: the bot asks', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '华美化工隔壁那家小厂 消防通道堵了');
    expect(q).toContain('请问是哪家企业');
    expect(q).not.toContain('常州华美化工有限公司');
    expect(await c.db.select().from(hazards)).toHaveLength(0);
  });

  it('a town named in a report whose words name a problem is still a report: the enterprise is asked', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '横林镇那边有家厂几个灭火器都过期了');
    expect(q).toContain('请问是哪家企业');
    expect(q).not.toContain('逾期清单');
    expect(await c.say(c.w.workerA1, '华美化工')).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h.description).toBe('几个灭火器都过期了');
  });

  it('a figure question read as an enterprise query (帮我查下横林镇有多少隐患没整改) gets the same choice', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.adminA, '帮我查下横林镇有多少隐患没整改');
    expect(q).toContain('您提到了横林镇');
    expect(q).toContain('1. 横林镇 逾期清单');
    expect(q).toContain('2. 横林镇 统计');
    expect(await c.say(c.w.adminA, '2')).toContain('统计（横林镇');
  });

  it('an enterprise named after the guessed one takes the slot, and the hazard text loses its name', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '村里那家厂华美化工消防通道堵了');
    expect(reply).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: c.huamei.id, description: '消防通道堵了' });
  });

  it('a report without any enterprise phrase finds the one named inside the description', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '上报 二楼配电房 华美塑料 堵了')).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: c.huameiPlastic.id, description: '二楼配电房 堵了' });
  });

  it('an admin\'s message is looked up by its candidate names, and the name found is taken', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.adminA, '村里那家厂华美化工消防通道堵了')).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: c.huamei.id, description: '消防通道堵了' });
  });

  it('two enterprises named elsewhere are not guessed between: the question stands', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '村里那家厂华美化工和华美塑料消防通道堵了');
    expect(q).toContain('请问是哪家企业');
    expect(await c.db.select().from(hazards)).toHaveLength(0);
  });

  it('nothing of the scope in the message: asked for the enterprise as before', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '村里那家厂消防通道堵了');
    expect(q).toContain('请问是哪家企业');
    expect(await c.say(c.w.workerA1, '华美化工')).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h.description).toBe('消防通道堵了');
  });

  it('out of scope: another grid\'s enterprise or another town is neither taken nor named', async () => {
    const c = await dialogWorld();
    // 精密机械 is of town B: a worker of town A is asked which enterprise, nothing is recorded.
    const a = await c.say(c.w.workerA1, '村里那家厂精密机械消防通道堵了');
    expect(a).toContain('请问是哪家企业');
    expect(a).not.toContain('横山精密机械有限公司');
    // 华美化工 is of grid A1: the worker of grid A2 does not get it.
    const b = await c.say(c.w.workerA2, '村里那家厂华美化工消防通道堵了');
    expect(b).not.toContain('常州华美化工有限公司');
    expect(await c.db.select().from(hazards)).toHaveLength(0);
    expect(await c.db.select().from(patrols)).toHaveLength(0);
    // 横山桥镇 is not a town of this worker's: no figures offered, nothing about it shown.
    await c.say(c.w.workerA1, '取消');
    const town = await c.say(c.w.workerA1, '横山桥镇现在有哪些逾期没整改的隐患，列个清单给我');
    expect(town).toContain('不在您的查看范围内');
    expect(town).not.toContain('逾期清单');
    expect(town).not.toMatch(/横山精密机械有限公司|\d+ 条|统计/);
  });

  it('past the names bound, is bounded: one lookup over a worker\'s grids, a few for a town admin, none over a district\'s directory', async () => {
    const c = await dialogWorld();
    const text = '村里那家厂华美化工消防通道堵了，二楼配电房也堆满了杂物，老板说明天就弄';
    const w = countingInbox(c, true);
    await w.say(c.w.workerA1, text);
    // The parser's guess, then the whole message once.
    expect(w.lookups).toHaveLength(2);
    const a = countingInbox(c, true);
    await a.say(c.w.adminA, text);
    expect(a.lookups.length).toBeLessThanOrEqual(4);
    const d = countingInbox(c, true);
    const reply = await d.say(c.w.district, text);
    // Only the parser's guess: a district's directory is never searched for a name inside a sentence.
    expect(d.lookups).toEqual(['村里那家厂']);
    expect(reply).toContain('请问是哪家企业');
    // Towns are still found for a district admin: they are few.
    expect(await d.say(c.w.district, '横山桥镇现在有哪些逾期没整改的隐患，列个清单给我')).toContain('逾期清单（横山桥镇）');
    });

  it('with the scope\'s names known, the name is found in the sentence at once, for a district admin too', async () => {
    const c = await dialogWorld();
    const text = '村里那家厂华美化工消防通道堵了，二楼配电房也堆满了杂物';
    const w = countingInbox(c);
    expect(await w.say(c.w.workerA1, text)).toContain('隐患已登记');
    // The name is the parser's reading now: one lookup resolves it.
    expect(w.lookups).toEqual(['华美化工']);
    const d = countingInbox(c);
    expect(await d.say(c.w.district, '恒泰那边 华美化工的二楼配电房堆满了杂物')).toContain('隐患已登记');
    const found = await c.db.select().from(hazards);
    expect(found.map((h) => h.enterpriseId)).toEqual([c.huamei.id, c.huamei.id]);
    expect(found[0].description).toBe('消防通道堵了，二楼配电房也堆满了杂物');
});

  it('an enterprise typed by its sound inside a sentence is offered as a choice, and the hazard keeps its words', async () => {
    const c = await dialogWorld();
    const q = await c.say(c.w.workerA1, '灭火器都过期了 是华眉塑料的');
    expect(q).toContain('1. 常州华美塑料制品有限公司');
    expect(await c.db.select().from(hazards)).toHaveLength(0);
    expect(await c.say(c.w.workerA1, '1')).toContain('隐患已登记');
    const [h] = await c.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: c.huameiPlastic.id, description: '灭火器都过期了' });
  });
});
