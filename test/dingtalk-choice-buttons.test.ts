import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createDingTalkAdapter, type DingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { hazards } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { dingtalkWorld } from './helpers/dingtalk-world.js';
import { makeEnterprise } from './helpers/fixtures.js';
import { startFakeDingTalk, FAKE_CLIENT, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, textBody } from './fakes/dingtalk/robot-frames.js';
import { taps, tapLink } from './fakes/dingtalk/client-taps.js';
import { GROUP_ANSWER_HINT } from '../bot/adapters/dingtalk/outgoing.js';

// A numbered question becomes tap-to-answer links on DingTalk: each sends its number as the user's
// own message (dtmd://dingtalkclient/sendMessage), which the dialog takes as the answer. In a group
// such a message mentions nobody and DingTalk does not deliver it to the robot: there the choices
// say to answer with an @, which does reach the bot.
describe('DingTalk choice buttons', () => {
  let fake: FakeDingTalk;
  let adapter: DingTalkAdapter;
  let t: Awaited<ReturnType<typeof testDeps>>;
  let world: Awaited<ReturnType<typeof dingtalkWorld>>;
  let yongan: { id: number };

  beforeEach(async () => {
    t = await testDeps();
    world = await dingtalkWorld(t.db);
    yongan = await makeEnterprise(t.db, world.grid, { name: '常州永安化工有限公司', shortName: '永安化工' });
    await makeEnterprise(t.db, world.grid, { name: '常州永安塑料制品有限公司', shortName: '永安塑料' });
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

  const group = { id: 'cidGroupChoices==', title: '横林镇网格工作群' };
  const say = async (text: string, n: number, inGroup = false) => {
    const frameId = fake.pushRobot(robotMessage({ staffId: world.staffId, sessionWebhook: fake.api.sessionWebhook(), group: inGroup ? group : null }, textBody(text, inGroup)));
    await fake.waitForAcks(frameId);
    await fake.waitForWebhooks(n);
    return (fake.api.webhookPosts[n - 1].body.markdown as { text: string }).text;
  };

  it('renders each candidate as a link sending its number; sending what the link sends answers the question', async () => {
    const question = await say('上报 永安 消防通道堵塞', 1);
    const chosen = tapLink(question, /永安化工/, 'direct');
    expect(chosen, question).not.toBeNull();
    expect(chosen!.sent).toMatch(/^\d$/);
    expect(taps(question, 'direct').filter((l) => /^\d$/.test(l.sent))).toHaveLength(2);
    expect(question).not.toContain(GROUP_ANSWER_HINT);

    // The tap: DingTalk sends the link's content as the user's message.
    const answer = await say(chosen!.delivered!, 2);
    const rows = await t.db.select().from(hazards).where(eq(hazards.enterpriseId, yongan.id));
    expect(rows).toHaveLength(1);
    expect(answer).toContain(rows[0].code);
  });

  it('in a group no choice is a tap that would reach nobody: the question says to @ the bot, and "@我 1" answers it', async () => {
    const question = await say('上报 永安 消防通道堵塞', 1, true);
    // Whatever a tap in the group would send, DingTalk would not deliver to the robot.
    expect(taps(question, 'group'), question).toEqual([]);
    expect(question).toMatch(/^- 1\. 常州永安/m);
    expect(question).toContain(GROUP_ANSWER_HINT);
    expect(fake.api.webhookPosts[0].body).toMatchObject({ at: { atUserIds: [world.staffId] } });

    // Typed with the @ the question asks for: the text arrives as " 1" with isInAtList.
    const chosen = question.match(/^- (\d)\. 常州永安化工/m)![1];
    const answer = await say(chosen, 2, true);
    const rows = await t.db.select().from(hazards).where(eq(hazards.enterpriseId, yongan.id));
    expect(rows).toHaveLength(1);
    expect(answer).toContain(rows[0].code);
  });
});
