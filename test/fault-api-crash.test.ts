import { describe, it, expect, afterEach } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { hazards, idempotencyKeys } from '../db/schema/index.js';
import { makeEnterprise, makeGrid, makePerson, makeTown } from './helpers/fixtures.js';
import { freePort, spawnEntry, tempDir, type Child } from './helpers/child-process.js';

const REPORTS = 64;

// kill -9 of the real API process (entry/node.ts --only api on a libsql file) while 64 reports with
// an Idempotency-Key are in flight, then a restart and a retry of every request with its key:
// exactly one hazard per key, every retry answered with it, no 409 left behind.
describe('crash during API intake (kill -9, restart, retry with the same keys)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('gives every key exactly one hazard and answers every retry', async () => {
    const tmp = tempDir('api-crash');
    cleanups.push(tmp.remove);
    const url = `file:${tmp.dir}/gridsafe.db`;

    // The world, written before the API starts: a worker with four enterprises in their grid.
    const setup = await openDb(url);
    await migrateDb(setup.db);
    await bootstrapDb(setup.db, { districtName: '测试区', now: new Date() });
    const town = await makeTown(setup.db);
    const worker = await makePerson(setup.db, 'worker', { townId: town.id });
    const grid = await makeGrid(setup.db, town.id, worker.id);
    const ents: { id: number }[] = [];
    for (let i = 0; i < 4; i++) ents.push(await makeEnterprise(setup.db, grid));
    setup.close();

    const start = async (): Promise<{ child: Child; base: string }> => {
      const port = await freePort();
      const child = spawnEntry(['--only', 'api'], {
        DATABASE_URL: url, DATA_DIR: `${tmp.dir}/data`, PORT: String(port), HOST: '127.0.0.1', SCHEDULER: 'off',
      });
      cleanups.push(() => child.kill9());
      const [, base] = await child.waitFor(/gridsafe API: (http:\/\/\S+)/);
      return { child, base };
    };

    const bodyOf = (i: number) => JSON.stringify({
      enterpriseId: ents[i % ents.length].id, description: `第${i}号隐患：配电房${i}处堆放杂物`, force: true,
    });
    const post = (base: string, i: number) =>
      fetch(`${base}/v1/hazards`, {
        method: 'POST',
        headers: { ...worker.auth, 'content-type': 'application/json', 'idempotency-key': `crash-${i}` },
        body: bodyOf(i),
        signal: AbortSignal.timeout(20_000),
      });

    // First run: 32 reports at once; when the first answer is back, 32 more, and 20 ms later the
    // process dies: groups committed, responses being stored, reports queued, requests half read.
    const first = await start();
    expect((await fetch(`${first.base}/health`)).status).toBe(200);
    const answeredBefore = new Map<number, number>();
    const send = async (i: number) => {
      try {
        const res = await post(first.base, i);
        if (res.status === 201) answeredBefore.set(i, ((await res.json()) as { hazard: { id: number } }).hazard.id);
      } catch {
        // The connection died with the process (or was refused after it): no answer.
      }
    };
    let killed: Promise<void> | null = null;
    let secondWave: Promise<unknown> | null = null;
    await Promise.all(Array.from({ length: REPORTS / 2 }, async (_, i) => {
      await send(i);
      secondWave ??= Promise.all(Array.from({ length: REPORTS / 2 }, (_, j) => send(REPORTS / 2 + j)));
      killed ??= new Promise((r) => setTimeout(r, 20)).then(() => first.child.kill9());
    }));
    await secondWave;
    await killed;
    expect(answeredBefore.size).toBeLessThan(REPORTS);

    // What the crash left, for the failure message if the retry goes wrong.
    const peek = await openDb(url);
    const [{ before }] = await peek.db.select({ before: count() }).from(hazards);
    const [{ unanswered }] = await peek.db.select({ unanswered: count() }).from(idempotencyKeys).where(eq(idempotencyKeys.statusCode, 0));
    peek.close();
    const state = `hazards after crash: ${before}, answered: ${answeredBefore.size}, committed unanswered: ${unanswered}`;

    // Second run: every request again with its key, all at once.
    const second = await start();
    const retried = await Promise.all(Array.from({ length: REPORTS }, async (_, i) => {
      const res = await post(second.base, i);
      return { i, status: res.status, body: (await res.json()) as { hazard?: { id: number; description: string } } };
    }));
    for (const r of retried) {
      expect(r.status, `${state}; retry ${r.i}: ${JSON.stringify(r.body)}`).toBe(201);
      expect(r.body.hazard!.description).toBe(JSON.parse(bodyOf(r.i)).description);
      // A report answered before the crash is answered again with the same hazard.
      if (answeredBefore.has(r.i)) expect(r.body.hazard!.id).toBe(answeredBefore.get(r.i));
    }
    expect(new Set(retried.map((r) => r.body.hazard!.id)).size).toBe(REPORTS);

    // Once more: the stored answers, nothing new.
    const again = await Promise.all([0, REPORTS / 2, REPORTS - 1].map(async (i) => ({ i, res: await post(second.base, i) })));
    for (const { i, res } of again) {
      expect(res.status).toBe(201);
      expect(res.headers.get('idempotent-replayed')).toBe('true');
      expect(((await res.json()) as { hazard: { id: number } }).hazard.id).toBe(retried[i].body.hazard!.id);
    }
    await second.child.kill9();

    const check = await openDb(url);
    cleanups.push(check.close);
    const rows = await check.db.select({ id: hazards.id, description: hazards.description }).from(hazards);
    expect(rows, state).toHaveLength(REPORTS);
    expect(new Set(rows.map((r) => r.description)).size).toBe(REPORTS);
  }, 90_000);
});
