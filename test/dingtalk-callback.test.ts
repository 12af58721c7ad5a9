import { describe, it, expect, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createApp } from '../api/app.js';
import { httpChat } from '../entry/http-chat.js';
import worker from '../entry/worker.js';
import { dingtalkSign } from '../bot/callbacks/dingtalk-sign.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { chatIdentities, hazards, notifications, receivedMessages } from '../db/schema/index.js';
import type { Db } from '../db/client.js';
import { testDeps, TEST_NOW } from './helpers/deps.js';
import { localD1 } from './helpers/d1.js';
import { dingtalkWorld } from './helpers/dingtalk-world.js';
import { makeEnterprise, makeGrid, makePerson, makeTown } from './helpers/fixtures.js';
import { sh } from './helpers/jobs-fixtures.js';
import { startFakeDingTalk, FAKE_CLIENT, settle, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, textBody, audioBody } from './fakes/dingtalk/robot-frames.js';

// DingTalk HTTP callback mode: POST /callbacks/dingtalk, signed with the app secret, into the same
// inbox and dialog as Stream mode, answered through the session webhook — on the Node app and in
// the Worker entry on a real local D1.
const ENV = { DINGTALK_CLIENT_ID: FAKE_CLIENT.clientId, DINGTALK_CLIENT_SECRET: FAKE_CLIENT.clientSecret };

async function signedRequest(body: unknown, opts: { at: number; secret?: string; sign?: string }): Promise<Request> {
  const timestamp = String(opts.at);
  const sign = opts.sign ?? (await dingtalkSign(timestamp, opts.secret ?? FAKE_CLIENT.clientSecret));
  return new Request('http://gridsafe/callbacks/dingtalk', {
    method: 'POST',
    headers: { 'content-type': 'application/json', timestamp, sign },
    body: JSON.stringify(body),
  });
}

