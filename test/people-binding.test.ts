import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp, TEST_NOW } from './helpers/deps.js';
import { makeWorld, ctxFor } from './helpers/fixtures.js';
import { call } from './helpers/org-request.js';
import { bindingCodes, chatIdentities } from '../db/schema/index.js';
import { sha256Hex } from '../lib/hash.js';
import { issueBindingCode } from '../api/people/issue-binding-code.js';
import { redeemBindingCode, BindingCodeError } from '../api/people/redeem-binding-code.js';
import { personForIdentity } from '../api/people/identity.js';

const now = new Date(TEST_NOW);
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

describe('binding codes', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });

  it('issues a 10-digit code stored only as its HMAC, and redeems it once', async () => {
    const res = await call(t.app, 'POST', `/v1/people/${w.workerA1.id}/binding-codes`, w.adminA.auth);
    expect(res.status).toBe(201);
    const { code } = res.body;
    expect(code).toMatch(/^\d{10}$/);
    expect(new Date(res.body.expiresAt).getTime()).toBe(later(3).getTime());
    expect(res.body).toMatchObject({ validDays: 3, maxWrongAttempts: 5 });
    const stored = await t.db.select().from(bindingCodes).where(eq(bindingCodes.personId, w.workerA1.id));
    expect(stored).toHaveLength(1);
    // An HMAC under the server secret: neither the code nor its plain sha256 is in the row.
    expect(stored[0].codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].codeHash).not.toBe(sha256Hex(code));
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(JSON.stringify(stored)).not.toContain(sha256Hex(code));
    expect(stored[0].selector).toBe(code.slice(0, 4));

    const bound = await redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-a1-login1', code });
    expect(bound).toEqual({ personId: w.workerA1.id, name: w.workerA1.name });
    expect(await personForIdentity(t.db, 'wechat', 'wx-a1-login1')).toBe(w.workerA1.id);

    const again = redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-someone-else', code });
    await expect(again).rejects.toMatchObject({ reason: 'used', message: expect.stringMatching(/已使用/) });
    expect(await personForIdentity(t.db, 'wechat', 'wx-someone-else')).toBeNull();
  });

  it('fails on expired, wrong and malformed codes with Chinese messages', async () => {
    const ctx = await ctxFor(t.deps, w.district.id);
    const { code } = await issueBindingCode(ctx, w.workerA2.id);
    const expired = redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-a2', code, now: later(4) });
    await expect(expired).rejects.toBeInstanceOf(BindingCodeError);
    await expect(expired).rejects.toMatchObject({ reason: 'expired', code: 'validation_failed', message: expect.stringMatching(/过期/) });
    const wrong = code.slice(0, 4) + String((Number(code.slice(4)) + 1) % 1_000_000).padStart(6, '0');
    await expect(redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-a2', code: wrong })).rejects.toMatchObject({ reason: 'unknown' });
    await expect(redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-a2', code: 'abc' })).rejects.toMatchObject({ reason: 'unknown' });
    expect(await personForIdentity(t.db, 'wechat', 'wx-a2')).toBeNull();
    // Full-width digits from a phone keyboard still work within the validity.
    const fullWidth = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    await redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-a2', code: ` ${fullWidth.slice(0, 4)} ${fullWidth.slice(4)} `, now: later(2) });
    expect(await personForIdentity(t.db, 'wechat', 'wx-a2')).toBe(w.workerA2.id);
  });

  it('a new code invalidates the previous unused one', async () => {
    const ctx = await ctxFor(t.deps, w.district.id);
    const first = await issueBindingCode(ctx, w.workerB1.id);
    const second = await issueBindingCode(ctx, w.workerB1.id);
    await expect(redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-b1', code: first.code })).rejects.toMatchObject({ reason: 'unknown' });
    await redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-b1', code: second.code });
    expect(await personForIdentity(t.db, 'wechat', 'wx-b1')).toBe(w.workerB1.id);
  });

  it('a second WeChat binding by the same person replaces the old id', async () => {
    const ctx = await ctxFor(t.deps, w.district.id);
    const one = await issueBindingCode(ctx, w.adminB.id);
    await redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-adminB-old', code: one.code });
    await call(t.app, 'PUT', `/v1/people/${w.adminB.id}/identities`, w.district.auth, { dingtalk: 'staff-adminB' });
    const two = await issueBindingCode(ctx, w.adminB.id);
    await redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-adminB-new', code: two.code });
    expect(await personForIdentity(t.db, 'wechat', 'wx-adminB-old')).toBeNull();
    expect(await personForIdentity(t.db, 'wechat', 'wx-adminB-new')).toBe(w.adminB.id);
    // Other platforms are untouched.
    expect(await personForIdentity(t.db, 'dingtalk', 'staff-adminB')).toBe(w.adminB.id);
    const rows = await t.db.select().from(chatIdentities).where(eq(chatIdentities.personId, w.adminB.id));
    expect(rows.map((r) => r.platform).sort()).toEqual(['dingtalk', 'wechat']);
  });

  it('two senders racing with one code: exactly one is bound', async () => {
    const ctx = await ctxFor(t.deps, w.district.id);
    const { code } = await issueBindingCode(ctx, w.workerA1.id);
    const results = await Promise.allSettled([
      redeemBindingCode(t.deps, { platform: 'dingtalk', externalId: 'race-1', code }),
      redeemBindingCode(t.deps, { platform: 'dingtalk', externalId: 'race-2', code }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { reason: 'used' } });
    const bound = await t.db.select().from(chatIdentities).where(eq(chatIdentities.personId, w.workerA1.id));
    expect(bound.filter((i) => i.platform === 'dingtalk')).toHaveLength(1);
  });

  it('only admins within reach issue codes (a worker: only for its own enterprises\' contacts)', async () => {
    expect((await call(t.app, 'POST', `/v1/people/${w.workerB1.id}/binding-codes`, w.adminA.auth)).status).toBe(404);
    // A worker may issue codes for enterprise contacts of its grids only (web-contact-binding.test.ts); anyone else is out of reach.
    expect((await call(t.app, 'POST', `/v1/people/${w.workerA1.id}/binding-codes`, w.workerA1.auth)).status).toBe(404);
    expect((await call(t.app, 'POST', `/v1/people/${w.workerA1.id}/binding-codes`, w.deptUser.auth)).status).toBe(403);
    expect((await call(t.app, 'POST', `/v1/people/${w.district.id}/binding-codes`, w.adminA.auth)).status).toBe(404);
  });
});
