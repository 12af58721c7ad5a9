import { describe, it, expect } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { testDeps } from './helpers/deps.js';
import { groupCommitWriter } from '../db/group-commit.js';
import { towns, departments, hazardCodeCounters } from '../db/schema/index.js';

let n = 0;
const uniq = (p: string) => `${p}-gc-${++n}-${Math.random().toString(36).slice(2, 8)}`;

describe('group commit writer', () => {
  it('commits concurrent callers in one transaction and gives each its own results', async () => {
    const t = await testDeps();
    const writer = groupCommitWriter(t.db);
    const names = Array.from({ length: 20 }, () => uniq('镇'));
    const results = await Promise.all(
      names.map((name) => writer.batch([t.db.insert(towns).values({ districtId: 1, name, createdAt: t.clock() }).returning()])),
    );
    expect(results.map(([rows]) => rows[0].name)).toEqual(names);
    expect(new Set(results.map(([rows]) => rows[0].id)).size).toBe(20);
    expect(writer.stats).toMatchObject({ commits: 1, batches: 20, retriedAlone: 0 });
    t.close();
  });

  it('splits results by each caller\'s statement count and keeps a caller\'s statements together', async () => {
    const t = await testDeps();
    const writer = groupCommitWriter(t.db);
    const day = uniq('d');
    // Each caller bumps the same counter and reads it back in its own batch: contiguity means each
    // reads exactly its own increment.
    const bump = () =>
      writer.batch([
        t.db.insert(hazardCodeCounters).values({ day, seq: 1 })
          .onConflictDoUpdate({ target: hazardCodeCounters.day, set: { seq: sql`${hazardCodeCounters.seq} + 1` } }),
        t.db.select({ seq: hazardCodeCounters.seq }).from(hazardCodeCounters).where(eq(hazardCodeCounters.day, day)),
      ]);
    const single = writer.batch([t.db.insert(departments).values({ name: uniq('部门'), createdAt: t.clock() }).returning({ id: departments.id })]);
    const [a, b, c, one] = await Promise.all([bump(), bump(), bump(), single]);
    expect([a, b, c].map((r) => r.length)).toEqual([2, 2, 2]);
    expect([a[1][0].seq, b[1][0].seq, c[1][0].seq]).toEqual([1, 2, 3]);
    expect(one).toHaveLength(1);
    expect(one[0][0].id).toBeGreaterThan(0);
    expect(writer.stats.commits).toBe(1);
    t.close();
  });

  it('fails only the caller whose batch fails and writes nothing of it', async () => {
    const t = await testDeps();
    const writer = groupCommitWriter(t.db);
    const taken = uniq('镇');
    await t.db.insert(towns).values({ districtId: 1, name: taken, createdAt: t.clock() });
    const goodNames = [uniq('镇'), uniq('镇'), uniq('镇')];
    const orphanDept = uniq('部门');
    const good = goodNames.map((name) => writer.batch([t.db.insert(towns).values({ districtId: 1, name, createdAt: t.clock() })]));
    // The failing caller writes a department first, then violates towns_name_uq.
    const bad = writer.batch([
      t.db.insert(departments).values({ name: orphanDept, createdAt: t.clock() }),
      t.db.insert(towns).values({ districtId: 1, name: taken, createdAt: t.clock() }),
    ]);
    const settled = await Promise.allSettled([...good, bad]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    const reason = (settled[3] as PromiseRejectedResult).reason as Error;
    expect(String(reason.message) + String((reason.cause as Error | undefined)?.message ?? '')).toMatch(/UNIQUE/);
    for (const name of goodNames) expect(await t.db.select().from(towns).where(eq(towns.name, name)).get()).toBeDefined();
    expect(await t.db.select().from(departments).where(eq(departments.name, orphanDept)).get()).toBeUndefined();
    expect(writer.stats.retriedAlone).toBe(4);
    t.close();
  });

  it('behaves like a plain batch for sequential callers', async () => {
    const t = await testDeps();
    const writer = groupCommitWriter(t.db);
    for (let i = 0; i < 3; i++) {
      const name = uniq('镇');
      const [rows] = await writer.batch([t.db.insert(towns).values({ districtId: 1, name, createdAt: t.clock() }).returning()]);
      expect(rows[0].name).toBe(name);
    }
    const taken = uniq('镇');
    await writer.batch([t.db.insert(towns).values({ districtId: 1, name: taken, createdAt: t.clock() })]);
    await expect(writer.batch([t.db.insert(towns).values({ districtId: 1, name: taken, createdAt: t.clock() })])).rejects.toThrow();
    expect(writer.stats).toMatchObject({ commits: 5, batches: 5, retriedAlone: 0 });
    t.close();
  });

  it('flushes at once when the queue reaches maxStatements', async () => {
    const t = await testDeps();
    const writer = groupCommitWriter(t.db, { maxStatements: 2 });
    const insert = () => writer.batch([t.db.insert(towns).values({ districtId: 1, name: uniq('镇'), createdAt: t.clock() })]);
    await Promise.all([insert(), insert(), insert()]);
    await writer.drain();
    // The first two went together as soon as the second arrived; the third in the next commit.
    expect(writer.stats.commits).toBe(2);
    t.close();
  });
});
