import { describe, it, expect, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { FileBox } from 'file-box';
import { createDingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { withVoiceAndMedia } from '../bot/voice-and-media.js';
import { chatIdentities, hazards, receivedMessages } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { dingtalkWorld } from './helpers/dingtalk-world.js';
import { mockWechat, until } from './helpers/wechat-mock.js';
import { startFakeDingTalk, FAKE_CLIENT } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, audioBody } from './fakes/dingtalk/robot-frames.js';

// Voice everywhere: a recognised voice message is handled as text and its reply shows what was
// heard; a message the bot cannot read gets a polite request for text, never silence.
describe('voice and unreadable media', () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function dingtalk() {
    const t = await testDeps();
    cleanup.push(() => t.close());
    const world = await dingtalkWorld(t.db);
    const fake = await startFakeDingTalk();
    cleanup.push(() => fake.close());
    const inbox = createInbox({ deps: t.deps, handle: createDialog({ deps: t.deps }), log: () => {} });
    const adapter = createDingTalkAdapter({ ...FAKE_CLIENT, apiBase: fake.apiBase, log: () => {}, now: t.clock });
    adapter.onMessage(withVoiceAndMedia((msg) => inbox.receive(msg)));
    await adapter.start();
    cleanup.push(() => adapter.stop());
    await fake.waitForConnections(1);
    const push = async (body: Record<string, unknown>) => {
      const before = fake.api.webhookPosts.length;
      fake.pushRobot(robotMessage({ staffId: world.staffId, sessionWebhook: fake.api.sessionWebhook() }, body));
      await fake.waitForWebhooks(before + 1);
      return fake.api.webhookPosts[before].body as { msgtype: string; text?: { content: string }; markdown?: { text: string } };
    };
    return { t, world, push };
  }

  it('DingTalk audio: the report is made from the recognition and the reply begins with （语音）…', async () => {
    const { t, world, push } = await dingtalk();
    const reply = await push(audioBody('上报 华美 消防通道堵塞'));
    const rows = await t.db.select().from(hazards).where(eq(hazards.enterpriseId, world.huamei.id));
    expect(rows).toHaveLength(1);
    const shown = reply.markdown?.text ?? reply.text?.content ?? '';
    expect(shown.startsWith('（语音）上报 华美 消防通道堵塞')).toBe(true);
    expect(shown).toContain(rows[0].code);
  });

  it('DingTalk audio without recognition, a video and a non-image file each get a request for text', async () => {
    const { t, push } = await dingtalk();
    const empty = await push(audioBody(''));
    expect(JSON.stringify(empty)).toContain('没有识别出文字');
    const video = await push({ msgtype: 'video', content: { duration: 5, downloadCode: 'v1', videoType: 'mp4' } });
    expect(JSON.stringify(video)).toContain('无法查看视频');
    const file = await push({ msgtype: 'file', content: { downloadCode: 'f1', fileName: '检查记录.docx', fileId: 'x', spaceId: 'y' } });
    expect(JSON.stringify(file)).toContain('无法读取文件');
    expect(await t.db.select().from(hazards)).toHaveLength(0);
  });

  it('WeChat voice, video and file in a direct chat get a polite reply; in a group they stay unanswered', async () => {
    const t = await testDeps();
    cleanup.push(() => t.close());
    const wx = await mockWechat();
    cleanup.push(() => wx.stop());
    const inbox = createInbox({ deps: t.deps, handle: createDialog({ deps: t.deps }), log: () => {} });
    wx.adapter.onMessage(withVoiceAndMedia((msg) => inbox.receive(msg)));
    // The mock puppet types a FileBox by its media type: audio/silk → Audio, video/mp4 → Video,
    // application/octet-stream + .pdf → Attachment. file-box derives no such types from these
    // names, so they are set on the box (its field behind the read-only getter).
    const box = (name: string, mediaType: string) => {
      const b = FileBox.fromBase64(Buffer.from('not really media').toString('base64'), name);
      (b as unknown as { _mediaType: string })._mediaType = mediaType;
      return b;
    };

    wx.worker.say(box('voice.silk', 'audio/silk')).to(wx.me);
    await until(() => wx.said.length === 1);
    expect(wx.said[0]).toMatchObject({ to: wx.worker.id });
    expect(wx.said[0].text).toContain('没有识别出文字');
    wx.worker.say(box('clip.mp4', 'video/mp4')).to(wx.me);
    await until(() => wx.said.length === 2);
    expect(wx.said[1].text).toContain('无法查看视频');
    wx.worker.say(box('检查表.pdf', 'application/octet-stream')).to(wx.me);
    await until(() => wx.said.length === 3);
    expect(wx.said[2].text).toContain('无法读取文件');

    wx.worker.say(box('voice.silk', 'audio/silk')).to(wx.room);
    await new Promise((r) => setTimeout(r, 200));
    expect(wx.said).toHaveLength(3);
    // Nothing to keep: unreadable messages are not recorded.
    expect(await t.db.select().from(receivedMessages).where(eq(receivedMessages.platform, 'wechat'))).toHaveLength(0);
    expect(await t.db.select().from(chatIdentities)).toHaveLength(0);
  });
});
