import { describe, it, expect, beforeAll } from 'vitest';
import { testApp } from './helpers/deps.js';
import { makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { get, insertHazard, post, reportVia, whistleDirect } from './helpers/hazards-fixtures.js';

type Page = { items: { id: number; code: string; overdue: boolean; overdueDays: number }[]; total: number; limit: number; offset: number };

describe('hazard lists and derived overdue', () => {
  let now = '2026-11-23T02:00:00Z';
  let t: Awaited<ReturnType<typeof testApp>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    t = await testApp({ clock: () => new Date(now) });
    w = await makeWorld(t.db);
  });
  const list = async (who: { auth: Record<string, string> }, qs: string): Promise<Page> => {
    const res = await get(t.app, `/v1/hazards?${qs}`, who);
    expect(res.status).toBe(200);
    return res.json();
  };
  const ids = (p: Page) => p.items.map((i) => i.id);

  it('overdue is derived from the clock: in the view and in the overdue filter', async () => {
    now = '2026-11-23T02:00:00Z';
    const ent = await makeEnterprise(t.db, w.gridA2);
    const h = await reportVia(t.app, w.workerA2, { enterpriseId: ent.id, description: '配电房堆放杂物', deadline: '2026-11-25' });
    expect(h).toMatchObject({ overdue: false, overdueDays: 0, deadlineDay: '2026-11-25' });
    expect(ids(await list(w.workerA2, 'overdue=true'))).not.toContain(h.id);

    now = '2026-11-25T15:59:59Z'; // 23:59:59 on the deadline day: not yet overdue
    expect((await (await get(t.app, `/v1/hazards/${h.id}`, w.workerA2)).json()).overdue).toBe(false);

    now = '2026-11-27T02:00:00Z';
    const view = await (await get(t.app, `/v1/hazards/${h.code}`, w.workerA2)).json();
    expect(view).toMatchObject({ overdue: true, overdueDays: 2, status: 'rectifying' });
    const overdue = await list(w.workerA2, 'overdue=true');
    expect(ids(overdue)).toContain(h.id);
    expect(overdue.items.find((i) => i.id === h.id)).toMatchObject({ overdue: true, overdueDays: 2 });
    expect(ids(await list(w.workerA2, 'overdue=false'))).not.toContain(h.id);

    // Closing it ends the overdue state; nothing stored has to be reset.
    await post(t.app, `/v1/hazards/${h.id}/rectify`, w.workerA2, { note: '已清理' });
    // Waiting for review is still open (SPEC §4): the deadline still counts.
    expect((await (await get(t.app, `/v1/hazards/${h.id}`, w.workerA2)).json()).overdue).toBe(true);
    await post(t.app, `/v1/hazards/${h.id}/review`, w.workerA2, { pass: true });
    expect((await (await get(t.app, `/v1/hazards/${h.id}`, w.workerA2)).json()).overdue).toBe(false);
    expect(ids(await list(w.workerA2, 'overdue=true'))).not.toContain(h.id);
    now = '2026-11-23T02:00:00Z';
  });

  it('filters: status, level, place, enterprise, department, dates, text; always within scope', async () => {
    const ent = await makeEnterprise(t.db, w.gridA1);
    const place = { id: ent.id, gridId: ent.gridId, townId: ent.townId };
    const a = await insertHazard(t.db, place, w.workerA1.id, { status: 'reported', level: 'major', description: '有限空间无通风设备', reportedAt: new Date('2026-11-01T03:00:00Z') });
    const b = await insertHazard(t.db, place, w.workerA1.id, { status: 'closed', description: '叉车年检过期', reportedAt: new Date('2026-11-10T15:59:00Z') });
    const c = await insertHazard(t.db, place, w.workerA1.id, { status: 'rectifying', description: '安全通道 50%_堵塞', reportedAt: new Date('2026-11-10T16:00:00Z') });
    await whistleDirect(t.db, c.id, w.fireDept.id, w.adminA.id);
    const e = `enterpriseId=${ent.id}`;

    expect(ids(await list(w.adminA, `${e}`)).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(ids(await list(w.adminA, `${e}&status=closed`))).toEqual([b.id]);
    expect(ids(await list(w.adminA, `${e}&status=open`)).sort()).toEqual([a.id, c.id].sort());
    expect(ids(await list(w.adminA, `${e}&level=major`))).toEqual([a.id]);
    expect(ids(await list(w.adminA, `${e}&departmentId=${w.fireDept.id}`))).toEqual([c.id]);
    // 2026-11-10T15:59Z is 23:59 on the 10th in Shanghai; 16:00Z is already the 11th.
    expect(ids(await list(w.adminA, `${e}&from=2026-11-10&to=2026-11-10`))).toEqual([b.id]);
    expect(ids(await list(w.adminA, `${e}&from=2026-11-11`))).toEqual([c.id]);
    expect(ids(await list(w.adminA, `${e}&to=2026-11-01`))).toEqual([a.id]);
    expect(ids(await list(w.adminA, `${e}&q=${encodeURIComponent('50%_')}`))).toEqual([c.id]);
    expect(ids(await list(w.adminA, `${e}&q=${encodeURIComponent('%')}`))).toEqual([c.id]);
    expect(ids(await list(w.adminA, `${e}&q=${a.code.toLowerCase()}`))).toEqual([a.id]);
    expect(ids(await list(w.adminA, `gridId=${w.gridA1.id}&townId=${w.townA.id}&${e}`)).length).toBe(3);
    expect((await list(w.adminA, `townId=${w.townB.id}`)).total).toBe(0);
    expect((await list(w.adminB, `${e}`)).total).toBe(0);
    expect(ids(await list(w.deptUser, `${e}`))).toEqual([c.id]);

    const first = await list(w.adminA, `${e}&limit=2&offset=0`);
    const second = await list(w.adminA, `${e}&limit=2&offset=2`);
    expect(first).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    // Newest first.
    expect([...ids(first), ...ids(second)]).toEqual([c.id, b.id, a.id]);
  });

  it('bad filters are 400', async () => {
    for (const qs of ['status=lost', 'overdue=maybe', 'from=2026-13-01', 'limit=0', 'limit=501', 'townId=abc', 'color=red']) {
      const res = await get(t.app, `/v1/hazards?${qs}`, w.district);
      expect(res.status, qs).toBe(400);
      expect((await res.json()).error.code).toBe('validation_failed');
    }
  });
});
