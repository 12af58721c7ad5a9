import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Miniflare } from 'miniflare';
import { workerdWorker } from './helpers/workerd.js';
import { drizzle } from 'drizzle-orm/d1';
import { eq } from 'drizzle-orm';
import * as schema from '../db/schema/index.js';
import type { Db } from '../db/client.js';
import { wranglerApply } from './helpers/d1.js';
import { hazards, receivedMessages } from '../db/schema/index.js';
import { dingtalkWorld } from './helpers/dingtalk-world.js';
import { startFakeDingTalk, FAKE_CLIENT, settle, waitFor, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, textBody } from './fakes/dingtalk/robot-frames.js';
import { callbackRequest, replayOf } from './fakes/dingtalk/http-callback.js';

// POST /callbacks/dingtalk in the Worker as Cloudflare runs it: entry/worker.ts bundled with
// esbuild and run by workerd (miniflare) on D1, DingTalk faked on loopback. The signature is
// checked with workerd's Web Crypto, the reply finishes in workerd's own waitUntil after the 200,
// and identical requests dispatched together are answered once.
describe('DingTalk callback in the bundled Worker (workerd)', () => {
  let mf: Miniflare;
  let fake: FakeDingTalk;
  let db: Db;
  let world: Awaited<ReturnType<typeof dingtalkWorld>>;
  beforeAll(async () => {
    fake = await startFakeDingTalk();
    mf = await workerdWorker({ DINGTALK_CLIENT_ID: FAKE_CLIENT.clientId, DINGTALK_CLIENT_SECRET: FAKE_CLIENT.clientSecret, DINGTALK_API_BASE: fake.apiBase });
    const d1 = await mf.getD1Database('DB');
    // Applied as wrangler does (its d1_migrations ledger), so the Worker finds nothing left to migrate.
    await wranglerApply(d1 as never);
    db = drizzle(d1 as never, { schema }) as unknown as Db;
    // The first request bootstraps the district; the world is made after it.
    expect((await mf.dispatchFetch('http://worker/health')).status).toBe(200);
    world = await dingtalkWorld(db);
  }, 90_000);
  afterAll(async () => {
    await mf?.dispose();
    await fake?.close();
  });

  const dispatch = async (req: Request) => {
    const headers: Record<string, string> = {};
    req.headers.forEach((value, name) => (headers[name] = value));
    return mf.dispatchFetch(req.url, { method: 'POST', headers, body: await req.text() });
  };
  const message = (msgId: string) =>
    robotMessage({ staffId: world.staffId, sessionWebhook: fake.api.sessionWebhook(), msgId }, textBody('上报 华美 消防通道堵塞', false));

  it('refuses a bad or stale signature with 401 and records nothing', async () => {
    const body = message('wd-bad');
    const wrong = callbackRequest('http://worker/callbacks/dingtalk', body, { appSecret: 'another-apps-secret' });
    const stale = callbackRequest('http://worker/callbacks/dingtalk', body, { appSecret: FAKE_CLIENT.clientSecret, atMs: Date.now() - 61 * 60_000 });
    for (const req of [wrong, stale]) expect((await dispatch(req)).status).toBe(401);
    await settle(200);
    expect(await db.select().from(receivedMessages).where(eq(receivedMessages.messageId, 'wd-bad'))).toHaveLength(0);
  }, 30_000);

  it('answers identical callbacks dispatched together once, the reply finishing after the 200 and then marked sent', async () => {
    const captured = callbackRequest('http://worker/callbacks/dingtalk', message('wd-race'), { appSecret: FAKE_CLIENT.clientSecret });
    const copies = await Promise.all([1, 2, 3].map(() => replayOf(captured)));
    const answers = await Promise.all(copies.map(dispatch));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    await waitFor(() => fake.api.webhookPosts.length >= 1, 'the reply', 20_000);
    const row = async () => (await db.select().from(receivedMessages).where(eq(receivedMessages.messageId, 'wd-race')))[0];
    const until = Date.now() + 20_000;
    while ((await row()).repliedAt == null && Date.now() < until) await settle(50);
    expect((await row()).repliedAt).not.toBeNull();
    // A late replay of the captured request, within the hour: still the one answer.
    expect((await dispatch(await replayOf(captured))).status).toBe(200);
    await settle(500);
    expect(fake.api.webhookPosts).toHaveLength(1);
    const rows = await db.select().from(hazards).where(eq(hazards.enterpriseId, world.huamei.id));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(fake.api.webhookPosts[0].body)).toContain(rows[0].code);
  }, 60_000);
});
