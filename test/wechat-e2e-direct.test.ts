import { describe, it, expect, afterEach } from 'vitest';
import { asc, count, eq, isNull } from 'drizzle-orm';
import { attachments, chatIdentities, drafts, hazardEvents, hazards, receivedMessages } from '../db/schema/index.js';
import { issueBindingCode } from '../api/people/issue-binding-code.js';
import { M } from '../bot/dialog/messages.js';
import { ctxFor } from './helpers/fixtures.js';
import { until } from './helpers/wechat-mock.js';
import { wechatE2eWorld, jpegBox, jpegBytes, type WechatE2eWorld } from './helpers/wechat-e2e-world.js';

// mock puppet → wechaty → WeChat adapter → inbox → dialog → verbs → libsql, and the reply back
// through the adapter's (instant) send queue to the mock puppet.
describe('WeChat end to end: binding a direct conversation', () => {
  let w: WechatE2eWorld;
  afterEach(async () => w?.stop());

  it('an unbound user learns only how to bind; the admin’s code binds them; then 上报 creates one hazard', async () => {
    w = await wechatE2eWorld();

    const stranger = await w.ask('上报 华美 消防通道堵塞');
    expect(stranger.to).toBe(w.wx.worker.id);
    // Nothing but the binding explanation: no enterprise, no code, no count leaks to a stranger.
    expect(stranger.text).toBe([`【${M.unboundTitle}】`, ...M.unbound].join('\n'));
    expect(stranger.text).toContain('绑定 123456');
    expect(await w.db.select().from(hazards)).toHaveLength(0);
    expect(await w.db.select().from(drafts)).toHaveLength(0);
    expect(await w.db.select().from(chatIdentities).where(eq(chatIdentities.platform, 'wechat'))).toHaveLength(0);

    const { code } = await issueBindingCode(await ctxFor(w.deps, w.admin.id), w.worker.id);
    const bound = await w.ask(`绑定 ${code}`);
    expect(bound.text).toContain('绑定成功：张三（网格员）');
    const identities = await w.db.select().from(chatIdentities).where(eq(chatIdentities.platform, 'wechat'));
    expect(identities).toMatchObject([{ personId: w.worker.id, externalId: w.wx.worker.id }]);

    const reported = await w.ask('上报 华美 消防通道堵塞');
    const rows = await w.db.select().from(hazards);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      enterpriseId: w.huamei.id,
      gridId: w.grid.id,
      townId: w.town.id,
      reporterId: w.worker.id,
      description: '消防通道堵塞',
      sourcePlatform: 'wechat',
      sourceMessageId: w.handled.at(-1)!.msg.messageId,
    });
    expect(rows[0].code).toMatch(/^YH20261123-\d{4}$/);
    expect(reported.to).toBe(w.wx.worker.id);
    expect(reported.text).toContain(`【隐患已登记 ${rows[0].code}】`);
    expect(reported.text).toContain('企业：常州华美化工有限公司');
    // WeChat gets plain text: the DingTalk markdown and buttons stay out.
    expect(reported.text).not.toMatch(/dtmd:|####/);
    // Each reply after the first waited its turn in the adapter's jittered queue (2000 + 0.5 × 1000
    // ms after the previous send, less the time the turn took); the sleep is instant here.
    expect(w.wx.sleeps).toHaveLength(2);
    for (const ms of w.wx.sleeps) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(2500);
    }
  });

  it('a wrong or used code binds nothing and says why; a stranger’s photo is not kept', async () => {
    w = await wechatE2eWorld();
    const wrong = await w.ask('绑定 000000');
    expect(wrong.text).toContain('【绑定失败】');
    expect(wrong.text).toContain('绑定码不正确');

    const photo = await w.ask(jpegBox());
    expect(photo.text).toContain('【请先绑定账号】');
    expect(await w.db.select().from(attachments)).toHaveLength(0);

    const { code } = await issueBindingCode(await ctxFor(w.deps, w.admin.id), w.worker.id);
    expect((await w.ask(`绑定：${code}`)).text).toContain('绑定成功');
    // Once bound, the same code again is the 绑定 command of a bound user: nothing changes.
    expect((await w.ask(`绑定 ${code}`)).text).toContain('您已绑定为 张三');
    // Someone else who saw the code cannot take it over.
    const onlooker = w.wx.mocker.createContact({ name: '王五' });
    const taken = await w.ask(`绑定 ${code}`, { from: onlooker });
    expect(taken.text).toContain('【绑定失败】');
    expect(taken.text).toContain('该绑定码已使用过');
    expect(await w.db.select().from(chatIdentities).where(eq(chatIdentities.platform, 'wechat'))).toMatchObject([
      { personId: w.worker.id, externalId: w.wx.worker.id },
    ]);
    expect(await w.db.select().from(receivedMessages).where(eq(receivedMessages.platform, 'wechat'))).toHaveLength(5);
  });

  it('after a re-login (new WeChat id) a new code moves the binding; the old id is a stranger again', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    // Personal-account puppets hand out a new contact id per login: same person, new id.
    const relogged = w.wx.mocker.createContact({ name: '张三' });
    expect(relogged.id).not.toBe(w.wx.worker.id);

    expect((await w.ask('上报 华美 消防通道堵塞', { from: relogged })).text).toContain('【请先绑定账号】');
    const { code } = await issueBindingCode(await ctxFor(w.deps, w.admin.id), w.worker.id);
    const bound = await w.ask(`绑定 ${code}`, { from: relogged });
    expect(bound.to).toBe(relogged.id);
    expect(bound.text).toContain('绑定成功：张三');
    expect(await w.db.select().from(chatIdentities).where(eq(chatIdentities.platform, 'wechat'))).toMatchObject([
      { personId: w.worker.id, externalId: relogged.id },
    ]);

    expect((await w.ask('上报 华美 消防通道堵塞')).text).toContain('【请先绑定账号】');
    expect(await w.db.select().from(hazards)).toHaveLength(0);
    expect((await w.ask('上报 华美 消防通道堵塞', { from: relogged })).text).toContain('【隐患已登记');
    expect(await w.db.select().from(hazards)).toMatchObject([{ reporterId: w.worker.id }]);
  });
});

