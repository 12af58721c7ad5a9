import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { testDeps, TEST_NOW } from './helpers/deps.js';
import { makeWorld, ctxFor } from './helpers/fixtures.js';
import { bindingAttempts, bindingCodes, chatIdentities, serverSettings } from '../db/schema/index.js';
import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { dbWriter } from '../api/core/write.js';
import { nullNotifier } from '../api/core/notifier.js';
import { memoryFileStore } from '../api/core/file-store.js';
import type { Deps } from '../api/core/context.js';
import { issueBindingCode } from '../api/people/issue-binding-code.js';
import { createBindingCode } from '../api/people/create-binding-code.js';
import { redeemBindingCode, type BindingCodeError } from '../api/people/redeem-binding-code.js';
import { DEFAULT_BINDING_LIMITS } from '../api/people/binding-limits.js';
import { personForIdentity } from '../api/people/identity.js';
import { makePerson } from './helpers/fixtures.js';

const N = DEFAULT_BINDING_LIMITS.perCodeChecks;
/** A wrong code aimed at `code`: same selector (first 4 digits), different secret part. */
const wrongFor = (code: string, i: number) => code.slice(0, 4) + String((Number(code.slice(4)) + 1 + i) % 1_000_000).padStart(6, '0');
const reasonOf = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? (r.reason as BindingCodeError).reason : 'bound');

