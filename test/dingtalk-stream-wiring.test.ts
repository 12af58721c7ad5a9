import { describe, it, expect, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createDingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import { chatInbox } from '../entry/chat-inbox.js';
import { hazards, receivedMessages } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { dingtalkWorld } from './helpers/dingtalk-world.js';
import { startFakeDingTalk, FAKE_CLIENT, waitFor } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, textBody, audioBody } from './fakes/dingtalk/robot-frames.js';

// DingTalk Stream mode wired as `npm start` runs it (entry/chat-inbox.ts): the inbox sends the
// replies itself (the adapter's `reply`), so what the reply carries beyond its text — the voice
// echo, a group answer's private part — must be in the stored reply and sent from there.
describe('DingTalk Stream mode as the Node process wires it', () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function world() {
    const t = await testDeps();
    cleanup.push(() => t.close());
    const w = await dingtalkWorld(t.db);
    const fake = await startFakeDingTalk();
    cleanup.push(() => fake.close());
    const adapter = createDingTalkAdapter({ ...FAKE_CLIENT, apiBase: fake.apiBase, log: () => {}, now: t.clock });
    const inbox = chatInbox(t.deps, [adapter], { log: () => {} });
    await adapter.start();
    cleanup.push(() => adapter.stop());
    await fake.waitForConnections(1);
    const push = async (body: Record<string, unknown>, group?: { id: string; title: string }) => {
      const before = fake.api.webhookPosts.length;
      const frameId = fake.pushRobot(robotMessage({ staffId: w.staffId, sessionWebhook: fake.api.sessionWebhook(), group }, body));
      await fake.waitForAcks(frameId);
      await fake.waitForWebhooks(before + 1);
      await inbox.settled();
      return JSON.stringify(fake.api.webhookPosts[before].body);
    };
    return { t, w, fake, inbox, push };
  }

  it('a voice report’s reply, sent by the inbox, begins with what was heard and is recorded as sent', async () => {
    const { t, w, push } = await world();
    const shown = await push(audioBody('上报 华美 消防通道堵塞'));
    const [hazard] = await t.db.select().from(hazards).where(eq(hazards.enterpriseId, w.huamei.id));
    expect(shown).toContain('（语音）上报 华美 消防通道堵塞');
    expect(shown).toContain(hazard.code);
    const [row] = await t.db.select().from(receivedMessages);
    expect(row.repliedAt).not.toBeNull();
    expect(JSON.stringify(row.reply)).toContain('（语音）');
  });

  it('in a group, a list naming enterprises: the group gets the note, the sender the list privately', async () => {
    const { fake, w, push } = await world();
    await push(textBody('上报 华美 消防通道堵塞 3天内', false));
    const note = await push(textBody('我的任务', true), { id: 'cidWiring==', title: '横林镇网格工作群' });
    expect(note).toContain('已私信发给您');
    expect(note).not.toContain('华美');
    await waitFor(() => fake.api.callsTo('/v1.0/robot/oToMessages/batchSend').length > 0, 'the private answer');
    const [priv] = fake.api.callsTo('/v1.0/robot/oToMessages/batchSend');
    expect(priv.body).toMatchObject({ userIds: [w.staffId] });
    expect(JSON.stringify(priv.body)).toContain('华美');
  });
});
