import { describe, it, expect, afterEach } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { attachments, hazards } from '../db/schema/index.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { until } from './helpers/wechat-mock.js';
import { wechatE2eWorld, jpegBox, settle, type WechatE2eWorld } from './helpers/wechat-e2e-world.js';

// The multi-turn rules through WeChat's mock puppet, real wechaty and the WeChat adapter.
describe('WeChat end to end: multi-turn rules', () => {
  let w: WechatE2eWorld;
  afterEach(async () => w?.stop());

  it('作废 YH… 不属实 sent while another 作废 waits for its reason voids only the hazard it names', async () => {
    w = await wechatE2eWorld({ enterprises: [{ name: '常州华美化工有限公司', shortName: '华美' }, { name: '常州恒泰纺织有限公司', shortName: '恒泰' }] });
    await w.bind(w.admin.id, w.wx.worker);
    await w.ask('上报 华美 消防通道堵塞');
    await w.ask('上报 恒泰 配电箱未接地');
    const [h6, h7] = await w.db.select().from(hazards).orderBy(hazards.id);
    expect((await w.ask(`作废 ${h6.code}`)).text).toContain('请说明作废原因');
    const reply = (await w.ask(`作废 ${h7.code} 不属实`)).text;
    expect(reply).toContain(`已作废 ${h7.code}`);
    expect(reply).toContain('还在等您回复原因');
    const rows = await w.db.select().from(hazards).orderBy(hazards.id);
    expect(rows.map((h) => [h.status, h.duplicateOfId])).toEqual([['reported', null], ['void', null]]);
  });

  it('a superseded draft is announced; the new question is the one that stays', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    await w.ask('上报 华美');
    const reply = (await w.ask('巡查 华美')).text;
    expect(reply).toContain('巡查结果如何');
    expect(reply).toContain('您之前的上报隐患（常州华美化工有限公司）未完成，已放弃（未记录）');
    expect((await w.ask('正常')).text).toContain('巡查已记录');
    expect(await w.db.select({ n: count() }).from(hazards)).toEqual([{ n: 0 }]);
  });

  it('a burst of photos after a report gets one reply and attaches to that hazard', async () => {
    w = await wechatE2eWorld({ photoSettleMs: 300 });
    await w.bindWorker();
    await w.ask('上报 华美 消防通道堵塞');
    const [h] = await w.db.select().from(hazards);
    const before = w.wx.said.length;
    for (let i = 0; i < 3; i++) w.wx.worker.say(jpegBox()).to(w.wx.me);
    await until(() => w.handled.length >= 4, 5000);
    await settle(100);
    const replies = w.wx.said.slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toContain(`已将 3 张照片补充到隐患 ${h.code}`);
    expect(await w.db.select({ n: count() }).from(attachments).where(eq(attachments.hazardId, h.id))).toEqual([{ n: 3 }]);
  });

  it('a restart in the middle of a question (new inbox and dialog on the same database) completes the report', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    expect((await w.ask('上报 华美')).text).toContain('请简要描述隐患情况');
    // The process dies: nothing in memory survives; the new one shares only the database.
    const inbox = createInbox({ deps: w.deps, handle: createDialog({ deps: w.deps, photoSettleMs: 0 }), log: () => {} });
    w.wx.adapter.onMessage((msg) => inbox.receive(msg));
    expect((await w.ask('二楼配电房堆放杂物')).text).toContain('隐患已登记');
    expect(await w.db.select({ e: hazards.enterpriseId, d: hazards.description }).from(hazards)).toEqual([{ e: w.huamei.id, d: '二楼配电房堆放杂物' }]);
  });

  it('in the room, 我的任务 is answered privately with a short note in the room', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    await w.ask('上报 华美 消防通道堵塞 3天内');
    const before = w.wx.said.length;
    w.wx.worker.say('@安全助手 我的任务', [w.wx.me]).to(w.wx.room);
    await until(() => w.wx.said.length >= before + 2, 5000);
    const [note, priv] = w.wx.said.slice(before);
    expect(note.to).toBe(w.wx.room.id);
    expect(note.text).toContain('已私信发给您');
    expect(note.text).not.toContain('华美');
    expect(priv.to).toBe(w.wx.worker.id);
    expect(priv.text).toContain('华美');
  });
});