// WeChat sends a photo and its words as separate messages: the 10-minute window joins them.
describe('WeChat end to end: photos', () => {
  let w: WechatE2eWorld;
  afterEach(async () => w?.stop());

  it('a photo then the report: the hazard carries the photo, and the reply says 1 photo', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    const bytes = jpegBytes();

    const received = await w.ask(jpegBox(bytes));
    expect(received.text).toContain('已收到 1 张照片，10 分钟内上报隐患将自动附上');
    const photoMessageId = w.handled[0].msg.messageId;

    w.advance(3 * 60_000);
    const reply = await w.ask('上报 华美 消防通道堵塞');
    const rows = await w.db.select().from(hazards);
    expect(rows).toHaveLength(1);
    expect(reply.text).toContain(rows[0].code);
    expect(reply.text).toContain('已附 1 张照片');

    const photos = await w.db.select().from(attachments).where(eq(attachments.hazardId, rows[0].id));
    expect(photos).toHaveLength(1);
    // The stored bytes are the JPEG that went through the puppet, typed by its magic bytes.
    expect(photos[0]).toMatchObject({ mime: 'image/jpeg', size: bytes.byteLength, uploaderId: w.worker.id, sourcePlatform: 'wechat', sourceRef: photoMessageId });
    expect(Buffer.from(await w.deps.files.get(photos[0].path)).equals(bytes)).toBe(true);
  });

  it('photos within 10 minutes after a report are added to it; one after the window is kept for the next', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    await w.ask('上报 华美 配电房门口堆放杂物');
    const [h] = await w.db.select().from(hazards);

    w.advance(4 * 60_000);
    expect((await w.ask(jpegBox())).text).toContain(`已将 1 张照片补充到隐患 ${h.code}`);
    w.advance(5 * 60_000);
    expect((await w.ask(jpegBox())).text).toContain(`已将 1 张照片补充到隐患 ${h.code}`);
    const attached = await w.db.select().from(attachments).where(eq(attachments.hazardId, h.id)).orderBy(asc(attachments.id));
    expect(attached).toHaveLength(2);
    expect(await w.db.select({ n: count() }).from(hazardEvents).where(eq(hazardEvents.action, 'attach'))).toEqual([{ n: 2 }]);

    // 11 minutes after the report: a new photo, not this hazard's.
    w.advance(2 * 60_000);
    expect((await w.ask(jpegBox())).text).toContain('已收到 1 张照片');
    expect(await w.db.select({ n: count() }).from(attachments).where(eq(attachments.hazardId, h.id))).toEqual([{ n: 2 }]);
    expect(await w.db.select({ n: count() }).from(attachments).where(isNull(attachments.hazardId))).toEqual([{ n: 1 }]);
  });

  it('something that is not an image (a .jpg of HTML) is refused and nothing is stored', async () => {
    w = await wechatE2eWorld();
    await w.bindWorker();
    const fake = Buffer.from('<html><script>alert(1)</script></html>');
    const reply = await w.ask(jpegBox(fake));
    expect(reply.text).toContain('照片没有保存成功');
    expect(await w.db.select().from(attachments)).toHaveLength(0);
    expect(w.logs.some((l) => l.includes('image not stored'))).toBe(true);
  });

  // Regression (fixed bug in bot/dialog/photos.ts photosOnly / handle.ts bareMessage): when a photo is stored by the
  // inbox, the report that follows it claims it (recentPhotoIds), and only then the photo's own turn
  // runs, the photo turn calls addNote with a photo already attached and the worker is told
  // 【无法完成】部分照片不存在、不是您上传的或已关联到其他记录 — although the photo is on the hazard.
  // (Before messages of one sender were handled in order, a slow photo turn let the report overtake it.)
  it('a report sent while the photo before it is still being handled waits for it, then takes the photo', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let photoStored = false;
    w = await wechatE2eWorld({
      beforeDialog: async (m) => {
        if (m.images.length === 0) return;
        photoStored = true;
        await held;
      },
    });
    await w.bindWorker();
    w.wx.worker.say(jpegBox()).to(w.wx.me);
    await until(() => photoStored);
    w.wx.worker.say('上报 华美 消防通道堵塞').to(w.wx.me);
    // One sender's messages are handled in the order sent: the report waits for the photo's turn.
    await new Promise((r) => setTimeout(r, 100));
    expect(w.wx.said).toHaveLength(0);
    release();
    // The photo's turn sees the words already waiting and leaves the answer to them: one reply.
    await until(() => w.wx.said.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(w.wx.said).toHaveLength(1);
    expect(w.wx.said[0].text).not.toContain('无法完成');
    expect(w.wx.said[0].text).toContain('已附 1 张照片');
    const [h] = await w.db.select().from(hazards);
    expect(await w.db.select().from(attachments).where(eq(attachments.hazardId, h.id))).toHaveLength(1);
  });
});
