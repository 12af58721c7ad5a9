import { describe, it, expect, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { receivedMessages } from '../db/schema/index.js';
import { messageClaimer, releaseClaim } from '../bot/inbox/claim.js';
import { testDeps } from './helpers/deps.js';

// The claim on a recorded message (bot/inbox/claim.ts): a compare-and-set on claimed_at, the
// attempts of one turn written together, so of several attempts on one row exactly the ones that
// saw its current claim, in turn, can win.
describe('message claims', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  async function row(claimedAt: number | null) {
    const t = await testDeps();
    cleanup.push(() => t.close());
    const [r] = await t.db.insert(receivedMessages).values({
      platform: 'dingtalk', messageId: `claim-${Math.random()}`, senderExternalId: 'dingtalk:s1', receivedAt: t.clock(), status: 'received', payload: {}, claimedAt,
    }).returning();
    const claim = messageClaimer(t.deps);
    const claimedNow = async () => (await t.db.select().from(receivedMessages).where(eq(receivedMessages.id, r.id)))[0].claimedAt;
    return { t, id: r.id, claim, claimedNow };
  }

  it('of attempts in one turn that saw the same claim, one wins', async () => {
    const { id, claim, claimedNow } = await row(1000);
    const results = await Promise.all([1, 2, 3].map(() => claim({ id, from: 1000, send: false })));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await claimedNow()).toBe(results.find((r) => r !== null));
  });

  it('an attempt with an outdated claim does not shut out a later one in the same turn that holds the current one', async () => {
    const { id, claim, claimedNow } = await row(1000);
    const [stale, holder] = await Promise.all([claim({ id, from: 500, send: false }), claim({ id, from: 1000, send: true })]);
    expect(stale).toBeNull();
    expect(holder).not.toBeNull();
    expect(holder!).toBeGreaterThan(1000);
    expect(await claimedNow()).toBe(holder);
  });

  it('a never-claimed row is taken from null; a reply already sent cannot be claimed for sending; a release frees it', async () => {
    const { t, id, claim, claimedNow } = await row(null);
    const first = await claim({ id, from: null, send: false });
    expect(first).not.toBeNull();
    await t.db.update(receivedMessages).set({ repliedAt: t.clock() }).where(eq(receivedMessages.id, id));
    expect(await claim({ id, from: first, send: true })).toBeNull();
    await releaseClaim(t.deps, id, first!);
    expect(await claimedNow()).toBeNull();
  });
});
