import { describe, it, expect } from 'vitest';
import { count } from 'drizzle-orm';
import { attachments } from '../db/schema/index.js';
import { testApp } from './helpers/deps.js';
import { makePerson } from './helpers/fixtures.js';

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
