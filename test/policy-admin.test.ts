import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { makePerson, makeTown } from './helpers/fixtures.js';
import { loadPolicy } from '../api/patrols/policy.js';

type T = Awaited<ReturnType<typeof testApp>>;
type P = Awaited<ReturnType<typeof makePerson>>;

describe('policy and checklist administration', () => {
  let t: T;
  let district: P, townAdmin: P, worker: P;
  beforeAll(async () => {
    t = await testApp();
    const town = await makeTown(t.db);
    district = await makePerson(t.db, 'district_admin');
    townAdmin = await makePerson(t.db, 'town_admin', { townId: town.id });
    worker = await makePerson(t.db, 'worker', { townId: town.id });
  });
  const send = (method: string, path: string, who: P, body?: unknown) =>
    t.app.request(path, { method, headers: { ...who.auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  describe('patrol policy', () => {
    it('shows the SPEC §3 defaults to anyone signed in', async () => {
      const res = await send('GET', '/v1/policy', worker);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ byClass: { key: 30, above: 60, below: 90 }, colorCap: { red: 7, orange: 14 } });
    });

    it('lets the district set intervals and caps, and remove a cap', async () => {
      const res = await send('PUT', '/v1/policy', district, { byClass: { key: 20 }, colorCap: { yellow: 45, orange: null } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ byClass: { key: 20, above: 60, below: 90 }, colorCap: { red: 7, yellow: 45 } });
      await send('PUT', '/v1/policy', district, { byClass: { key: 30 }, colorCap: { yellow: null, orange: 14 } });
      expect(await loadPolicy(t.db)).toEqual({ byClass: { key: 30, above: 60, below: 90 }, colorCap: { red: 7, orange: 14 } });
    });

    it.each([
      ['zero days', { byClass: { key: 0 } }],
      ['over a year', { colorCap: { red: 366 } }],
      ['a fraction', { byClass: { key: 7.5 } }],
      ['an unknown class', { byClass: { huge: 10 } }],
      ['an unknown field', { intervals: {} }],
      ['nothing to change', {}],
    ])('rejects %s and changes nothing', async (_n, body) => {
      const before = await loadPolicy(t.db);
      const res = await send('PUT', '/v1/policy', district, body);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('validation_failed');
      expect(await loadPolicy(t.db)).toEqual(before);
    });

    it.each(['townAdmin', 'worker'] as const)('refuses a %s', async (who) => {
      const before = await loadPolicy(t.db);
      const res = await send('PUT', '/v1/policy', who === 'worker' ? worker : townAdmin, { byClass: { key: 5 } });
      expect(res.status).toBe(403);
      expect(await loadPolicy(t.db)).toEqual(before);
    });
  });

  describe('check items', () => {
    it('lists the default checklist in order for everyone', async () => {
      const res = await send('GET', '/v1/check-items', worker);
      const { items } = await res.json();
      expect(items.length).toBeGreaterThan(5);
      expect(items.map((i: { sort: number }) => i.sort)).toEqual([...items.map((i: { sort: number }) => i.sort)].sort((a, b) => a - b));
      expect(items.every((i: { active: boolean }) => i.active)).toBe(true);
    });

    it('lets the district add, edit and retire an item', async () => {
      const created = await send('POST', '/v1/check-items', district, { code: 'LIFT-CERT', category: '特种设备', title: '叉车、电梯持证使用', keywords: ['叉车', '电梯'] });
      expect(created.status).toBe(201);
      const item = await created.json();
      expect(item).toMatchObject({ code: 'LIFT-CERT', majorByDefault: false, active: true });
      const dup = await send('POST', '/v1/check-items', district, { code: 'LIFT-CERT', category: '特种设备', title: '重复' });
      expect(dup.status).toBe(409);

      const edited = await send('PATCH', `/v1/check-items/${item.id}`, district, { majorByDefault: true, title: '叉车、电梯等特种设备持证使用' });
      expect(await edited.json()).toMatchObject({ majorByDefault: true, title: '叉车、电梯等特种设备持证使用', code: 'LIFT-CERT' });

      await send('PATCH', `/v1/check-items/${item.id}`, district, { active: false });
      const visible = (await (await send('GET', '/v1/check-items', worker)).json()).items;
      expect(visible.some((i: { id: number }) => i.id === item.id)).toBe(false);
      const all = (await (await send('GET', '/v1/check-items?includeInactive=true', district)).json()).items;
      expect(all.find((i: { id: number }) => i.id === item.id)).toMatchObject({ active: false });
    });

    it('rejects bad items and non-district editors', async () => {
      expect((await send('POST', '/v1/check-items', district, { code: '带空格 的编号', category: 'x', title: 'y' })).status).toBe(400);
      expect((await send('POST', '/v1/check-items', district, { code: 'X1', category: 'x' })).status).toBe(400);
      expect((await send('POST', '/v1/check-items', townAdmin, { code: 'X2', category: 'x', title: 'y' })).status).toBe(403);
      expect((await send('PATCH', '/v1/check-items/999999', district, { title: 'y' })).status).toBe(404);
      const first = (await (await send('GET', '/v1/check-items', worker)).json()).items[0];
      expect((await send('PATCH', `/v1/check-items/${first.id}`, district, {})).status).toBe(400);
      expect((await send('PATCH', `/v1/check-items/${first.id}`, district, { code: 'NEW' })).status).toBe(400);
      expect((await send('PATCH', `/v1/check-items/${first.id}`, worker, { title: '改名' })).status).toBe(403);
      const after = (await (await send('GET', '/v1/check-items', worker)).json()).items[0];
      expect(after).toEqual(first);
    });
  });
});
