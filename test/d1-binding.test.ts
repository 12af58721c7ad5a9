import { describe, it, expect, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { localD1 } from './helpers/d1.js';
import { makeWorld } from './helpers/fixtures.js';
import worker from '../entry/worker.js';
import { d1Writer } from '../db/d1-writer.js';
import { nullNotifier } from '../api/core/notifier.js';
import { memoryFileStore } from '../api/core/file-store.js';
import { systemClock } from '../lib/clock.js';
import { bindingAttempts, bindingCodes, hazardEvents, serverSettings } from '../db/schema/index.js';
import { redeemBindingCode } from '../api/people/redeem-binding-code.js';
import { personForIdentity } from '../api/people/identity.js';
import type { Deps } from '../api/core/context.js';

// Binding limits (upserts with a conditional update), the kept HMAC secret (Web Crypto) and bot
// tokens, on a real local D1 through the Worker entry.
describe('binding codes and tokens on D1 (local workerd via miniflare)', () => {
  const open: { dispose: () => Promise<void> }[] = [];
  afterAll(async () => { await Promise.all(open.map((o) => o.dispose())); });

  it('a code issued through the Worker is limited, burned and re-issued the same way; bot tokens state the channel', async () => {
    const t = await localD1();
    open.push(t);
    const token = 'gs_worker_bootstrap_token_for_binding_01';
    const env = { DB: t.binding, BOOTSTRAP_ADMIN_TOKEN: token };
    const ctx = { waitUntil: () => undefined };
    const call = async (path: string, init: RequestInit & { as?: string } = {}) => {
      const headers = { authorization: `Bearer ${init.as ?? token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) };
      const res = await worker.fetch(new Request(`http://worker${path}`, { ...init, headers }), env, ctx);
      return { status: res.status, body: await res.json() as Record<string, any> };
    };
    expect((await call('/v1/me')).status).toBe(200);
    const w = await makeWorld(t.db);
    const issued = await call(`/v1/people/${w.workerA1.id}/binding-codes`, { method: 'POST' });
    expect(issued.status).toBe(201);
    const { code } = issued.body;
    expect(code).toMatch(/^\d{10}$/);
    expect(await t.db.select().from(serverSettings)).toHaveLength(1);

    // The bot (a Node process) on the same database: the kept secret checks the Worker's code.
    const deps: Deps = { db: t.db, writer: d1Writer(t.d1), clock: systemClock, notifier: nullNotifier, files: memoryFileStore() };
    const wrong = (i: number) => code.slice(0, 4) + String((Number(code.slice(4)) + 1 + i) % 1_000_000).padStart(6, '0');
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => redeemBindingCode(deps, { platform: 'dingtalk', externalId: `s-${i}`, code: wrong(i) })));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const [row] = await t.db.select().from(bindingCodes).where(eq(bindingCodes.personId, w.workerA1.id));
    expect(row.attempts).toBe(5);
    expect(await t.db.select().from(bindingAttempts)).toHaveLength(12);
    await expect(redeemBindingCode(deps, { platform: 'dingtalk', externalId: 'staff-a1', code })).rejects.toMatchObject({ reason: 'burned' });
    // One sender's sixth attempt waits.
    for (let i = 0; i < 5; i++) await redeemBindingCode(deps, { platform: 'dingtalk', externalId: 'one', code: '1' }).catch(() => {});
    await expect(redeemBindingCode(deps, { platform: 'dingtalk', externalId: 'one', code })).rejects.toMatchObject({ reason: 'throttled' });

    const fresh = await call(`/v1/people/${w.workerA1.id}/binding-codes`, { method: 'POST' });
    await redeemBindingCode(deps, { platform: 'dingtalk', externalId: 'staff-a1', code: fresh.body.code });
    expect(await personForIdentity(t.db, 'dingtalk', 'staff-a1')).toBe(w.workerA1.id);

    const bot = await call(`/v1/people/${w.workerA1.id}/tokens`, { method: 'POST', body: JSON.stringify({ kind: 'bot' }) });
    expect(bot.body).toMatchObject({ kind: 'bot', expiresAt: expect.any(String) });
    const body = JSON.stringify({ enterpriseId: w.entA1.id, description: '消防通道堵塞' });
    const forged = await call('/v1/hazards', { method: 'POST', as: w.workerA1.token, body, headers: { 'x-gridsafe-channel': 'dingtalk' } });
    expect(forged.status).toBe(403);
    const viaBot = await call('/v1/hazards', { method: 'POST', as: bot.body.token, body, headers: { 'x-gridsafe-channel': 'dingtalk' } });
    expect(viaBot.status).toBe(201);
    const events = await t.db.select().from(hazardEvents).where(eq(hazardEvents.hazardId, viaBot.body.hazard.id));
    expect(events.map((e) => e.channel)).toEqual(['dingtalk']);
  }, 30_000);
});
