import { afterEach, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { count, eq } from 'drizzle-orm';
import { attachments, grids, hazardEvents, hazards, idempotencyKeys } from '../db/schema/index.js';
import { createApp } from '../api/app.js';
import { httpClient } from '../bot/client/http.js';
import { createApiToken } from '../api/people/create-api-token.js';
import { createDialog } from '../bot/dialog/handle.js';
import { createInbox } from '../bot/inbox.js';
import { dialogWorld, pngBytes } from './helpers/dialog-world.js';
import { loadActor } from '../api/core/actor.js';

let server: ServerType | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** The API on a real loopback port, and a bot that reaches it only over HTTP. */
async function overHttp() {
  const c = await dialogWorld();
  const app = createApp(c.deps, { logError: () => {} });
  const url = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
  });
  const people = [c.w.workerA1, c.w.workerB1, c.w.adminA, c.w.district, c.w.deptUser];
  // The bot's own service tokens (kind 'bot'): only they may state the chat channel.
  const botTokens = new Map<number, string>();
  for (const p of people) botTokens.set(p.id, (await createApiToken(c.deps, p.id, 'bot', { kind: 'bot' })).token);
  const tokenFor = (id: number) => botTokens.get(id)!;
  const client = httpClient(url, tokenFor);
  const inbox = createInbox({ deps: c.deps, client, handle: createDialog({ deps: c.deps, client }) });
  const say = async (p: { id: number }, text: string, photos = 0) => (await inbox.receive(c.message(p, text, { photos })))?.text ?? '';
  return { ...c, say, client };
}

describe('the bot over HTTP (API_URL)', () => {
  it('places that are grids or enterprises, and figure questions in a sentence, resolve through the API', async () => {
    const c = await overHttp();
    await c.db.update(grids).set({ name: '崔桥村网格', village: '崔桥村' }).where(eq(grids.id, c.w.gridA1.id));
    expect(await c.say(c.w.workerA1, '统计 崔桥村 本月')).toContain('统计（横林镇崔桥村网格');
    await c.say(c.w.workerA1, '上报 华美化工 消防通道堵塞');
    expect(await c.say(c.w.workerA1, '统计 华美化工 本月')).toContain('本月上报隐患：1 条');
    expect(await c.say(c.w.adminA, '帮我查下横林镇有多少隐患没整改')).toContain('1. 横林镇 逾期清单');
  });

  it('reports through POST /v1/hazards, with an ambiguous name and a photo, exactly like in-process', async () => {
    const c = await overHttp();
    expect(await c.say(c.w.workerA1, '', 1)).toContain('已收到 1 张照片');
    expect(await c.say(c.w.workerA1, '上报 华美 消防通道堵塞')).toContain('请选择企业：');
    const done = await c.say(c.w.workerA1, '1');
    expect(done).toMatch(/【隐患已登记 YH20261123-0001】/);
    expect(done).toContain('已附 1 张照片');
    const [h] = await c.db.select().from(hazards);
    expect(h.reporterId).toBe(c.w.workerA1.id);
    expect(await c.db.select({ n: count() }).from(attachments)).toEqual([{ n: 1 }]);
    // The event records the chat platform, not "api", although it arrived over HTTP.
    const [event] = await c.db.select().from(hazardEvents);
    expect(event.channel).toBe(c.message(c.w.workerA1, 'x').platform);
  });

  it('queries through the API and gets the API’s own refusals', async () => {
    const c = await overHttp();
    await c.say(c.w.workerA1, '上报 华美化工 安全出口锁闭');
    const [h] = await c.db.select().from(hazards);
    expect(await c.say(c.w.workerA1, `查询 ${h.code}`)).toContain('处理过程：');
    expect(await c.say(c.w.workerB1, `查询 ${h.code}`)).toContain('隐患不存在或不在您的范围内');
    expect(await c.say(c.w.adminA, `交办 ${h.code} 1天`)).toContain(`已交办 ${h.code}`);
    expect(await c.say(c.w.workerA1, '查询 华美化工')).toContain('未销号隐患：1 条');
    expect(await c.say(c.w.adminA, '统计 上周')).toContain('统计（横林镇，上周）');
    expect(await c.say(c.w.adminA, '统计 上季度')).toContain('统计（横林镇，上季度）');
    expect(await c.say(c.w.workerA1, '我的任务')).toContain(h.code);
    expect(await c.say(c.w.workerA1, `吹哨 ${h.code} 消防`)).toContain('已吹哨');
  });

  it('keys every write by the chat message: handling the same message again after a crash writes nothing twice', async () => {
    const c = await overHttp();
    await c.say(c.w.workerA1, '上报 华美化工 安全出口锁闭');
    const [h] = await c.db.select().from(hazards);
    const actor = (await loadActor(c.db, c.w.workerA1.id))!;
    // What the dialog and the inbox post for one message; a message recorded but not marked handled
    // when the process died is handled again at start-up (or on redelivery), with a fresh caller.
    const images = new Map<string, Uint8Array>(); // a redelivered message carries the same picture
    const handle = async (messageId: string) => {
      const bytes = images.get(messageId) ?? images.set(messageId, pngBytes()).get(messageId)!;
      const verbs = c.client.as(actor, 'dingtalk', { platform: 'dingtalk', messageId });
      const photo = await verbs.storePhoto({ bytes, mime: 'image/png' });
      await verbs.addNote({ id: h.id }, { note: '已通知企业负责人', photoIds: [photo.id] });
      return photo.id;
    };
    const notes = async () => (await c.db.select({ n: count() }).from(hazardEvents).where(eq(hazardEvents.action, 'attach')))[0].n;
    const photos = async () => (await c.db.select({ n: count() }).from(attachments))[0].n;
    const first = await handle('msg-77');
    expect(await handle('msg-77')).toBe(first);
    expect([await photos(), await notes()]).toEqual([1, 1]);
    const keys = await c.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys);
    // The report sent through the inbox, then this message's photo and note: each keyed by its message.
    expect(keys).toHaveLength(3);
    for (const { key } of keys) expect(key).toMatch(/^chat:[0-9a-f]{48}$/);
    // Another message is another write.
    expect(await handle('msg-78')).not.toBe(first);
    expect([await photos(), await notes()]).toEqual([2, 2]);
  });
});
