import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { PNG } from 'pngjs';
import { createDingTalkAdapter, type DingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { testDeps } from './helpers/deps.js';
import { dingtalkWorld } from './helpers/dingtalk-world.js';
import { startFakeDingTalk, FAKE_CLIENT, settle, waitFor, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, textBody } from './fakes/dingtalk/robot-frames.js';
import { parseMessage } from '../bot/dialog/parse/index.js';

// 统计图 through the real Stream SDK: the figures come back through the session webhook, the chart
// is uploaded as media and sent as a robot image message naming that media.
describe('DingTalk chart pictures (统计图)', () => {
  let fake: FakeDingTalk;
  let adapter: DingTalkAdapter;
  let t: Awaited<ReturnType<typeof testDeps>>;
  let world: Awaited<ReturnType<typeof dingtalkWorld>>;

  beforeEach(async () => {
    t = await testDeps();
    world = await dingtalkWorld(t.db);
    fake = await startFakeDingTalk();
    const inbox = createInbox({ deps: t.deps, handle: createDialog({ deps: t.deps, photoSettleMs: 0 }), log: () => {} });
    adapter = createDingTalkAdapter({ ...FAKE_CLIENT, apiBase: fake.apiBase, log: () => {}, now: t.clock });
    adapter.onMessage((msg) => inbox.receive(msg));
    await adapter.start();
    await fake.waitForConnections(1);
  });
  afterEach(async () => {
    await adapter.stop();
    await fake.close();
    await t.close();
  });

  const images = () => [...fake.api.callsTo('/v1.0/robot/oToMessages/batchSend'), ...fake.api.callsTo('/v1.0/robot/groupMessages/send')]
    .filter((c) => c.body.msgKey === 'sampleImageMsg');

  it('a direct 统计图 answers the figures, then an image message whose media was uploaded as a PNG chart', async () => {
    const frameId = fake.pushRobot(robotMessage({ staffId: world.staffId, sessionWebhook: fake.api.sessionWebhook() }, textBody('统计图', false)));
    await fake.waitForAcks(frameId);
    await fake.waitForWebhooks(1);
    await waitFor(() => images().length === 1, 'the image message', 5000);

    expect(JSON.stringify(fake.api.webhookPosts[0].body)).toContain('完成率');
    const [image] = images();
    expect(image.path).toBe('/v1.0/robot/oToMessages/batchSend');
    expect(image.body.userIds).toEqual([world.staffId]);
    const { photoURL } = JSON.parse(String(image.body.msgParam)) as { photoURL: string };
    const upload = fake.api.uploads.get(photoURL);
    expect(upload).toMatchObject({ type: 'image', mime: 'image/png', fileName: 'chart.png' });
    const png = PNG.sync.read(upload!.bytes);
    expect(png.width).toBe(1040);
    expect(png.height).toBeGreaterThanOrEqual(520);
    // The upload carried the token in its query, like every oapi call.
    expect(fake.api.callsTo('/media/upload')[0].token).toMatch(/^tok/);
  });

  it('a group 统计 本月 图 sends the picture to the group; plain 统计 sends none', async () => {
    const group = { id: 'cidHenglinGrid==', title: '横林镇网格工作群' };
    const plain = fake.pushRobot(robotMessage({ staffId: world.staffId, group, sessionWebhook: fake.api.sessionWebhook() }, textBody('统计', true)));
    await fake.waitForAcks(plain);
    await fake.waitForWebhooks(1);
    await settle(150);
    expect(fake.api.uploads.size).toBe(0);
    expect(images()).toHaveLength(0);

    const frameId = fake.pushRobot(robotMessage({ staffId: world.staffId, group, sessionWebhook: fake.api.sessionWebhook() }, textBody('统计 本月 图', true)));
    await fake.waitForAcks(frameId);
    await waitFor(() => images().length === 1, 'the group image message', 5000);
    const [image] = images();
    expect(image.path).toBe('/v1.0/robot/groupMessages/send');
    expect(image.body.openConversationId).toBe(group.id);
    expect(fake.api.uploads.size).toBe(1);
  });
});

describe('统计图 wording', () => {
  const now = new Date('2026-11-20T02:00:00Z');
  it('reads 图 after 统计, a place or a period as the chart, and keeps a place named …图', () => {
    expect(parseMessage('统计图', now)).toEqual({ intent: 'stats', chart: true });
    expect(parseMessage('统计 横林镇 本月 图', now)).toEqual({ intent: 'stats', place: '横林镇', period: '本月', chart: true });
    expect(parseMessage('统计横林镇本月图', now)).toEqual({ intent: 'stats', place: '横林镇', period: '本月', chart: true });
    expect(parseMessage('横林镇本月统计图', now)).toEqual({ intent: 'stats', place: '横林镇', period: '本月', chart: true });
    expect(parseMessage('统计 宏图', now)).toEqual({ intent: 'stats', place: '宏图' });
    expect(parseMessage('统计 本月', now)).toEqual({ intent: 'stats', period: '本月' });
  });
});
