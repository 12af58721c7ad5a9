import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { asc, count, eq, like, sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp } from './helpers/deps.js';
import { makeEnterprise, makePerson, makeWorld } from './helpers/fixtures.js';
import { post } from './helpers/hazards-fixtures.js';
import { upload } from './helpers/org-request.js';
import { CSV, importOrgFixtures } from './helpers/imports-fixtures.js';
import { enterpriseCsv } from '../scripts/bench/import-csv.js';
import { enterprises, grids, hazards, idempotencyKeys, towns } from '../db/schema/index.js';
import type { GroupCommitWriter } from '../db/group-commit.js';

// On a database file every import here runs in the import thread (importThreadMinBytes: 0), the
// same code the event loop runs for an in-memory database: both must give the same answers and rows.
const PLACES = [['横林镇', '崔桥村网格'], ['遥观镇', '剑湖村网格']] as const;

type App = Awaited<ReturnType<typeof testApp>>;

/** What an import left in the database, without the ids (the two databases number rows differently). */
async function stored(t: App) {
  return t.db
    .select({
      name: enterprises.name, shortName: enterprises.shortName, creditCode: enterprises.creditCode, address: enterprises.address,
      class: enterprises.class, riskColor: enterprises.riskColor, contactName: enterprises.contactName, contactPhone: enterprises.contactPhone,
      registeredAt: enterprises.registeredAt, pinyin: enterprises.pinyin, grid: grids.name, town: towns.name,
    })
    .from(enterprises).innerJoin(grids, eq(grids.id, enterprises.gridId)).innerJoin(towns, eq(towns.id, enterprises.townId))
    .where(like(enterprises.name, '压测导入企业%')).orderBy(asc(enterprises.name));
}