function movableClock(start = TEST_NOW) {
  let t = new Date(start).getTime();
  return { clock: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('binding guesses are limited in the database', () => {
  it('150 concurrent wrong guesses from 150 new senders: at most the per-code limit is checked; a fresh code still binds', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const admin = await ctxFor(t.deps, w.district.id);
    const target = await issueBindingCode(admin, w.workerA1.id);
    // Another person's code, live all along: a stranger's guessing must not lock it (or anyone) out.
    let other = await issueBindingCode(admin, w.workerB1.id);
    while (other.code.slice(0, 4) === target.code.slice(0, 4)) other = await issueBindingCode(admin, w.workerB1.id);

    const guesses = Array.from({ length: 150 }, (_, i) =>
      redeemBindingCode(t.deps, { platform: 'wechat', externalId: `wx-stranger-${i}`, code: wrongFor(target.code, i) }));
    const results = await Promise.allSettled(guesses);
    expect(results.map(reasonOf).filter((r) => r !== 'unknown')).toEqual([]);

    // Every attempt was counted for its sender, and exactly N checks reached the code.
    expect(await t.db.select({ n: count() }).from(bindingAttempts)).toEqual([{ n: 150 }]);
    const [row] = await t.db.select().from(bindingCodes).where(eq(bindingCodes.personId, w.workerA1.id));
    expect(row.attempts).toBe(N);
    expect(await t.db.select().from(chatIdentities).where(eq(chatIdentities.platform, 'wechat'))).toEqual([]);

    // The code is burned: even the right code now fails, with a message saying to ask for a new one.
    await expect(redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-a1', code: target.code }))
      .rejects.toMatchObject({ reason: 'burned', message: expect.stringMatching(/作废/) });
    // The admin issues a fresh code and the legitimate user binds; the other person's code still works.
    const fresh = await issueBindingCode(admin, w.workerA1.id);
    await redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-a1-2', code: fresh.code });
    expect(await personForIdentity(t.db, 'wechat', 'wx-a1-2')).toBe(w.workerA1.id);
    await redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-b1', code: other.code });
    expect(await personForIdentity(t.db, 'wechat', 'wx-b1')).toBe(w.workerB1.id);
  });

  it('random guesses from many senders touch no code whose selector they miss', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const { code } = await issueBindingCode(await ctxFor(t.deps, w.district.id), w.workerA2.id);
    const selector = Number(code.slice(0, 4));
    // 100 senders, each aiming at another selector: none of them is checked against the live code.
    await Promise.allSettled(Array.from({ length: 100 }, (_, i) => {
      const guess = String((selector + 1 + i) % 10_000).padStart(4, '0') + code.slice(4);
      return redeemBindingCode(t.deps, { platform: 'dingtalk', externalId: `staff-${i}`, code: guess });
    }));
    const [row] = await t.db.select().from(bindingCodes).where(eq(bindingCodes.personId, w.workerA2.id));
    expect(row.attempts).toBe(0);
    await redeemBindingCode(t.deps, { platform: 'dingtalk', externalId: 'staff-a2', code });
    expect(await personForIdentity(t.db, 'dingtalk', 'staff-a2')).toBe(w.workerA2.id);
  });

  it('a code burns after N wrong guesses, one at a time; checks before that leave it usable', async () => {
    const t = await testDeps();
    const w = await makeWorld(t.db);
    const admin = await ctxFor(t.deps, w.district.id);
    const { code } = await issueBindingCode(admin, w.adminA.id);
    for (let i = 0; i < N - 1; i++) {
      await expect(redeemBindingCode(t.deps, { platform: 'wechat', externalId: `g-${i}`, code: wrongFor(code, i) })).rejects.toMatchObject({ reason: 'unknown' });
    }
    // N - 1 wrong: the right code still binds (its own check is the N-th).
    await redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-adminA', code });
    expect(await personForIdentity(t.db, 'wechat', 'wx-adminA')).toBe(w.adminA.id);

    const second = await issueBindingCode(admin, w.adminB.id);
    for (let i = 0; i < N; i++) {
      await expect(redeemBindingCode(t.deps, { platform: 'wechat', externalId: `h-${i}`, code: wrongFor(second.code, i) })).rejects.toMatchObject({ reason: 'unknown' });
    }
    await expect(redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-adminB', code: second.code })).rejects.toMatchObject({ reason: 'burned' });
    expect(await personForIdentity(t.db, 'wechat', 'wx-adminB')).toBeNull();
  });

  it('a sender waits, doubling, after 5 attempts, without the code ever being looked up; a quiet day forgives', async () => {
    const c = movableClock();
    const t = await testDeps({ clock: c.clock });
    const w = await makeWorld(t.db);
    const { code } = await issueBindingCode(await ctxFor(t.deps, w.district.id), w.workerA1.id);
    const say = (guess: string) => redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-guesser', code: guess });
    const codeAttempts = async () => (await t.db.select().from(bindingCodes).where(eq(bindingCodes.personId, w.workerA1.id)))[0].attempts;
    // Malformed codes count too: the attempt is counted before anything is read.
    for (let i = 0; i < 5; i++) await expect(say('000000')).rejects.toMatchObject({ reason: 'unknown' });
    const throttled = say(code);
    await expect(throttled).rejects.toMatchObject({ reason: 'throttled', code: 'rate_limited', status: 429, message: expect.stringMatching(/1 分钟后再试/) });
    expect(await codeAttempts()).toBe(0);
    c.advance(60_000);
    await expect(say('000000')).rejects.toMatchObject({ reason: 'unknown' });
    // The next wait is two minutes.
    c.advance(60_000);
    await expect(say(code)).rejects.toMatchObject({ reason: 'throttled', message: expect.stringMatching(/1 分钟后再试/) });
    c.advance(60_000);
    await expect(say('000000')).rejects.toMatchObject({ reason: 'unknown' });
    await expect(say(code)).rejects.toMatchObject({ reason: 'throttled', message: expect.stringMatching(/4 分钟后再试/) });
    // Other senders are not slowed down by this one.
    await redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-other', code: '1234' }).catch(() => {});
    const other = await t.db.select().from(bindingAttempts).where(eq(bindingAttempts.externalId, 'wx-other'));
    expect(other[0].attempts).toBe(1);
    // A day without attempts: free again, and the right code binds.
    c.advance(24 * 60 * 60_000 + 60_000);
    await say(code);
    expect(await personForIdentity(t.db, 'wechat', 'wx-guesser')).toBe(w.workerA1.id);
    // Nobody is remembered any more: the other sender's row was pruned, the bound sender's dropped.
    expect(await t.db.select().from(bindingAttempts)).toEqual([]);
  }, 20_000);
});

describe('binding limits and the secret are kept in the database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridsafe-bind-'));
  const open = async (secret?: string) => {
    const handle = await openDb(`file:${join(dir, 'bind.db')}`);
    await migrateDb(handle.db);
    const deps: Deps = { db: handle.db, writer: dbWriter(handle.db), clock: () => new Date(TEST_NOW), notifier: nullNotifier, files: memoryFileStore(), secret };
    return { handle, deps };
  };

  it('a restart (a new connection, nothing in memory) remembers the sender’s attempts, the code’s checks and the secret', async () => {
    const first = await open();
    const person = await makePerson(first.handle.db, 'worker', { name: '重启测试' });
    const { code } = await createBindingCode(first.deps, person.id);
    for (let i = 0; i < 3; i++) await redeemBindingCode(first.deps, { platform: 'dingtalk', externalId: 'staff-x', code: wrongFor(code, i) }).catch(() => {});
    for (let i = 0; i < 2; i++) await redeemBindingCode(first.deps, { platform: 'dingtalk', externalId: `staff-y${i}`, code: wrongFor(code, 10 + i) }).catch(() => {});
    first.handle.close();

    const second = await open();
    {
      // 3 of staff-x's 5 free attempts were used: two more, then a wait.
      await redeemBindingCode(second.deps, { platform: 'dingtalk', externalId: 'staff-x', code: '0' }).catch(() => {});
      await redeemBindingCode(second.deps, { platform: 'dingtalk', externalId: 'staff-x', code: '0' }).catch(() => {});
      await expect(redeemBindingCode(second.deps, { platform: 'dingtalk', externalId: 'staff-x', code })).rejects.toMatchObject({ reason: 'throttled' });
      const [row] = await second.handle.db.select().from(bindingCodes).where(eq(bindingCodes.personId, person.id));
      expect(row.attempts).toBe(5);
      // The code has had its 5 checks: burned, across the restart.
      await expect(redeemBindingCode(second.deps, { platform: 'dingtalk', externalId: 'staff-z', code })).rejects.toMatchObject({ reason: 'burned' });
      // A code issued before the restart is checked with the same (kept) secret after it.
      const again = await createBindingCode(second.deps, person.id);
      second.handle.close();
      const third = await open();
      await redeemBindingCode(third.deps, { platform: 'dingtalk', externalId: 'staff-z', code: again.code });
      expect(await personForIdentity(third.handle.db, 'dingtalk', 'staff-z')).toBe(person.id);
      third.handle.close();
    }
  });

  it('stores an HMAC-SHA256 under the kept secret, and a configured GRIDSAFE_SECRET takes its place', async () => {
    const t = await testDeps();
    const person = await makePerson(t.db, 'worker');
    const { code } = await createBindingCode(t.deps, person.id);
    const [secretRow] = await t.db.select().from(serverSettings);
    expect(secretRow.value.length).toBeGreaterThanOrEqual(40);
    const [row] = await t.db.select().from(bindingCodes).where(eq(bindingCodes.personId, person.id));
    expect(row.codeHash).toBe(createHmac('sha256', secretRow.value).update(`binding-code:${code}`).digest('hex'));

    const configured = { ...t.deps, secret: 'a-configured-secret-of-at-least-32-chars' };
    const other = await makePerson(t.db, 'worker');
    const issued = await createBindingCode(configured, other.id);
    const [otherRow] = await t.db.select().from(bindingCodes).where(eq(bindingCodes.personId, other.id));
    expect(otherRow.codeHash).toBe(createHmac('sha256', configured.secret).update(`binding-code:${issued.code}`).digest('hex'));
    // Checked under another secret, the code is unknown: the secret is part of what is stored.
    await expect(redeemBindingCode(t.deps, { platform: 'wechat', externalId: 'wx-o', code: issued.code })).rejects.toMatchObject({ reason: 'unknown' });
    await redeemBindingCode(configured, { platform: 'wechat', externalId: 'wx-o2', code: issued.code });
    expect(await personForIdentity(t.db, 'wechat', 'wx-o2')).toBe(other.id);
  });
});

