import { describe, it, expect } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { attachments, hazards, idempotencyKeys, towns } from '../db/schema/index.js';
import { createApp } from '../api/app.js';
import type { Writer } from '../api/core/write.js';
import { testApp, testDeps } from './helpers/deps.js';
import { makeEnterprise, makeGrid, makePerson, makeTown } from './helpers/fixtures.js';

// Minimal JPEG-looking bodies (the photo store checks magic bytes only).
const jpeg = (tag: string) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(tag), 0xff, 0xd9])]);

describe('Idempotency-Key on non-JSON bodies', () => {
  it('replays the same upload once and rejects the same key with other bytes', async () => {
    const t = await testApp();
    const admin = await makePerson(t.db, 'district_admin');
    const post = (body: Blob) =>
      t.app.request('/v1/photos', { method: 'POST', headers: { ...admin.auth, 'content-type': 'image/jpeg', 'idempotency-key': 'photo-1' }, body });
    const first = await post(jpeg('a'));
    expect(first.status).toBe(201);
    const again = await post(jpeg('a'));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const other = await post(jpeg('b'));
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe('conflict');
    const [{ n }] = await t.db.select({ n: count() }).from(attachments);
    expect(n).toBe(1);
  });
});

// The process dying between committing the work and storing the response, played in one process:
// the writer refuses the statement that stores the response, as if the process had stopped there.
describe('Idempotency-Key when the response was never stored', () => {
  async function world() {
    let now = Date.parse('2026-11-23T02:00:00.000Z');
    const t = await testDeps({ clock: () => new Date(now) });
    let refuse = true;
    const writer: Writer = {
      batch(statements) {
        const sqlOf = (s: unknown) => (s as { toSQL?: () => { sql: string } }).toSQL?.().sql ?? '';
        const storesResponse = statements.some((s) => /^update "idempotency_keys"/.test(sqlOf(s)));
        if (refuse && storesResponse) return Promise.reject(new Error('process stopped'));
        return t.deps.writer.batch(statements);
      },
    };
    const app = createApp({ ...t.deps, writer }, { logError: () => {} });
    return { ...t, app, restart: () => (refuse = false), later: (ms: number) => (now += ms) };
  }

  it('answers a hazard report retried after the crash with the hazard it created, once', async () => {
    const t = await world();
    const town = await makeTown(t.db);
    const worker = await makePerson(t.db, 'worker', { townId: town.id });
    const ent = await makeEnterprise(t.db, await makeGrid(t.db, town.id, worker.id));
    const report = () => t.app.request('/v1/hazards', {
      method: 'POST', headers: { ...worker.auth, 'content-type': 'application/json', 'idempotency-key': 'r-1' },
      body: JSON.stringify({ enterpriseId: ent.id, description: '仓库消防栓被遮挡' }),
    });
    expect((await report()).status).toBe(500);
    const [claim] = await t.db.select().from(idempotencyKeys);
    expect(claim).toMatchObject({ statusCode: 0, key: 'r-1' });
    expect(claim.resource).toMatch(/^hazard:\d+$/);

    t.restart();
    const retry = await report();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const body = (await retry.json()) as { hazard: { id: number; description: string }; created: boolean };
    expect(body).toMatchObject({ created: true, hazard: { description: '仓库消防栓被遮挡' } });
    expect(`hazard:${body.hazard.id}`).toBe(claim.resource);
    // The rebuilt answer is kept: the next retry gets the same bytes.
    expect(await (await report()).json()).toEqual(body);
    const [{ n }] = await t.db.select({ n: count() }).from(hazards);
    expect(n).toBe(1);
  });

  it('does not do other work twice: the retry is told the request was done', async () => {
    const t = await world();
    const admin = await makePerson(t.db, 'district_admin');
    const create = () => t.app.request('/v1/towns', {
      method: 'POST', headers: { ...admin.auth, 'content-type': 'application/json', 'idempotency-key': 't-1' },
      body: JSON.stringify({ name: '崔桥镇' }),
    });
    expect((await create()).status).toBe(500);
    t.restart();
    const soon = await create();
    expect(soon.status).toBe(409);
    expect((await soon.json()).error.message).toContain('正在处理中');
    t.later(5 * 60_000);
    const late = await create();
    expect(late.status).toBe(409);
    expect((await late.json()).error.message).toContain('已执行');
    const [{ n }] = await t.db.select({ n: count() }).from(towns).where(eq(towns.name, '崔桥镇'));
    expect(n).toBe(1);
  });

  it('commits nothing for a request whose work failed: the retry does it', async () => {
    const t = await testApp();
    const admin = await makePerson(t.db, 'district_admin');
    const create = (name: string) => t.app.request('/v1/towns', {
      method: 'POST', headers: { ...admin.auth, 'content-type': 'application/json', 'idempotency-key': 'dup-name' },
      body: JSON.stringify({ name }),
    });
    await makeTown(t.db, '横林镇');
    // The same name twice is refused by the database inside the work's batch: no claim is left.
    const refused = await create('横林镇');
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const rows = await t.db.select().from(idempotencyKeys);
    expect(rows.every((r) => r.statusCode !== 0)).toBe(true);
  });

  it('lets one of two concurrent requests with the same key do the work, and answers both with it', async () => {
    const t = await testApp();
    const town = await makeTown(t.db);
    const worker = await makePerson(t.db, 'worker', { townId: town.id });
    const ent = await makeEnterprise(t.db, await makeGrid(t.db, town.id, worker.id));
    const report = () => t.app.request('/v1/hazards', {
      method: 'POST', headers: { ...worker.auth, 'content-type': 'application/json', 'idempotency-key': 'twice' },
      body: JSON.stringify({ enterpriseId: ent.id, description: '配电箱无防护罩' }),
    });
    const [a, b] = await Promise.all([report(), report()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await a.json()).hazard.id).toBe((await b.json()).hazard.id);
    const [{ n }] = await t.db.select({ n: count() }).from(hazards);
    expect(n).toBe(1);
  });
});
