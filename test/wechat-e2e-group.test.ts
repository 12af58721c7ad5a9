import { describe, it, expect, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { attachments, hazards, patrols, receivedMessages } from '../db/schema/index.js';
import { makeGrid, makePerson } from './helpers/fixtures.js';
import { wechatE2eWorld, jpegBox, jpegBytes, settle, type WechatE2eWorld } from './helpers/wechat-e2e-world.js';

// A WeChat group: the bot answers only when @-mentioned, and answers into the room @-ing the sender.
describe('WeChat end to end: group conversation', () => {
  let w: WechatE2eWorld;
  afterEach(async () => w?.stop());

  it('ignores chatter without a mention; `@安全助手 巡查 华美 正常` logs a patrol and @-replies in the room', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();

    // A command-shaped message without the mention: not for the bot, not recorded, not answered.
    w.wx.worker.say('上报 华美 消防通道堵塞').to(w.wx.room);
    w.wx.worker.say('巡查 华美 正常').to(w.wx.room);
    const reply = await w.ask('@安全助手 巡查 华美 正常', { room: true });
    await settle();

    expect(w.wx.said).toHaveLength(1);
    expect(reply.to).toBe(w.wx.room.id);
    expect(reply.text.startsWith('@张三')).toBe(true);
    expect(reply.text).toContain('【巡查已记录】');
    expect(reply.text).toContain('企业：常州华美化工有限公司');
    expect(reply.text).toContain('结果：正常');

    expect(w.handled).toHaveLength(1);
    expect(w.handled[0].msg).toMatchObject({ text: '巡查 华美 正常', mentioned: true, conversation: { kind: 'group', id: w.wx.room.id } });
    const rows = await w.db.select().from(patrols);
    expect(rows).toMatchObject([{ enterpriseId: w.huamei.id, workerId: w.worker.id, result: 'normal', sourcePlatform: 'wechat', sourceMessageId: w.handled[0].msg.messageId }]);
    expect(await w.db.select().from(hazards)).toHaveLength(0);
    expect(await w.db.select().from(receivedMessages)).toHaveLength(1);
  });

  it('a photo posted in the group (no mention possible) attaches to the @-mentioned report after it, silently', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    const bytes = jpegBytes();

    await w.tell(jpegBox(bytes), { room: true, mention: false });
    await settle();
    // Kept for the report, but the bot does not speak in a group unless spoken to.
    expect(w.wx.said).toHaveLength(0);
    expect(await w.db.select().from(attachments)).toHaveLength(1);

    const reply = await w.ask('@安全助手 上报 华美 安全出口被货物堵住', { room: true });
    const [h] = await w.db.select().from(hazards);
    expect(h).toMatchObject({ enterpriseId: w.huamei.id, description: '安全出口被货物堵住' });
    const photos = await w.db.select().from(attachments).where(eq(attachments.hazardId, h.id));
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ mime: 'image/jpeg', size: bytes.byteLength, sourcePlatform: 'wechat', uploaderId: w.worker.id });
    expect(Buffer.from(await w.deps.files.get(photos[0].path)).equals(bytes)).toBe(true);
    expect(reply.to).toBe(w.wx.room.id);
    expect(reply.text).toContain('@张三');
    expect(reply.text).toContain(h.code);
    expect(reply.text).toContain('已附 1 张照片');
  });

  it('another member’s photo in the same group never attaches to 张三’s report', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    const colleague = await makePerson(w.db, 'worker', { townId: w.town.id, name: '李四' });
    await makeGrid(w.db, w.town.id, colleague.id);
    const lisi = w.wx.mocker.createContact({ name: '李四' });
    w.wx.room.add(lisi).by(w.wx.worker);
    await w.bind(colleague.id, lisi);

    await w.tell(jpegBox(), { room: true, mention: false, from: lisi });
    expect(await w.db.select().from(attachments)).toMatchObject([{ uploaderId: colleague.id, hazardId: null }]);
    const reply = await w.ask('@安全助手 上报 华美 消防通道堵塞', { room: true });
    expect(reply.text).toContain('【隐患已登记');
    expect(reply.text).not.toContain('张照片');
    expect(await w.db.select().from(attachments)).toMatchObject([{ uploaderId: colleague.id, hazardId: null }]);
  });

  it('reads the mention as WeChat writes it (U+2005 after the name, or at the end of the line)', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    expect((await w.ask('@安全助手\u2005巡查 华美 正常', { room: true })).text).toContain('【巡查已记录】');
    expect((await w.ask('上报 华美 楼梯间堆放纸箱 @安全助手', { room: true })).text).toContain('【隐患已登记');
    expect(w.handled.map((h) => h.msg.text)).toEqual(['巡查 华美 正常', '上报 华美 楼梯间堆放纸箱']);
    expect(await w.db.select().from(patrols)).toHaveLength(1);
    expect(await w.db.select().from(hazards)).toMatchObject([{ description: '楼梯间堆放纸箱' }]);
  });

  it('a stranger’s @-mention in the group gets the binding explanation in the room; nothing of theirs is kept', async () => {
    w = await wechatE2eWorld();
    const reply = await w.ask('@安全助手 上报 华美 消防通道堵塞', { room: true });
    expect(reply.to).toBe(w.wx.room.id);
    expect(reply.text).toContain('【请先绑定账号】');
    expect(reply.text).not.toContain('华美');
    expect(await w.db.select().from(hazards)).toHaveLength(0);

    // A stranger's photo in the group: no reply (not spoken to) and the picture is not kept.
    await w.tell(jpegBox(), { room: true, mention: false });
    await settle();
    expect(w.wx.said).toHaveLength(1);
    expect(await w.db.select().from(attachments)).toHaveLength(0);
  });
});
