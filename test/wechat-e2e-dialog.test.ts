import { describe, it, expect, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { attachments, drafts, hazards, patrols, receivedMessages } from '../db/schema/index.js';
import { wechatE2eWorld, jpegBox, settle, type WechatE2eWorld } from './helpers/wechat-e2e-world.js';
import { until } from './helpers/wechat-mock.js';

// Two enterprises in 张三's grid both answer to 华美, and neither is named exactly that.
const TWO_HUAMEI = [
  { name: '常州华美化工有限公司', shortName: '华美化工' },
  { name: '常州华美纺织有限公司', shortName: '华美纺织' },
];

/** The numbered choice as the worker sees it: `2. 常州华美纺织有限公司` → { 2: name }. */
function choices(text: string): Map<number, string> {
  return new Map([...text.matchAll(/^(\d)\. (.+)$/gm)].map((m) => [Number(m[1]), m[2]]));
}

describe('WeChat end to end: multi-turn conversation', () => {
  let w: WechatE2eWorld;
  afterEach(async () => w?.stop());

  it('an ambiguous enterprise is a numbered choice; `2` reports at the second; the question draft is gone after', async () => {
    w = await wechatE2eWorld({ enterprises: TWO_HUAMEI });
    await w.bindWorker();

    const question = await w.ask('上报 华美 消防通道堵塞');
    expect(question.text).toContain('【请选择企业】');
    const listed = choices(question.text);
    expect([...listed.values()].sort()).toEqual(TWO_HUAMEI.map((e) => e.name).sort());
    expect(await w.db.select().from(hazards)).toHaveLength(0);
    const [pending] = await w.db.select().from(drafts).where(eq(drafts.personId, w.worker.id));
    expect(pending).toMatchObject({ intent: 'report', awaiting: 'enterprise_choice' });
    expect(pending.slots).toMatchObject({ description: '消防通道堵塞' });

    // A number outside the list asks again and keeps the draft.
    expect((await w.ask('7')).text).toContain('请回复 1 到 2 之间的序号');
    expect(await w.db.select().from(drafts).where(eq(drafts.awaiting, 'enterprise_choice'))).toHaveLength(1);

    const done = await w.ask('2');
    const second = w.enterprises.find((e) => e.name === listed.get(2))!;
    const rows = await w.db.select().from(hazards);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ enterpriseId: second.id, description: '消防通道堵塞', reporterId: w.worker.id });
    expect(done.text).toContain(`【隐患已登记 ${rows[0].code}】`);
    expect(done.text).toContain(`企业：${second.name}`);
    // The question is answered: what remains is only the 10-minute photo target for the new hazard.
    const after = await w.db.select().from(drafts).where(eq(drafts.personId, w.worker.id));
    expect(after.filter((d) => d.awaiting !== null)).toEqual([]);
    expect(after.map((d) => ({ intent: d.intent, hazardId: d.slots.hazardId }))).toEqual([{ intent: 'attach', hazardId: rows[0].id }]);
  });

  it('a report started with an @-mention in the group is finished in the direct chat (the draft is per person)', async () => {
    w = await wechatE2eWorld({ enterprises: TWO_HUAMEI });
    await w.bindWorker();

    const question = await w.ask('@安全助手 上报 华美', { room: true });
    expect(question.to).toBe(w.wx.room.id);
    const first = w.enterprises.find((e) => e.name === choices(question.text).get(1))!;

    const askDescription = await w.ask('1');
    expect(askDescription.to).toBe(w.wx.worker.id);
    expect(askDescription.text).toContain('请简要描述隐患情况');
    expect(await w.db.select().from(drafts).where(eq(drafts.awaiting, 'description'))).toHaveLength(1);

    const done = await w.ask('二楼灭火器过期未更换');
    const [h] = await w.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: first.id, description: '二楼灭火器过期未更换' });
    expect(done.text).toContain(h.code);
  });

  // Regression (fixed bug in bot/adapters/wechat/normalise.ts): WeChat quote-replies arrive through the puppets as one
  // text, `「<quoted sender>：<quoted text>」\n- - - - - - - - - - - - - - -\n<reply>`. The quote is
  // not stripped, so quoting the bot's question and answering `2` is read as an enterprise phrase:
  // the numbered choice is replaced by a new choice (the quote names both enterprises) or by
  // 没有找到企业“「安全助手: 请选择企业 」 - - - …” when it does not.
  it('a WeChat quote-reply `「…」 - - - 2` answers the numbered choice', async () => {
    w = await wechatE2eWorld({ enterprises: TWO_HUAMEI });
    await w.bindWorker();
    const listed = choices((await w.ask('上报 华美 二楼灭火器过期')).text);
    const reply = await w.ask('「安全助手：【请选择企业】请选择企业：1. 常州华美化工有限公司 2. 常州华美纺织有限公司」\n- - - - - - - - - - - - - - -\n2');
    expect(reply.text).toContain('【隐患已登记');
    const second = w.enterprises.find((e) => e.name === listed.get(2))!;
    expect(await w.db.select().from(hazards)).toMatchObject([{ enterpriseId: second.id }]);
  });

  // Regression (fixed bug in bot/dialog/answer.ts with parse): `发现…` parses as a new 上报 (implicit report), so while the
  // bot waits for the patrol result the answer that its own question suggests ("直接描述发现的问题")
  // drops the patrol draft and starts a report that asks for the enterprise again. Finishing it
  // (`华美`) leaves a hazard with no patrol record at all.
  it('answering 巡查结果如何？ with 发现… records the patrol with that finding', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    expect((await w.ask('巡查 华美')).text).toContain('巡查结果如何');
    const reply = await w.ask('发现灭火器过期 3天内');
    expect(reply.text).toContain('【巡查已记录】');
    const [p] = await w.db.select().from(patrols);
    expect(p).toMatchObject({ enterpriseId: w.huamei.id, result: 'issues' });
    expect(await w.db.select().from(hazards)).toMatchObject([{ patrolId: p.id, description: '灭火器过期' }]);
  });

  // Regression (fixed bug in same cause): the answer to 请简要描述隐患情况 that starts with 发现 forgets the enterprise.
  it('answering 请简要描述隐患情况 with 发现… reports at the enterprise already given', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    expect((await w.ask('上报 华美')).text).toContain('请简要描述隐患情况');
    const reply = await w.ask('发现消防通道堵塞');
    expect(reply.text).toContain('【隐患已登记');
    expect(await w.db.select().from(hazards)).toMatchObject([{ enterpriseId: w.huamei.id, description: '消防通道堵塞' }]);
  });

  // Regression (fixed bug in bot/dialog/patrol.ts patrolResultAnswer): any answer but 正常 is taken as the finding, so
  // `有问题` becomes a hazard whose description is "有问题" instead of the askFindings question.
  it('有问题 as the patrol result asks what was found and records nothing yet', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    await w.ask('巡查 华美');
    const reply = await w.ask('有问题');
    expect(reply.text).toContain('发现了什么问题');
    expect(await w.db.select().from(hazards)).toHaveLength(0);
    expect(await w.db.select().from(patrols)).toHaveLength(0);
  });
});

