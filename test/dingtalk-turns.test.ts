import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createDingTalkAdapter, type DingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { attachments, hazards } from '../db/schema/index.js';
import { testDeps } from './helpers/deps.js';
import { dingtalkWorld } from './helpers/dingtalk-world.js';
import { makeEnterprise } from './helpers/fixtures.js';
import { startFakeDingTalk, FAKE_CLIENT, settle, waitFor, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, textBody, pictureBody } from './fakes/dingtalk/robot-frames.js';

// The multi-turn rules as a worker meets them in DingTalk: the real SDK against the fake, the
// inbox, the dialog and the database. Each reply is read from the session webhook it went to.
describe('DingTalk: multi-turn rules end to end', () => {
  let fake: FakeDingTalk;
  let adapter: DingTalkAdapter;
  let t: Awaited<ReturnType<typeof testDeps>>;
  let world: Awaited<ReturnType<typeof dingtalkWorld>>;
  const group = { id: 'cidHenglinGrid==', title: '横林镇网格工作群' };

  async function connect(settleMs = 0) {
    const inbox = createInbox({ deps: t.deps, handle: createDialog({ deps: t.deps, photoSettleMs: settleMs }), log: () => {} });
    adapter = createDingTalkAdapter({ ...FAKE_CLIENT, apiBase: fake.apiBase, log: () => {}, now: t.clock });
    adapter.onMessage((msg) => inbox.receive(msg));
    await adapter.start();
  }
  beforeEach(async () => {
    t = await testDeps();
    world = await dingtalkWorld(t.db);
    fake = await startFakeDingTalk();
  });
  afterEach(async () => {
    await adapter?.stop();
    await fake.close();
    await t.close();
  });

  const direct = (text: string) => robotMessage({ staffId: world.staffId, group: null, sessionWebhook: fake.api.sessionWebhook() }, textBody(text, false));
  const texts = () => fake.api.webhookPosts.map((p) => JSON.stringify(p.body));
  /** Sends one direct message and returns the text of the reply it got. */
  async function say(text: string): Promise<string> {
    const before = fake.api.webhookPosts.length;
    fake.pushRobot(direct(text));
    await fake.waitForWebhooks(before + 1);
    return texts()[before];
  }

  it('a command sent during a question changes only what it names, and the question is kept, then answered', async () => {
    await connect();
    await fake.waitForConnections(1);
    const hengtai = await makeEnterprise(t.db, world.grid, { name: '常州恒泰纺织有限公司', shortName: '恒泰' });
    expect(await say('上报 华美')).toContain('请简要描述隐患情况');
    const other = await say('上报 恒泰 配电箱未接地');
    expect(other).toContain('隐患已登记');
    expect(other).toContain('您之前的上报隐患（常州华美化工有限公司）还在等您回复隐患描述');
    expect(await t.db.select({ e: hazards.enterpriseId }).from(hazards)).toEqual([{ e: hengtai.id }]);
    expect(await say('消防通道堵塞')).toContain('隐患已登记');
    expect((await t.db.select({ e: hazards.enterpriseId, d: hazards.description }).from(hazards).orderBy(hazards.id)))
      .toEqual([{ e: hengtai.id, d: '配电箱未接地' }, { e: world.huamei.id, d: '消防通道堵塞' }]);
  });

  it('a superseded draft is announced', async () => {
    await connect();
    await fake.waitForConnections(1);
    await say('上报 华美');
    expect(await say('巡查 华美')).toContain('已放弃（未记录）');
  });

  it('a burst of photos after a report gets one reply and all of them land on that hazard', async () => {
    await connect(300);
    await fake.waitForConnections(1);
    await say('上报 华美 消防通道堵塞');
    const [h] = await t.db.select().from(hazards);
    const before = fake.api.webhookPosts.length;
    for (const code of ['dl-a', 'dl-b', 'dl-c']) {
      fake.pushRobot(robotMessage({ staffId: world.staffId, group: null, sessionWebhook: fake.api.sessionWebhook() }, pictureBody(code)));
    }
    await waitFor(() => fake.api.webhookPosts.length > before, 'the burst reply', 5000);
    await settle(800);
    const after = texts().slice(before);
    expect(after).toHaveLength(1);
    expect(after[0]).toContain(`已将 3 张照片补充到隐患 ${h.code}`);
    expect(await t.db.select({ n: count() }).from(attachments).where(eq(attachments.hazardId, h.id))).toEqual([{ n: 3 }]);
  });

  it('a restart in the middle of a question (adapter, inbox and dialog anew on the same database) completes the report', async () => {
    await connect();
    await fake.waitForConnections(1);
    expect(await say('上报 华美')).toContain('请简要描述隐患情况');
    await adapter.stop();
    await connect();
    await fake.waitForConnections(1);
    expect(await say('仓库门口堆放纸箱')).toContain('隐患已登记');
    expect(await t.db.select({ e: hazards.enterpriseId, d: hazards.description }).from(hazards)).toEqual([{ e: world.huamei.id, d: '仓库门口堆放纸箱' }]);
  });

  it('in a group, a list naming enterprises goes to the sender privately and the group gets a short note', async () => {
    await connect();
    await fake.waitForConnections(1);
    await say('上报 华美 消防通道堵塞 3天内');
    const before = fake.api.webhookPosts.length;
    fake.pushRobot(robotMessage({ staffId: world.staffId, group, sessionWebhook: fake.api.sessionWebhook() }, textBody('我的任务', true)));
    await fake.waitForWebhooks(before + 1);
    await waitFor(() => fake.api.calls.some((c) => c.path === '/v1.0/robot/oToMessages/batchSend'), 'the private answer');
    const note = texts()[before];
    expect(note).toContain('已私信发给您');
    expect(note).not.toContain('华美');
    const priv = fake.api.calls.find((c) => c.path === '/v1.0/robot/oToMessages/batchSend')!;
    expect(priv.body).toMatchObject({ userIds: [world.staffId] });
    expect(JSON.stringify(priv.body)).toContain('华美');
  });
});
