import { describe, it, expect, beforeAll } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { testApp, TEST_NOW } from './helpers/deps.js';
import { makeWorld, ctxFor } from './helpers/fixtures.js';
import { attachments, hazardDepartments, hazards, patrols } from '../db/schema/index.js';
import { storePhoto } from '../api/files/store-photo.js';
import { sha256Hex } from '../lib/hash.js';

// A real 1×1 PNG and the first bytes of a JPEG / GIF / WebP.
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);
const GIF = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
const WEBP = Uint8Array.from([...new TextEncoder().encode('RIFF'), 4, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]);

describe('photos', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp();
    w = await makeWorld(t.db);
  });
  const post = (auth: Record<string, string>, body: Uint8Array | string, type: string) =>
    t.app.request('/v1/photos', { method: 'POST', headers: { ...auth, 'content-type': type }, body: body as BodyInit });
  const get = (auth: Record<string, string>, id: number) => t.app.request(`/v1/photos/${id}`, { headers: auth });
  const attachmentCount = async () => (await t.db.select({ n: count() }).from(attachments))[0].n;

  it('stores an uploaded photo unattached with hash, size, type and server receipt time', async () => {
    const res = await post(w.workerA1.auth, PNG, 'image/png');
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ sha256: sha256Hex(PNG), size: PNG.byteLength, mime: 'image/png', receivedAt: TEST_NOW });
    const row = await t.db.select().from(attachments).where(eq(attachments.id, body.id)).get();
    expect(row).toMatchObject({ uploaderId: w.workerA1.id, hazardId: null, patrolId: null, sourcePlatform: 'api' });
    const back = await get(w.workerA1.auth, body.id);
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(PNG);
  });

  it('trusts the bytes over the declared type and accepts JPEG, GIF and WebP', async () => {
    const ctx = await ctxFor(t.deps, w.workerA2.id, 'wechat');
    for (const [bytes, mime] of [[JPEG, 'image/jpeg'], [GIF, 'image/gif'], [WEBP, 'image/webp']] as const) {
      const stored = await storePhoto(ctx, { bytes, mime: 'image/png', sourcePlatform: 'wechat', sourceRef: 'msg-1' });
      expect(stored.mime).toBe(mime);
    }
  });

  it('rejects non-images, empty bodies and photos over 10 MB, storing nothing', async () => {
    const before = await attachmentCount();
    const html = await post(w.workerA1.auth, '<html><script>alert(1)</script></html>', 'image/png');
    expect(html.status).toBe(415);
    expect((await html.json()).error.message).toMatch(/JPEG/);
    expect((await post(w.workerA1.auth, PNG, 'text/plain')).status).toBe(415);
    expect((await post(w.workerA1.auth, new Uint8Array(), 'image/jpeg')).status).toBe(400);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(JPEG);
    const tooBig = await post(w.workerA1.auth, big, 'image/jpeg');
    expect(tooBig.status).toBe(413);
    expect(await attachmentCount()).toBe(before);
  });

  it('a claimed photo is visible within the hazard\'s scope only', async () => {
    const { id } = await (await post(w.workerA1.auth, JPEG, 'image/jpeg')).json();
    const [h] = await t.db.insert(hazards).values({
      code: 'YH20261123-9001', enterpriseId: w.entA1.id, gridId: w.gridA1.id, townId: w.townA.id, reporterId: w.workerA1.id,
      description: '消防通道堵塞', level: 'general', status: 'reported', reportedAt: new Date(TEST_NOW), updatedAt: new Date(TEST_NOW),
    }).returning();
    await t.db.update(attachments).set({ hazardId: h.id }).where(eq(attachments.id, id));
    expect((await get(w.adminA.auth, id)).status).toBe(200);
    expect((await get(w.district.auth, id)).status).toBe(200);
    for (const outsider of [w.workerA2, w.workerB1, w.adminB, w.deptUser]) expect((await get(outsider.auth, id)).status).toBe(404);
    // Whistled to the department: now it may see the evidence.
    await t.db.insert(hazardDepartments).values({ hazardId: h.id, departmentId: w.fireDept.id, whistledAt: new Date(TEST_NOW), whistledBy: w.adminA.id });
    expect((await get(w.deptUser.auth, id)).status).toBe(200);
  });

  it('a patrol photo is visible within the patrol\'s scope; unclaimed photos only to the uploader', async () => {
    const { id } = await (await post(w.workerB1.auth, GIF, 'image/gif')).json();
    expect((await get(w.adminB.auth, id)).status).toBe(404);
    const [p] = await t.db.insert(patrols).values({
      enterpriseId: w.entB1.id, gridId: w.gridB1.id, townId: w.townB.id, workerId: w.workerB1.id,
      patrolledAt: new Date(TEST_NOW), result: 'normal', createdAt: new Date(TEST_NOW),
    }).returning();
    await t.db.update(attachments).set({ patrolId: p.id }).where(eq(attachments.id, id));
    expect((await get(w.adminB.auth, id)).status).toBe(200);
    for (const outsider of [w.adminA, w.workerA1, w.deptUser]) expect((await get(outsider.auth, id)).status).toBe(404);
    expect((await get(w.district.auth, 999_999)).status).toBe(404);
  });
});
