import { describe, it, expect, afterEach } from 'vitest';
import { and, isNotNull, isNull } from 'drizzle-orm';
import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { chatIdentities, hazards, receivedMessages } from '../db/schema/index.js';
import { makeEnterprise, makeGrid, makePerson, makeTown } from './helpers/fixtures.js';
import { freePort, spawnEntry, tempDir, type Child } from './helpers/child-process.js';
import { FAKE_CLIENT, settle, startFakeDingTalk, waitFor, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, textBody } from './fakes/dingtalk/robot-frames.js';

const ENTERPRISES = ['华美', '恒力', '东方', '新城'];
// One per check item: a second open hazard of an enterprise in the same item is a possible duplicate (a question, not a record).
const PROBLEMS = ['消防通道堵塞', '灭火器过期失效', '烟感报警器损坏', '电线私拉乱接', '配电箱未接地', '污水池无警示标志', '员工未戴安全帽', '叉车无证驾驶'];

// kill -9 of the real bot process (entry/node.ts --only bots, the DingTalk adapter against the fake
// DingTalk on loopback) while a district's reports are being handled and answered. After the
// restart, and DingTalk's redelivery of what was never ACKed, every message has its record, its
// hazard and exactly one reply.
describe('crash during chat intake (kill -9, restart, redelivery)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('answers every ACKed message exactly once after the restart', async () => {
    const tmp = tempDir('chat-crash');
    cleanups.push(tmp.remove);
    const url = `file:${tmp.dir}/gridsafe.db`;

    // Four grid workers bound to DingTalk staff ids, each with one enterprise in their grid.
    const setup = await openDb(url);
    await migrateDb(setup.db);
    await bootstrapDb(setup.db, { districtName: '测试区', now: new Date() });
    const town = await makeTown(setup.db);
    const staff: string[] = [];
    for (const [i, short] of ENTERPRISES.entries()) {
      const worker = await makePerson(setup.db, 'worker', { townId: town.id });
      await makeEnterprise(setup.db, await makeGrid(setup.db, town.id, worker.id), { name: `常州${short}实业有限公司`, shortName: short });
      staff.push(`staffcrash${i}`);
      await setup.db.insert(chatIdentities).values({ personId: worker.id, platform: 'dingtalk', externalId: staff[i], createdAt: new Date() });
    }
    setup.close();

    const fake: FakeDingTalk = await startFakeDingTalk();
    cleanups.push(() => fake.close());
    const start = async (): Promise<Child> => {
      const child = spawnEntry(['--only', 'bots'], {
        DATABASE_URL: url, DATA_DIR: `${tmp.dir}/data`, PORT: String(await freePort()), SCHEDULER: 'off',
        DINGTALK_CLIENT_ID: FAKE_CLIENT.clientId, DINGTALK_CLIENT_SECRET: FAKE_CLIENT.clientSecret, DINGTALK_API_BASE: fake.apiBase,
      });
      cleanups.push(() => child.kill9());
      await child.waitFor(/聊天平台已启动：dingtalk/);
      return child;
    };

    // Message k: worker k % 4 reports problem ⌊k / 4⌋ of their enterprise, in a direct chat with its own session.
    const messages = Array.from({ length: 32 }, (_, k) => ({
      msgId: `msgcrash${k}`,
      session: `session${k}`,
      data: robotMessage(
        { staffId: staff[k % 4], sessionWebhook: fake.api.sessionWebhook(`session${k}`), msgId: `msgcrash${k}` },
        textBody(`上报 ${ENTERPRISES[k % 4]} ${PROBLEMS[Math.floor(k / 4)]} 3天内`, false),
      ),
    }));
    const frames = new Map<string, string>(); // frame id → message id
    const push = (k: number) => frames.set(fake.pushRobot(messages[k].data), messages[k].msgId);
    const ackedMessages = () => new Set(fake.stream.received.filter((f) => f.code === 200 && frames.has(f.headers?.messageId ?? '')).map((f) => frames.get(f.headers!.messageId!)!));
    const repliesTo = (session: string) => fake.api.webhookPosts.filter((p) => p.session === session).length;

    // First run. Eight messages answered normally; then DingTalk stops answering the webhooks, 24
    // more arrive, and the process dies once some of them are ACKed: recorded and handled, their
    // replies stored but never accepted, others still in the dialog or not yet read.
    let child = await start();
    await fake.waitForConnections(1);
    for (let k = 0; k < 8; k++) push(k);
    await waitFor(() => fake.api.webhookPosts.length >= 8, '8 replies', 30_000);
    await settle(300);
    fake.api.holdWebhooks = true;
    for (let k = 8; k < 32; k++) push(k);
    await waitFor(() => ackedMessages().size >= 16, '16 ACKs', 30_000);
    await child.kill9();
    const ackedBefore = ackedMessages();
    fake.api.holdWebhooks = false;
    expect(fake.api.webhookPosts).toHaveLength(8);
    // What the crash left: answers computed and stored, never accepted by DingTalk.
    const peek = await openDb(url);
    const unsent = await peek.db.select({ id: receivedMessages.id }).from(receivedMessages)
      .where(and(isNotNull(receivedMessages.reply), isNull(receivedMessages.repliedAt)));
    peek.close();
    expect(unsent.length).toBeGreaterThanOrEqual(8);

    // Second run; DingTalk then re-sends what was never ACKed, and (as it may) two that were.
    child = await start();
    await waitFor(() => fake.stream.openSockets >= 1, 'the new connection', 30_000);
    const redelivered = messages.map((m, k) => ({ m, k })).filter(({ m }) => !ackedBefore.has(m.msgId)).map(({ k }) => k);
    for (const k of [...redelivered, 3, 20]) push(k);
    await waitFor(() => messages.every((m) => repliesTo(m.session) >= 1), 'a reply to every message', 30_000);
    await settle(500);

    const state = `ACKed before the crash: ${ackedBefore.size}, redelivered: ${redelivered.length}`;
    for (const m of messages) expect(repliesTo(m.session), `${state}; replies to ${m.msgId}`).toBe(1);
    // Every message's reply names its hazard; the process sent nothing else.
    expect(fake.api.webhookPosts).toHaveLength(32);
    expect(fake.api.callsTo('/v1.0/robot/oToMessages/batchSend')).toHaveLength(0);

    await child.kill9();
    const check = await openDb(url);
    cleanups.push(check.close);
    const rows = await check.db.select().from(receivedMessages);
    expect(rows).toHaveLength(32);
    for (const r of rows) {
      expect(r.status, r.messageId).toBe('handled');
      expect(r.repliedAt, r.messageId).not.toBeNull();
    }
    const reported = await check.db.select({ code: hazards.code, msg: hazards.sourceMessageId }).from(hazards).where(isNotNull(hazards.sourceMessageId));
    expect(reported).toHaveLength(32);
    expect(new Set(reported.map((h) => h.msg)).size).toBe(32);
    for (const [k, m] of messages.entries()) {
      const [h] = reported.filter((r) => r.msg === m.msgId);
      const [reply] = fake.api.webhookPosts.filter((p) => p.session === m.session);
      expect(JSON.stringify(reply.body), `reply ${k}`).toContain(h.code);
    }
  }, 120_000);
});
