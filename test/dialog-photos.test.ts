import { describe, expect, it } from 'vitest';
import { count, eq, isNull } from 'drizzle-orm';
import { attachments, hazards, hazardEvents, patrols } from '../db/schema/index.js';
import { dialogWorld, pngBytes } from './helpers/dialog-world.js';

describe('dialog: photos within 10 minutes attach to the report', () => {
  it('photos first, report within 10 minutes: attached to it, and the reply says how many', async () => {
    const c = await dialogWorld();
    expect(await c.say(c.w.workerA1, '', { photos: 2 })).toContain('已收到 2 张照片，10 分钟内上报隐患将自动附上');
    c.advance(9 * 60_000);
    const reply = await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    expect(reply).toContain('已附 2 张照片');
    const [h] = await c.db.select().from(hazards);
    const photos = await c.db.select().from(attachments).where(eq(attachments.hazardId, h.id));
    expect(photos).toHaveLength(2);
  });

  it('photos older than 10 minutes stay unattached', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '', { photos: 1 });
    c.advance(11 * 60_000);
    const reply = await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    expect(reply).not.toContain('张照片');
    expect(await c.db.select({ n: count() }).from(attachments).where(isNull(attachments.hazardId))).toEqual([{ n: 1 }]);
  });

  it('report first, photos within 10 minutes: added to that hazard; later ones are not', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    const [h] = await c.db.select().from(hazards);
    c.advance(5 * 60_000);
    expect(await c.say(c.w.workerA1, '', { photos: 3 })).toContain(`已将 3 张照片补充到隐患 ${h.code}`);
    expect(await c.db.select({ n: count() }).from(attachments).where(eq(attachments.hazardId, h.id))).toEqual([{ n: 3 }]);
    const attach = await c.db.select().from(hazardEvents).where(eq(hazardEvents.action, 'attach'));
    expect(attach).toHaveLength(1);
    c.advance(6 * 60_000);
    expect(await c.say(c.w.workerA1, '', { photos: 1 })).toContain('已收到 1 张照片');
    expect(await c.db.select({ n: count() }).from(attachments).where(eq(attachments.hazardId, h.id))).toEqual([{ n: 3 }]);
  });

  it('a photo in the same message as the text (DingTalk rich text) attaches', async () => {
    const c = await dialogWorld();
    const reply = await c.say(c.w.workerA1, '上报 华美化工 安全出口锁闭', { photos: 1, platform: 'dingtalk' });
    expect(reply).toContain('已附 1 张照片');
  });

  it('another person’s photos never attach to my report', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA2, '', { photos: 1 });
    const reply = await c.say(c.w.workerA1, '上报 华美化工 安全出口锁闭');
    expect(reply).not.toContain('张照片');
  });

  it('整改 without evidence asks; a photo then completes the rectification with it', async () => {
    const c = await dialogWorld();
    await c.say(c.w.adminA, '上报 华美化工 灭火器过期 3天内整改');
    const [h] = await c.db.select().from(hazards);
    expect(h.status).toBe('rectifying');
    expect(await c.say(c.w.workerA1, `整改 ${h.code} 已完成`)).toContain('请发送整改后的照片');
    const done = await c.say(c.w.workerA1, '', { photos: 1 });
    expect(done).toContain(`已提交整改 ${h.code}`);
    expect(done).toContain('已附 1 张照片');
    const [after] = await c.db.select().from(hazards);
    expect(after.status).toBe('review');
  });

  it('patrol photos go to the patrol', async () => {
    const c = await dialogWorld();
    await c.say(c.w.workerA1, '', { photos: 1 });
    expect(await c.say(c.w.workerA1, '巡查 华美化工 正常')).toContain('已附 1 张照片');
    const [p] = await c.db.select().from(patrols);
    expect(await c.db.select({ n: count() }).from(attachments).where(eq(attachments.patrolId, p.id))).toEqual([{ n: 1 }]);
  });

  it('an unbound sender’s photos are dropped', async () => {
    const c = await dialogWorld();
    const reply = await c.say(null, '', { photos: 2 });
    expect(reply).toContain('绑定');
    expect(await c.db.select({ n: count() }).from(attachments)).toEqual([{ n: 0 }]);
  });

  it('a photo whose turn runs after the report that already took it is acknowledged, not refused', async () => {
    const c = await dialogWorld();
    const { inProcessClient } = await import('../bot/client/in-process.js');
    const { loadActor } = await import('../api/core/actor.js');
    const actor = (await loadActor(c.db, c.w.workerA1.id))!;
    // The inbox stored the photo, then the report (a later message) ran first and claimed it.
    const stored = await inProcessClient(c.deps).as(actor, 'wechat').storePhoto({ bytes: pngBytes(), mime: 'image/png' });
    expect(await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞')).toContain('已附 1 张照片');
    const [h] = await c.db.select().from(hazards);
    const late = await c.dialog(c.message(c.w.workerA1, '', { photos: 1 }), { sender: actor, photoIds: [stored.id] });
    expect(late?.text).toContain(`已附在隐患 ${h.code}`);
    expect(late?.text).not.toContain('无法完成');
    expect(await c.db.select().from(hazardEvents).where(eq(hazardEvents.action, 'attach'))).toHaveLength(0);
  });
});
