import { describe, it, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp, TEST_NOW } from './helpers/deps.js';
import { makeWorld, makeEnterprise } from './helpers/fixtures.js';
import { call } from './helpers/org-request.js';
import { apiTokens, hazardEvents, hazards } from '../db/schema/index.js';
import { createApp } from '../api/app.js';
import type { Writer } from '../api/core/write.js';
import { flushTokenUse, LAST_USED_STEP_MS } from '../api/core/token-use.js';

const DAY = 86_400_000;

async function world() {
  let now = new Date(TEST_NOW).getTime();
  const t = await testApp({ clock: () => new Date(now) });
  const w = await makeWorld(t.db);
  return { t, w, advance: (ms: number) => (now += ms), now: () => new Date(now) };
}

describe('API tokens expire', () => {
  it('a minted token says when it expires (90 days by default, or as asked) and is refused after, with its own code', async () => {
    const { t, w, advance } = await world();
    const standard = await call(t.app, 'POST', `/v1/people/${w.workerA1.id}/tokens`, w.district.auth, { label: '默认' });
    expect(standard.status).toBe(201);
    expect(standard.body).toMatchObject({ kind: 'person', expiresAt: new Date(new Date(TEST_NOW).getTime() + 90 * DAY).toISOString() });
    const short = await call(t.app, 'POST', `/v1/people/${w.workerA1.id}/tokens`, w.workerA1.auth, { ttlDays: 7 });
    expect(short.body.expiresAt).toBe(new Date(new Date(TEST_NOW).getTime() + 7 * DAY).toISOString());
    expect((await call(t.app, 'POST', `/v1/people/${w.workerA1.id}/tokens`, w.workerA1.auth, { ttlDays: 0 })).status).toBe(400);

    const auth = (tok: string) => ({ authorization: `Bearer ${tok}` });
    advance(7 * DAY);
    const expired = await call(t.app, 'GET', '/v1/me', auth(short.body.token));
    expect(expired).toEqual({ status: 401, body: { error: { code: 'token_expired', message: expect.stringMatching(/令牌已过期/) } } });
    expect((await call(t.app, 'GET', '/v1/me', auth(standard.body.token))).status).toBe(200);
    advance(83 * DAY);
    expect((await call(t.app, 'GET', '/v1/me', auth(standard.body.token))).body.error.code).toBe('token_expired');
    // A token without an expiry (the configured bootstrap admin's, the fixtures') keeps working.
    expect((await call(t.app, 'GET', '/v1/me', w.district.auth)).status).toBe(200);
    // An unknown token is still just unauthorized.
    expect((await call(t.app, 'GET', '/v1/me', auth('gs_nope'))).body.error.code).toBe('unauthorized');
  });

  it('last use is recorded in one statement for a turn’s tokens, and at most once an hour per token', async () => {
    const { t, w, advance, now } = await world();
    let batches = 0;
    const counting: Writer = { batch: (s) => { batches++; return t.deps.writer.batch(s); } };
    const app = createApp({ ...t.deps, writer: counting }, { logError: () => {} });
    const who = [w.workerA1, w.workerA2, w.adminA, w.deptUser];
    const burst = () => Promise.all(Array.from({ length: 40 }, (_, i) => app.request('/v1/me', { headers: who[i % who.length].auth })));

    expect((await burst()).every((r) => r.status === 200)).toBe(true);
    await flushTokenUse(t.db);
    expect(batches).toBe(1);
    const used = async () => Object.fromEntries((await t.db.select().from(apiTokens)).map((r) => [r.personId, r.lastUsedAt?.getTime() ?? null]));
    const first = await used();
    for (const p of who) expect(first[p.id]).toBe(new Date(TEST_NOW).getTime());
    expect(first[w.workerB1.id]).toBeNull();

    // Within the hour: no write at all.
    advance(LAST_USED_STEP_MS - 60_000);
    await burst();
    await flushTokenUse(t.db);
    expect(batches).toBe(1);
    expect(await used()).toEqual(first);
    // After it: one more statement, the new time.
    advance(120_000);
    await burst();
    await flushTokenUse(t.db);
    expect(batches).toBe(2);
    expect((await used())[w.workerA1.id]).toBe(now().getTime());
    // The person (and a district admin) see it, without the token itself.
    const listed = await call(t.app, 'GET', `/v1/people/${w.workerA1.id}/tokens`, w.workerA1.auth);
    expect(listed.body.items).toEqual([expect.objectContaining({ kind: 'person', lastUsedAt: now().toISOString(), expiresAt: null, revokedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(w.workerA1.token);
    expect((await call(t.app, 'GET', `/v1/people/${w.workerA1.id}/tokens`, w.workerA2.auth)).status).toBe(403);
  });
});

describe('X-Gridsafe-Channel', () => {
  it('is refused from a person’s token, honoured from the bot’s service token (minted only by a district admin)', async () => {
    const { t, w } = await world();
    const ent = await makeEnterprise(t.db, w.gridA1);
    const report = (auth: Record<string, string>, channel: string, description: string) => t.app.request('/v1/hazards', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-gridsafe-channel': channel },
      body: JSON.stringify({ enterpriseId: ent.id, description }),
    });

    const forged = await report(w.workerA1.auth, 'dingtalk', '配电箱门未关闭');
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: 'forbidden', details: { reason: 'channel_needs_bot_token' }, message: expect.stringMatching(/机器人服务令牌/) } });
    expect(await t.db.select().from(hazards)).toEqual([]);
    // 'api' (or an unknown value) is no claim and passes.
    expect((await report(w.workerA1.auth, 'api', '灭火器过期')).status).toBe(201);

    expect((await call(t.app, 'POST', `/v1/people/${w.workerA1.id}/tokens`, w.adminA.auth, { kind: 'bot' })).status).toBe(403);
    expect((await call(t.app, 'POST', `/v1/people/${w.workerA1.id}/tokens`, w.workerA1.auth, { kind: 'bot' })).status).toBe(403);
    const bot = await call(t.app, 'POST', `/v1/people/${w.workerA1.id}/tokens`, w.district.auth, { kind: 'bot', label: '钉钉机器人' });
    expect(bot.body).toMatchObject({ kind: 'bot', personId: w.workerA1.id });
    const viaBot = await report({ authorization: `Bearer ${bot.body.token}` }, 'dingtalk', '安全通道堆放杂物');
    expect(viaBot.status).toBe(201);
    const { id } = (await viaBot.json()).hazard;
    const events = await t.db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, id));
    expect(events.map((e) => e.channel)).toEqual(['dingtalk']);
    const [h] = await t.db.select().from(hazards).where(eq(hazards.id, id));
    expect(h.reporterId).toBe(w.workerA1.id);
  });
});