describe('binding limits in the chat dialog', () => {
  it('a new dialog (a restarted or second bot) sees the attempts counted by the first', async () => {
    const { dialogWorld } = await import('./helpers/dialog-world.js');
    const { createDialog } = await import('../bot/dialog/handle.js');
    const { createInbox } = await import('../bot/inbox.js');
    const c = await dialogWorld();
    const { code } = await issueBindingCode(await ctxFor(c.deps, c.w.adminA.id), c.w.workerA1.id);
    const inboxOf = () => createInbox({ deps: c.deps, handle: createDialog({ deps: c.deps }) });
    const say = async (inbox: ReturnType<typeof inboxOf>, text: string) =>
      (await inbox.receive(c.message(null, text, { senderId: 'wechat:wxid_two_bots', platform: 'wechat' })))?.text ?? '';
    const first = inboxOf();
    for (let i = 0; i < 5; i++) expect(await say(first, `绑定 ${wrongFor(code, i)}`)).toContain('绑定码不正确');
    const second = inboxOf();
    expect(await say(second, `绑定 ${code}`)).toMatch(/错误次数过多，请 1 分钟后再试/);
    // The five guesses were aimed at the code: it is burned, and says so once the wait is over.
    c.advance(60_000);
    expect(await say(second, `绑定 ${code}`)).toContain('已作废');
  });
});
