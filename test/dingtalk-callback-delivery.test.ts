import { describe, it, expect, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../api/app.js';
import { httpChat } from '../entry/http-chat.js';
import worker from '../entry/worker.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { hazards, receivedMessages } from '../db/schema/index.js';
import type { Db } from '../db/client.js';
import { testDeps, TEST_NOW } from './helpers/deps.js';
import { localD1 } from './helpers/d1.js';
import { dingtalkWorld } from './helpers/dingtalk-world.js';
import { startFakeDingTalk, FAKE_CLIENT, settle, waitFor, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, textBody } from './fakes/dingtalk/robot-frames.js';
import { callbackRequest, replayOf } from './fakes/dingtalk/http-callback.js';

// DingTalk HTTP callback mode, delivery: the reply goes through the session webhook (else the
// proactive send) and is marked replied only once DingTalk took it; identical callbacks arriving
// together, or a captured one replayed after a restart, are answered once — on the Node app over
// real HTTP and in the Worker entry on a local D1.
const ENV = { DINGTALK_CLIENT_ID: FAKE_CLIENT.clientId, DINGTALK_CLIENT_SECRET: FAKE_CLIENT.clientSecret };
const BATCH = '/v1.0/robot/oToMessages/batchSend';
const URL_PATH = '/callbacks/dingtalk';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function fakeDingTalk(): Promise<FakeDingTalk> {
  const fake = await startFakeDingTalk();
  cleanup.push(() => fake.close());
  return fake;
}

/** A Node API process: the app on a real loopback port, its callback inbox replayed at start as entry/node.ts does. */
async function nodeProcess(deps: Awaited<ReturnType<typeof testDeps>>['deps'], apiBase: string) {
  const chat = httpChat({ ...ENV, DINGTALK_API_BASE: apiBase }).open(deps, { retryDelaysMs: [1] });
  const app = createApp(deps, { callbacks: chat.callbacks });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${URL_PATH}`;
  const stop = () => new Promise<void>((r) => server.close(() => r()));
  cleanup.push(stop);
  const post = async (req: Request) => fetch(url, { method: 'POST', headers: req.headers, body: await req.text() });
  return { chat, url, post, start: () => chat.inbox!.replayPending(['dingtalk']), settled: () => chat.inbox!.settled(), stop };
}

const rowOf = async (db: Db, msgId: string) => (await db.select().from(receivedMessages).where(eq(receivedMessages.messageId, msgId)))[0];

describe('DingTalk callback on the Node app: the reply is marked sent only once DingTalk took it', () => {
  it('while the session webhook has not answered, the message is handled but not replied; its 200 came first', async () => {
    const t = await testDeps();
    cleanup.push(() => t.close());
    const fake = await fakeDingTalk();
    const world = await dingtalkWorld(t.db);
    const node = await nodeProcess(t.deps, fake.apiBase);
    let open!: () => void;
    fake.api.webhookGate = new Promise((r) => (open = r));
    const msg = robotMessage({ staffId: world.staffId, sessionWebhook: fake.api.sessionWebhook(), msgId: 'gate-1' }, textBody('上报 华美 消防通道堵塞', false));
    const res = await node.post(callbackRequest(node.url, msg, { appSecret: FAKE_CLIENT.clientSecret, atMs: Date.parse(TEST_NOW) }));
    expect(res.status).toBe(200);
    await waitForRow(t.db, 'gate-1', (r) => r.status === 'handled');
    expect((await rowOf(t.db, 'gate-1')).repliedAt).toBeNull();
    open();
    await fake.waitForWebhooks(1);
    await node.settled();
    expect((await rowOf(t.db, 'gate-1')).repliedAt).not.toBeNull();
    const [hazard] = await t.db.select().from(hazards).where(eq(hazards.enterpriseId, world.huamei.id));
    expect(JSON.stringify(fake.api.webhookPosts[0].body)).toContain(hazard.code);
  });

  it('a session webhook that refuses the reply: it goes proactively to the sender, and only then counts as replied', async () => {
    const t = await testDeps();
    cleanup.push(() => t.close());
    const fake = await fakeDingTalk();
    const world = await dingtalkWorld(t.db);
    const node = await nodeProcess(t.deps, fake.apiBase);
    fake.api.refuseWebhooks = 1;
    const msg = robotMessage({ staffId: world.staffId, sessionWebhook: fake.api.sessionWebhook(), msgId: 'refused-1' }, textBody('上报 华美 灭火器过期', false));
    expect((await node.post(callbackRequest(node.url, msg, { appSecret: FAKE_CLIENT.clientSecret, atMs: Date.parse(TEST_NOW) }))).status).toBe(200);
    await waitFor(() => fake.api.callsTo(BATCH).length === 1, 'the proactive reply');
    await node.settled();
    expect(fake.api.refusedWebhooks).toHaveLength(1);
    const [hazard] = await t.db.select().from(hazards);
    const [call] = fake.api.callsTo(BATCH);
    expect(call.body).toMatchObject({ userIds: [world.staffId] });
    expect(String(call.body.msgParam)).toContain(hazard.code);
    expect((await rowOf(t.db, 'refused-1')).repliedAt).not.toBeNull();
  });

  it('a process that dies before DingTalk took the reply: the restarted one sends the stored reply, once, without a second hazard', async () => {
    let nowMs = Date.parse(TEST_NOW);
    const t = await testDeps({ clock: () => new Date(nowMs) });
    cleanup.push(() => t.close());
    const fake = await fakeDingTalk();
    const world = await dingtalkWorld(t.db);
    const before = await nodeProcess(t.deps, fake.apiBase);
    // DingTalk never answers this process's reply: it is as good as dead from here on.
    fake.api.holdWebhooks = true;
    const msg = robotMessage({ staffId: world.staffId, sessionWebhook: fake.api.sessionWebhook(), msgId: 'crash-1' }, textBody('上报 华美 配电箱未接地', false));
    const captured = callbackRequest(before.url, msg, { appSecret: FAKE_CLIENT.clientSecret, atMs: nowMs });
    expect((await before.post(await replayOf(captured))).status).toBe(200);
    await waitFor(() => fake.api.heldWebhooks.length === 1, 'the reply in flight');
    expect((await rowOf(t.db, 'crash-1')).repliedAt).toBeNull();
    await before.stop();

    nowMs += 5_000;
    fake.api.holdWebhooks = false;
    const after = await nodeProcess(t.deps, fake.apiBase);
    const replayed = await after.start();
    expect(replayed.map((r) => r.messageId)).toEqual(['crash-1']);
    expect(fake.api.webhookPosts).toHaveLength(1);
    expect((await rowOf(t.db, 'crash-1')).repliedAt).not.toBeNull();
    // The captured request replayed to the new process within the hour: answered once already.
    expect((await after.post(await replayOf(captured))).status).toBe(200);
    await after.settled();
    await settle(50);
    expect(fake.api.webhookPosts).toHaveLength(1);
    expect(await t.db.select().from(hazards)).toHaveLength(1);
    expect(await t.db.select().from(receivedMessages)).toHaveLength(1);
  });
});

describe('DingTalk callback on the Node app: identical callbacks at the same time', () => {
  it('one record, one hazard, one reply — through one process and through two sharing the database', async () => {
    const t = await testDeps();
    cleanup.push(() => t.close());
    const fake = await fakeDingTalk();
    const world = await dingtalkWorld(t.db);
    const a = await nodeProcess(t.deps, fake.apiBase);
    const b = await nodeProcess(t.deps, fake.apiBase);
    for (const [id, targets] of [['same-proc', [a, a, a, a]], ['two-procs', [a, b, a, b]]] as const) {
      const msg = robotMessage({ staffId: world.staffId, sessionWebhook: fake.api.sessionWebhook(), msgId: id }, textBody(`上报 华美 ${id} 仓库堆放杂物`, false));
      const captured = callbackRequest(a.url, msg, { appSecret: FAKE_CLIENT.clientSecret, atMs: Date.parse(TEST_NOW) });
      const copies = await Promise.all(targets.map(() => replayOf(captured)));
      // Sent together over real sockets: the requests overlap in the server.
      const answers = await Promise.all(copies.map((req, i) => targets[i].post(req)));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      await a.settled();
      await b.settled();
    }
    await settle(50);
    expect(fake.api.webhookPosts).toHaveLength(2);
    expect(await t.db.select().from(receivedMessages)).toHaveLength(2);
    expect(await t.db.select().from(hazards)).toHaveLength(2);
    for (const id of ['same-proc', 'two-procs']) expect((await rowOf(t.db, id)).repliedAt).not.toBeNull();
  });
});

describe('DingTalk callback inside the Worker entry (local D1 via miniflare)', () => {
  async function workerWorld() {
    const d1 = await localD1();
    cleanup.push(() => d1.dispose());
    const fake = await fakeDingTalk();
    await bootstrapDb(d1.db, { districtName: '云端区', now: new Date() });
    const world = await dingtalkWorld(d1.db);
    const env = { DB: d1.binding, ...ENV, DINGTALK_API_BASE: fake.apiBase };
    const pending: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p) };
    const drain = async () => {
      while (pending.length) await Promise.all(pending.splice(0));
    };
    const message = (msgId: string, text = '上报 华美 消防通道堵塞') =>
      robotMessage({ staffId: world.staffId, sessionWebhook: fake.api.sessionWebhook(), msgId }, textBody(text, false));
    const signed = (msg: Record<string, unknown>, atMs = Date.now()) => callbackRequest(`http://gridsafe${URL_PATH}`, msg, { appSecret: FAKE_CLIENT.clientSecret, atMs });
    return { db: d1.db, fake, world, env, ctx, pending, drain, message, signed };
  }

  it('answers 200 before the reply is out; waitUntil finishes it and only then is it marked replied', async () => {
    const w = await workerWorld();
    let open!: () => void;
    w.fake.api.webhookGate = new Promise((r) => (open = r));
    expect((await worker.fetch(w.signed(w.message('w-gate')), w.env, w.ctx)).status).toBe(200);
    expect(w.pending.length).toBeGreaterThan(0);
    await waitForRow(w.db, 'w-gate', (r) => r.status === 'handled', 10_000);
    expect((await rowOf(w.db, 'w-gate')).repliedAt).toBeNull();
    expect(w.fake.api.webhookPosts).toHaveLength(0);
    open();
    await w.drain();
    expect(w.fake.api.webhookPosts).toHaveLength(1);
    expect((await rowOf(w.db, 'w-gate')).repliedAt).not.toBeNull();
  }, 30_000);

  it('identical callbacks at the same time, each in its own request: one record, one hazard, one reply', async () => {
    const w = await workerWorld();
    const captured = w.signed(w.message('w-race'));
    const copies = await Promise.all([1, 2, 3].map(() => replayOf(captured)));
    const answers = await Promise.all(copies.map((req) => worker.fetch(req, w.env, w.ctx)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    await w.drain();
    await settle(50);
    expect(w.fake.api.webhookPosts).toHaveLength(1);
    expect(await w.db.select().from(receivedMessages)).toHaveLength(1);
    expect(await w.db.select().from(hazards)).toHaveLength(1);
  }, 30_000);

  it('a captured request replayed later within the hour is answered once (the dedupe is in D1, not an isolate)', async () => {
    const w = await workerWorld();
    const captured = w.signed(w.message('w-replay'), Date.now() - 50 * 60_000);
    expect((await worker.fetch(await replayOf(captured), w.env, w.ctx)).status).toBe(200);
    await w.drain();
    // Every worker.fetch builds its inbox afresh, as a new isolate would: nothing is remembered in memory.
    for (let i = 0; i < 2; i++) expect((await worker.fetch(await replayOf(captured), w.env, w.ctx)).status).toBe(200);
    await w.drain();
    expect(w.fake.api.webhookPosts).toHaveLength(1);
    expect(await w.db.select().from(hazards)).toHaveLength(1);
  }, 30_000);

  it('a reply DingTalk refused for good is sent by the next cron run, once', async () => {
    const w = await workerWorld();
    // The session webhook and the proactive send both refuse (the staff id is not valid for now).
    w.fake.api.refuseWebhooks = 1;
    w.fake.api.invalidStaff.add(w.world.staffId);
    expect((await worker.fetch(w.signed(w.message('w-cron')), w.env, w.ctx)).status).toBe(200);
    await w.drain();
    expect(w.fake.api.webhookPosts).toHaveLength(0);
    expect((await rowOf(w.db, 'w-cron')).repliedAt).toBeNull();

    w.fake.api.invalidStaff.clear();
    worker.scheduled({ cron: '0 * * * *', scheduledTime: Date.now() }, w.env, w.ctx);
    await w.drain();
    expect(w.fake.api.webhookPosts).toHaveLength(1);
    expect((await rowOf(w.db, 'w-cron')).repliedAt).not.toBeNull();
    worker.scheduled({ cron: '0 * * * *', scheduledTime: Date.now() }, w.env, w.ctx);
    await w.drain();
    expect(w.fake.api.webhookPosts).toHaveLength(1);
    expect(await w.db.select().from(hazards)).toHaveLength(1);
  }, 60_000);
});

async function waitForRow(db: Db, msgId: string, cond: (r: typeof receivedMessages.$inferSelect) => boolean, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await rowOf(db, msgId);
    if (row && cond(row)) return row;
    if (Date.now() > until) throw new Error(`timed out waiting for the row of ${msgId}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