describe('WeChat end to end: redelivery', () => {
  let w: WechatE2eWorld;
  afterEach(async () => w?.stop());

  it('the puppet delivering the same message id again: one record, one hazard, one reply', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    await w.ask('上报 华美 消防通道堵塞');
    const { messageId } = w.handled[0].msg;

    w.redeliver(messageId);
    await until(() => w.handled.length === 2);
    await settle();

    expect(w.handled[1].msg.messageId).toBe(messageId);
    expect(w.handled[1].reply).toBeNull();
    expect(w.wx.said).toHaveLength(1);
    expect(await w.db.select().from(hazards)).toHaveLength(1);
    const records = await w.db.select().from(receivedMessages).where(eq(receivedMessages.messageId, messageId));
    expect(records).toMatchObject([{ platform: 'wechat', status: 'handled', senderExternalId: expect.stringContaining(w.wx.worker.id) }]);
  });

  it('three simultaneous deliveries of one message are answered once', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    // As soon as wechaty sees the message, the puppet delivers it twice more.
    w.wx.adapter.bot.once('message', (m) => {
      w.redeliver(m.id);
      w.redeliver(m.id);
    });
    w.wx.worker.say('上报 华美 二楼灭火器过期').to(w.wx.me);
    await until(() => w.handled.length === 3);
    await settle();

    expect(new Set(w.handled.map((h) => h.msg.messageId)).size).toBe(1);
    expect(w.handled.filter((h) => h.reply !== null)).toHaveLength(1);
    expect(w.wx.said).toHaveLength(1);
    const rows = await w.db.select().from(hazards);
    expect(rows).toHaveLength(1);
    expect(w.wx.said[0].text).toContain(rows[0].code);
    expect(await w.db.select().from(receivedMessages)).toHaveLength(1);
  });

  it('a redelivered photo is stored once', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    expect((await w.ask(jpegBox())).text).toContain('已收到 1 张照片');
    w.redeliver(w.handled[0].msg.messageId);
    await until(() => w.handled.length === 2);
    await settle();
    expect(w.handled[1].reply).toBeNull();
    expect(w.wx.said).toHaveLength(1);
    expect(await w.db.select().from(attachments)).toHaveLength(1);
  });
});
