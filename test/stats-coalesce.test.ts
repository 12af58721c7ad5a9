import { describe, it, expect } from 'vitest';
import { coalesce } from '../api/stats/coalesce.js';
import { testApp } from './helpers/deps.js';
import { makeStatsWorld } from './helpers/stats-world.js';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};
const turn = () => new Promise((r) => setImmediate(r));

describe('coalescing identical statistics', () => {
  it('shares one computation between callers that arrive before it starts', async () => {
    const db = {};
    let runs = 0;
    const compute = async () => ++runs;
    const answers = await Promise.all([coalesce(db, 'k', compute), coalesce(db, 'k', compute), coalesce(db, 'k', compute)]);
    expect(answers).toEqual([1, 1, 1]);
    expect(runs).toBe(1);
  });

  it('never hands a caller a computation that was already running when it arrived', async () => {
    const db = {};
    const first = deferred<string>();
    const events: string[] = [];
    const a = coalesce(db, 'k', () => { events.push('start a'); return first.promise; });
    await turn();
    expect(events).toEqual(['start a']);
    // b and c arrive while a runs: they share a new computation, started only once a is done.
    const b = coalesce(db, 'k', async () => { events.push('start b'); return 'b'; });
    const c = coalesce(db, 'k', async () => { events.push('start c'); return 'c'; });
    await turn();
    expect(events).toEqual(['start a']);
    first.resolve('a');
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'b']);
    expect(events).toEqual(['start a', 'start b']);
  });

  it('keeps databases and keys apart, and does not remember answers or errors', async () => {
    const db1 = {};
    const db2 = {};
    const [x, y, z] = await Promise.all([
      coalesce(db1, 'k', async () => 'db1'), coalesce(db2, 'k', async () => 'db2'), coalesce(db1, 'other', async () => 'other'),
    ]);
    expect([x, y, z]).toEqual(['db1', 'db2', 'other']);

    const failing = coalesce(db1, 'k', async () => { throw new Error('boom'); });
    const joined = coalesce(db1, 'k', async () => 'unused');
    await expect(failing).rejects.toThrow('boom');
    await expect(joined).rejects.toThrow('boom');
    expect(await coalesce(db1, 'k', async () => 'fresh')).toBe('fresh');
  });

  it('serves concurrent district summaries the same figures, and a later one the new writes', async () => {
    const t = await testApp();
    const w = await makeStatsWorld(t.db);
    const get = async () => (await t.app.request('/v1/stats/summary', { headers: w.district.auth })).json();
    const together = await Promise.all([get(), get(), get()]);
    expect(together[1]).toEqual(together[0]);
    expect(together[2]).toEqual(together[0]);

    const res = await t.app.request('/v1/hazards', {
      method: 'POST', headers: { ...w.w1.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ enterpriseId: w.e1.id, description: '仓库门口堆放纸箱', force: true }),
    });
    expect(res.status).toBe(201);
    // Same minute, same scope: still a fresh computation, so the report counts.
    const after = await get();
    expect(after.hazards.found).toBe(together[0].hazards.found + 1);
    expect(after.hazards.open).toBe(together[0].hazards.open + 1);
  });
});
