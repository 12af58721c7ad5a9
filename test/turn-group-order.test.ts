import { describe, expect, it } from 'vitest';
import { draftStore } from '../bot/dialog/drafts.js';
import type { Writer } from '../api/core/write.js';
import { dialogWorld } from './helpers/dialog-world.js';
import { enterprises } from '../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { matchEnterprises } from '../api/enterprises/match.js';
import { ctxFor } from './helpers/fixtures.js';

const turn = () => new Promise((r) => setImmediate(r));

describe('turnGroup: groups run in order, retries included', () => {
  it("a person's later drop is not undone when an earlier group's batch fails once and is retried alone", async () => {
    const c = await dialogWorld();
    let calls = 0;
    // A remote database: the first batch fails after a round trip (network blip / SQLITE_BUSY); later ones succeed.
    const flaky: Writer = {
      batch: (async (s: unknown[]) => {
        calls++;
        if (calls === 1) { await new Promise((r) => setTimeout(r, 5)); throw new Error('transient'); }
        return c.deps.writer.batch(s as never);
      }) as Writer['batch'],
    };
    const store = draftStore(c.db, flaky);
    const now = c.deps.clock();
    const [p, q] = [c.w.workerA1.id, c.w.workerA2.id];
    // Turn 1: P asks a question (and Q too, so the group holds two items and is retried item by item).
    const first = Promise.allSettled([
      store.save(p, { intent: 'report', slots: {}, awaiting: 'description' }, now),
      store.save(q, { intent: 'report', slots: {}, awaiting: 'description' }, now),
    ]);
    await turn(); await turn();
    // A later turn: P's next message cancels the question.
    await store.drop(p);
    await first;
    // One at a time, P's last write (drop) stays; here the retried save lands after it.
    expect(await store.load(p, now)).toBeNull();
  });
});

describe('enterprise name forms kept per raw name follow renames', () => {
  it('a renamed enterprise is matched by its new name only', async () => {
    const c = await dialogWorld();
    const ctx = await ctxFor(c.deps, c.w.workerA1.id);
    expect((await matchEnterprises(ctx, '华美化工'))[0]?.id).toBe(c.huamei.id);
    await c.db.update(enterprises).set({ name: '常州东方纺织有限公司', shortName: '东方纺织' }).where(eq(enterprises.id, c.huamei.id));
    expect((await matchEnterprises(ctx, '东方纺织'))[0]?.id).toBe(c.huamei.id);
    expect((await matchEnterprises(ctx, '华美化工')).map((e) => e.id)).not.toContain(c.huamei.id);
  });
});
