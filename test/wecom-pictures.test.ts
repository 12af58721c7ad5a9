import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { PNG } from 'pngjs';
import { createWecomAdapter, type WecomAdapter } from '../bot/adapters/wecom/index.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { chatIdentities } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { makeGrid, makePerson, makeTown } from './helpers/fixtures.js';
import { loopbackOnly } from './fakes/dingtalk/loopback-only.js';
import { FAKE_BOT, startFakeWecom, text, wecomBody, type FakeWecom } from './fakes/wecom/fake-wecom.js';

// 统计图 through the real WeCom SDK: the figures close the reply stream, then the chart is uploaded
// over the long connection (init → chunks → finish) and sent as a proactive image message.
describe('WeCom chart pictures (统计图)', () => {
  let fake: FakeWecom;
  let adapter: WecomAdapter;
  let t: Awaited<ReturnType<typeof testDeps>>;
  let restoreNet: () => void;
  let userid: string;

  beforeEach(async () => {
    restoreNet = loopbackOnly();
    t = await testDeps();
    const town = await makeTown(t.db);
    const worker = await makePerson(t.db, 'worker', { townId: town.id, name: '张三' });
    await makeGrid(t.db, town.id, worker.id);
    userid = `zhangsan${Date.now() % 100000}`;
    await t.db.insert(chatIdentities).values({ personId: worker.id, platform: 'wecom', externalId: userid, createdAt: new Date() });
    fake = await startFakeWecom();
    adapter = createWecomAdapter({ ...FAKE_BOT, wsUrl: fake.wsUrl, botName: '安全助手', log: () => {}, now: t.clock, reconnect: { minDelayMs: 200, maxDelayMs: 2000 } });
    const inbox = createInbox({ deps: t.deps, handle: createDialog({ deps: t.deps }), log: () => {} });
    adapter.onMessage((msg) => inbox.receive(msg));
    await adapter.start();
    await fake.until(() => fake.authedCount === 1 && adapter.connected, 5000, 'subscription');
  });
  afterEach(async () => {
    await adapter?.stop();
    await fake.close();
    await t.close();
    restoreNet();
  });

  const images = () => fake.sent.filter((s) => s.body.msgtype === 'image');

  it('answers the figures on the stream, then an image message of the uploaded PNG chart', async () => {
    const reqId = fake.push(wecomBody({ userid }, text('统计图')));
    await fake.until(() => images().length === 1, 5000, 'image message');
    const final = fake.replies.find((r) => r.reqId === reqId && (r.body.stream as { finish?: boolean })?.finish);
    expect(String((final?.body.stream as { content?: string })?.content)).toContain('完成率');
    const [img] = images();
    expect(img).toMatchObject({ chatid: userid, errcode: 0 });
    const upload = fake.uploads.get(String((img.body.image as { media_id: string }).media_id))!;
    expect(upload).toMatchObject({ type: 'image', filename: 'chart.png' });
    expect(PNG.sync.read(upload.bytes).width).toBe(1040);
  });

  it('sends no picture for plain 统计', async () => {
    const reqId = fake.push(wecomBody({ userid }, text('统计')));
    await fake.until(() => fake.replies.some((r) => r.reqId === reqId && (r.body.stream as { finish?: boolean })?.finish), 5000, 'reply');
    await new Promise((r) => setTimeout(r, 150));
    expect(images()).toHaveLength(0);
    expect(fake.uploads.size).toBe(0);
  });
});
