import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { seedDemo } from '../scripts/demo/seed.js';
import { towns, enterprises, grids, hazards, patrols, districts, apiTokens } from '../db/schema/index.js';
import { sha256Hex } from '../lib/hash.js';

// One seeded district shared by the read-only checks below (seeding plays ~130 verbs).
let t: Awaited<ReturnType<typeof testApp>>;
let demo: Awaited<ReturnType<typeof seedDemo>>;
beforeAll(async () => {
  t = await testApp();
  demo = await seedDemo(t.deps);
}, 60_000);
afterAll(() => t?.close());

describe('demo seed', () => {
  it('seeds the three pilot towns, their grids and ~60 enterprises with 华美 in the first worker\'s grid', async () => {
    const names = (await t.db.select({ name: towns.name }).from(towns)).map((r) => r.name);
    expect(names.sort()).toEqual(['横山桥镇', '横林镇', '遥观镇'].sort());
    expect((await t.db.select().from(districts).get())?.name).toBe('常州经开区');
    const [{ n }] = await t.db.select({ n: count() }).from(enterprises);
    expect(n).toBe(60);
    expect(demo.counts).toMatchObject({ towns: 3, grids: 12, enterprises: 60 });
    const huamei = await t.db.select().from(enterprises).where(eq(enterprises.shortName, '华美')).get();
    expect(huamei?.name).toBe('常州华美化工有限公司');
    const grid = await t.db.select().from(grids).where(eq(grids.id, huamei!.gridId)).get();
    expect(grid?.workerId).toBe(demo.tokens.worker.id);
  });

  it('writes patrols and hazards in several states through the verbs, consistent with the enterprises', async () => {
    const statuses = new Set((await t.db.select({ s: hazards.status }).from(hazards)).map((r) => r.s));
    for (const s of ['reported', 'rectifying', 'review', 'closed', 'void']) expect(statuses).toContain(s);
    const [{ n }] = await t.db.select({ n: count() }).from(patrols);
    expect(n).toBe(demo.counts.patrols);
    // Every enterprise's last-patrol cache is its latest patrol, and none is in the future.
    const ents = await t.db.select().from(enterprises);
    for (const e of ents) expect(e.lastPatrolAt!.getTime()).toBeLessThanOrEqual(t.clock().getTime());
    const overdue = (await t.db.select().from(hazards)).filter((h) => h.deadlineAt && h.deadlineAt < t.clock() && ['reported', 'rectifying', 'review'].includes(h.status));
    expect(overdue.length).toBeGreaterThan(0);
  });

  it('mints tokens (stored as sha256 only) that authenticate as the right people on /v1/me', async () => {
    const { tokens } = demo;
    const expected = { districtAdmin: 'district_admin', townAdmin: 'town_admin', worker: 'worker', department: 'department' } as const;
    for (const [key, role] of Object.entries(expected)) {
      const p = tokens[key as keyof typeof tokens];
      const stored = await t.db.select().from(apiTokens).where(eq(apiTokens.tokenHash, sha256Hex(p.token))).get();
      expect(stored?.personId).toBe(p.id);
      const res = await t.app.request('/v1/me', { headers: { authorization: `Bearer ${p.token}` } });
      expect(res.status).toBe(200);
      const body = JSON.stringify(await res.json());
      expect(body).toContain(role);
      expect(body).toContain(p.name);
    }
    const res = await t.app.request('/v1/me', { headers: { authorization: 'Bearer gs_not-a-demo-token' } });
    expect(res.status).toBe(401);
  });
});