describe('imports in the import thread', () => {
  let dir: string;
  let file: App;
  let memory: App;
  let fileAdmin: Awaited<ReturnType<typeof makePerson>>;
  let memoryAdmin: Awaited<ReturnType<typeof makePerson>>;
  const writer = () => file.writer as GroupCommitWriter;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gridsafe-import-thread-'));
    file = await testApp({ url: `file:${join(dir, 'test.db')}`, importThreadMinBytes: 0 });
    memory = await testApp();
    fileAdmin = await makePerson(file.db, 'district_admin');
    memoryAdmin = await makePerson(memory.db, 'district_admin');
    // Towns, people and grids go through the thread too on the file database.
    await importOrgFixtures(file.app, fileAdmin.auth);
    await importOrgFixtures(memory.app, memoryAdmin.auth);
  }, 120_000);
  afterAll(() => {
    file?.close();
    memory?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same answer and the same rows as the import on the event loop, and runs in the thread', async () => {
    const csv = enterpriseCsv(2_000, PLACES);
    const { exclusive, bulk } = writer().stats;
    const inThread = await upload(file.app, '/v1/imports/enterprises', fileAdmin.auth, CSV, csv);
    const inProcess = await upload(memory.app, '/v1/imports/enterprises', memoryAdmin.auth, CSV, csv);
    expect(inThread.status).toBe(200);
    expect(inThread.body).toEqual(inProcess.body);
    expect(inThread.body).toMatchObject({ created: 2_000, updated: 0 });
    // The write and each pinyin round held the main writer from the thread; the event loop's own
    // import path (its write through `bulk`) never ran.
    expect(writer().stats.exclusive).toBeGreaterThan(exclusive + 1);
    expect(writer().stats.bulk).toBe(bulk);
    const rows = await stored(file);
    expect(rows).toEqual(await stored(memory));
    expect(rows.every((r) => r.pinyin)).toBe(true);
    // A re-import updates in place, the same way in both.
    const again = await upload(file.app, '/v1/imports/enterprises', fileAdmin.auth, CSV, csv);
    expect(again.body).toEqual((await upload(memory.app, '/v1/imports/enterprises', memoryAdmin.auth, CSV, csv)).body);
    expect(again.body).toMatchObject({ created: 0, updated: 2_000 });
  }, 120_000);

  it('answers per-row errors from the thread exactly as in process, and writes nothing', async () => {
    const csv = enterpriseCsv(300, PLACES, 10_000).replace('遥观镇,剑湖村网格', '遥观镇,不存在的网格');
    const inThread = await upload(file.app, '/v1/imports/enterprises', fileAdmin.auth, CSV, csv);
    const inProcess = await upload(memory.app, '/v1/imports/enterprises', memoryAdmin.auth, CSV, csv);
    expect(inThread.status).toBe(400);
    expect(inThread.body).toEqual(inProcess.body);
    expect(inThread.body.error).toMatchObject({ code: 'validation_failed', details: { rows: [expect.objectContaining({ row: 3 })] } });
    expect((await file.db.select({ n: count() }).from(enterprises).where(like(enterprises.name, '压测导入企业100__有限公司')))[0].n).toBe(0);
  }, 60_000);

  it('keeps a town admin to their town inside the thread', async () => {
    const [heng] = await file.db.select().from(towns).where(eq(towns.name, '横林镇'));
    const townAdmin = await makePerson(file.db, 'town_admin', { townId: heng.id });
    const res = await upload(file.app, '/v1/imports/enterprises', townAdmin.auth, CSV, enterpriseCsv(4, PLACES, 20_000));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.rows.map((r: { row: number }) => r.row)).toEqual([3, 5]);
    const worker = await makePerson(file.db, 'worker');
    expect((await upload(file.app, '/v1/imports/enterprises', worker.auth, CSV, enterpriseCsv(4, PLACES, 20_000))).status).toBe(403);
  }, 60_000);

  it('commits an Idempotency-Key claim with the thread\'s write: a retry replays the answer and imports nothing twice', async () => {
    const csv = enterpriseCsv(500, PLACES, 30_000);
    const send = () => file.app.request('/v1/imports/enterprises', { method: 'POST', headers: { ...fileAdmin.auth, 'content-type': CSV, 'idempotency-key': 'thread-import-1' }, body: csv });
    const first = await send();
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body).toMatchObject({ created: 500 });
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(body);
    expect((await file.db.select({ n: count() }).from(enterprises).where(like(enterprises.name, '压测导入企业30___有限公司')))[0].n).toBe(500);
    const [claim] = await file.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'thread-import-1'));
    expect(claim.statusCode).toBe(200);
  }, 60_000);

  it('a write that fails in the thread answers 500 without internals, leaves nothing and no claim, and other writes go on', async () => {
    const w = await makeWorld(file.db);
    const ent = await makeEnterprise(file.db, w.gridA1);
    // The file's last enterprise cannot be inserted: the import's one transaction must roll back whole.
    await file.db.run(sql.raw(`create trigger fail_import before insert on enterprises when new.name = '压测导入企业40299有限公司'
      begin select raise(abort, 'injected failure'); end`));
    const csv = enterpriseCsv(300, PLACES, 40_000);
    const send = () => file.app.request('/v1/imports/enterprises', { method: 'POST', headers: { ...fileAdmin.auth, 'content-type': CSV, 'idempotency-key': 'thread-import-fail' }, body: csv });
    const importing = send();
    const report = post(file.app, '/v1/hazards', w.workerA1, { enterpriseId: ent.id, description: '配电箱未上锁' });
    const res = await importing;
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text).error.code).toBe('internal');
    expect(text).not.toMatch(/injected|trigger|insert|sqlite|at .*\.ts/i);
    expect((await report).status).toBe(201);
    expect(await file.db.select().from(hazards).where(eq(hazards.enterpriseId, ent.id))).toHaveLength(1);
    expect((await file.db.select({ n: count() }).from(enterprises).where(like(enterprises.name, '压测导入企业40___有限公司')))[0].n).toBe(0);
    expect(await file.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'thread-import-fail'))).toHaveLength(0);
    // The fault gone, the same request with the same key does the work once.
    await file.db.run(sql.raw('drop trigger fail_import'));
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ created: 300 });
  }, 60_000);
});

describe('an import thread that cannot start', () => {
  it('imports in process instead, once, and says so in the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridsafe-import-nothread-'));
    const { offThreadImport } = await import('../api/imports/thread/off-thread-import.js');
    const t = await testApp({ url: `file:${join(dir, 'test.db')}` });
    const logged: string[] = [];
    // A thread entry that throws while loading, as a missing loader or a broken install would.
    const broken = new URL('data:text/javascript,throw new Error("cannot load")');
    t.deps.importRunner = offThreadImport(`file:${join(dir, 'test.db')}`, t.writer as GroupCommitWriter, { minBytes: 0, entry: broken, log: (m) => logged.push(m) });
    try {
      const admin = await makePerson(t.db, 'district_admin');
      await importOrgFixtures(t.app, admin.auth);
      const res = await upload(t.app, '/v1/imports/enterprises', admin.auth, CSV, enterpriseCsv(50, PLACES));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 50 });
      expect((await t.db.select({ n: count() }).from(enterprises).where(like(enterprises.name, '压测导入企业%')))[0].n).toBe(50);
      expect(logged.length).toBeGreaterThan(0);
    } finally {
      t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