describe('DingTalk HTTP callback', () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function nodeApp() {
    const t = await testDeps();
    cleanup.push(() => t.close());
    const fake = await startFakeDingTalk();
    cleanup.push(() => fake.close());
    const world = await dingtalkWorld(t.db);
    const app = createApp(t.deps, { callbacks: httpChat({ ...ENV, DINGTALK_API_BASE: fake.apiBase }).callbacks(t.deps) });
    const now = Date.parse(TEST_NOW);
    const message = (body: Record<string, unknown>, msgId?: string) =>
      robotMessage({ staffId: world.staffId, sessionWebhook: fake.api.sessionWebhook(), msgId }, body);
    return { t, fake, world, app, now, message };
  }

  it('answers a validly signed report through the session webhook (Node app)', async () => {
    const { t, fake, world, app, now, message } = await nodeApp();
    const res = await app.fetch(await signedRequest(message(textBody('上报 华美 消防通道堵塞 3天内', false)), { at: now - 5000 }));
    expect(res.status).toBe(200);
    await fake.waitForWebhooks(1);
    const rows = await t.db.select().from(hazards).where(eq(hazards.enterpriseId, world.huamei.id));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(fake.api.webhookPosts[0].body)).toContain(rows[0].code);
  });

  it('never posts a reply to a session webhook outside DingTalk: a forged body is refused and nothing recorded', async () => {
    const { t, fake, world, app, now } = await nodeApp();
    // The sign covers only the timestamp, so captured headers could carry any body for an hour.
    const forged = robotMessage({ staffId: world.staffId, sessionWebhook: 'https://attacker.example/hook', msgId: 'forged-1' }, textBody('登录', false));
    const res = await app.fetch(await signedRequest(forged, { at: now - 1000 }));
    expect(res.status).toBe(400);
    expect(await t.db.select().from(receivedMessages)).toHaveLength(0);
    expect(fake.api.webhookPosts).toHaveLength(0);
  });

  it('refuses a bad signature, a wrong secret, a missing header and a stale timestamp with 401, recording nothing', async () => {
    const { t, fake, app, now, message } = await nodeApp();
    const body = message(textBody('上报 华美 消防通道堵塞', false));
    const bad = [
      await signedRequest(body, { at: now, sign: 'AAAA' + (await dingtalkSign(String(now), FAKE_CLIENT.clientSecret)).slice(4) }),
      await signedRequest(body, { at: now, secret: 'another-apps-secret' }),
      new Request('http://gridsafe/callbacks/dingtalk', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      // Correctly signed, but more than an hour old (and in the future).
      await signedRequest(body, { at: now - 61 * 60_000 }),
      await signedRequest(body, { at: now + 61 * 60_000 }),
    ];
    for (const req of bad) {
      const res = await app.fetch(req);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    await settle(50);
    expect(await t.db.select().from(receivedMessages)).toHaveLength(0);
    expect(await t.db.select().from(hazards)).toHaveLength(0);
    expect(fake.api.webhookPosts).toHaveLength(0);
  });

  it('answers a replayed request once: one record, one hazard, one reply', async () => {
    const { t, fake, app, now, message } = await nodeApp();
    const body = message(textBody('上报 华美 灭火器过期', false), 'msg-replayed==');
    for (let i = 0; i < 3; i++) expect((await app.fetch(await signedRequest(body, { at: now - i * 1000 }))).status).toBe(200);
    await fake.waitForWebhooks(1);
    await settle(50);
    expect(await t.db.select().from(receivedMessages).where(eq(receivedMessages.messageId, 'msg-replayed=='))).toHaveLength(1);
    expect(await t.db.select().from(hazards)).toHaveLength(1);
    expect(fake.api.webhookPosts).toHaveLength(1);
  });

  it('echoes a voice message’s recognition in the reply', async () => {
    const { fake, app, now, message } = await nodeApp();
    await app.fetch(await signedRequest(message(audioBody('上报 华美 消防通道堵塞')), { at: now }));
    await fake.waitForWebhooks(1);
    expect(JSON.stringify(fake.api.webhookPosts[0].body)).toContain('（语音）上报 华美 消防通道堵塞');
  });

  it('without DINGTALK_CLIENT_SECRET there is no callback route', async () => {
    const t = await testDeps();
    cleanup.push(() => t.close());
    const app = createApp(t.deps, { callbacks: httpChat({}).callbacks(t.deps) });
    expect((await app.fetch(await signedRequest({}, { at: Date.parse(TEST_NOW) }))).status).toBe(404);
  });

  describe('inside the Worker entry (local D1 via miniflare)', () => {
    async function workerWorld() {
      const d1 = await localD1();
      cleanup.push(() => d1.dispose());
      const fake = await startFakeDingTalk();
      cleanup.push(() => fake.close());
      await bootstrapDb(d1.db, { districtName: '云端区', now: new Date() });
      const world = await dingtalkWorld(d1.db);
      const env = { DB: d1.binding, ...ENV, DINGTALK_API_BASE: fake.apiBase };
      const pending: Promise<unknown>[] = [];
      const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p) };
      const call = async (req: Request) => {
        const res = await worker.fetch(req, env, ctx);
        await Promise.all(pending.splice(0));
        return res;
      };
      return { db: d1.db, fake, world, env, ctx, pending, call };
    }

    it('a valid callback is recorded on D1 and answered; a bad or stale one is 401; a replay is answered once', async () => {
      const { db, fake, world, call } = await workerWorld();
      const message = (msgId: string) =>
        robotMessage({ staffId: world.staffId, sessionWebhook: fake.api.sessionWebhook(), msgId }, textBody('上报 华美 消防通道堵塞', false));
      const now = Date.now();
      expect((await call(await signedRequest(message('w-bad'), { at: now, secret: 'wrong' }))).status).toBe(401);
      expect((await call(await signedRequest(message('w-stale'), { at: now - 2 * 3600_000 }))).status).toBe(401);
      expect(await db.select().from(receivedMessages)).toHaveLength(0);

      const body = message('w-ok==');
      expect((await call(await signedRequest(body, { at: now }))).status).toBe(200);
      expect((await call(await signedRequest(body, { at: now + 1000 }))).status).toBe(200);
      expect(fake.api.webhookPosts).toHaveLength(1);
      const rows = await db.select().from(hazards).where(eq(hazards.enterpriseId, world.huamei.id));
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(fake.api.webhookPosts[0].body)).toContain(rows[0].code);
      expect(await db.select().from(receivedMessages)).toHaveLength(1);
    }, 30_000);

    it('the Worker’s cron drains the outbox through the DingTalk OpenAPI (no Node process)', async () => {
      const { db, fake, env, ctx, pending } = await workerWorld();
      await digestWorker(db, 'staff-cloud-01');
      worker.scheduled({ cron: '30 0 * * *', scheduledTime: +sh(23, 8, 30) }, env, ctx);
      while (pending.length) await Promise.all(pending.splice(0));
      const calls = fake.api.callsTo('/v1.0/robot/oToMessages/batchSend');
      expect(calls.map((c) => c.body.userIds)).toContainEqual(['staff-cloud-01']);
      const sent = await db.select().from(notifications).where(eq(notifications.status, 'sent'));
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((n) => n.platform === 'dingtalk')).toBe(true);
    }, 30_000);
  });
});

/** A worker with one enterprise due for patrol, reachable on DingTalk only. */
async function digestWorker(db: Db, staffId: string) {
  const town = await makeTown(db);
  const w = await makePerson(db, 'worker', { townId: town.id });
  const g = await makeGrid(db, town.id, w.id);
  await makeEnterprise(db, g, { name: `常州云端化工有限公司${w.id}`, registeredAt: new Date('2026-11-01T00:00:00Z') });
  await db.insert(chatIdentities).values({ personId: w.id, platform: 'dingtalk', externalId: staffId, createdAt: new Date() });
}
