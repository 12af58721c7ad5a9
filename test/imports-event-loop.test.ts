import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { count, eq, inArray, like, sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp } from './helpers/deps.js';
import { makeEnterprise, makePerson, makeWorld } from './helpers/fixtures.js';
import { post } from './helpers/hazards-fixtures.js';
import type { GroupCommitWriter } from '../db/group-commit.js';
import { upload } from './helpers/org-request.js';
import { CSV, importOrgFixtures } from './helpers/imports-fixtures.js';
import { enterpriseCsv } from '../scripts/bench/import-csv.js';
import { enterprises, hazards } from '../db/schema/index.js';
import { MAX_IMPORT_BYTES } from '../api/imports/upload-limit.js';
import { readTable } from '../api/imports/read-table.js';
import { parse } from 'csv-parse/sync';

// Slices are ~8 ms; seen up to ~90 ms with five test files running on the 2 shared cores, and once
// 406 ms with two whole suites running at once. The dry run before slicing stalled 2.2-3.1 s, so the
// bound catches that regression without failing on a busy machine; bench:mixed gives the real figure.
const STALL_BOUND_MS = 500;
const PLACES = [['横林镇', '崔桥村网格'], ['横林镇', '横林社区网格'], ['遥观镇', '剑湖村网格']] as const;

/** Runs `work` while a 1 ms ticker records the longest time the event loop went without running it. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 1);
  try {
    const result = await work();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { result, stallMs };
  } finally {
    clearInterval(tick);
  }
}

// Before the import yielded, a 50,000-row file held the event loop for 0.7-3 s in one stretch.
// Parsing and validating now run in slices of a few ms; the bounds leave room for a shared,
// loaded machine (2 cores, several test runs) and for GC, and still catch one unsliced pass.
describe('a 50,000-row import leaves the event loop free', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let district: Awaited<ReturnType<typeof makePerson>>;
  const csv = enterpriseCsv(50_000, PLACES);
  beforeAll(async () => {
    t = await testApp();
    district = await makePerson(t.db, 'district_admin');
    await importOrgFixtures(t.app, district.auth);
  });

  it(`checks 50,000 rows (dry run) without a stall over ${STALL_BOUND_MS} ms`, async () => {
    const { result, stallMs } = await longestStall(() => upload(t.app, '/v1/imports/enterprises?dryRun=true', district.auth, CSV, csv));
    expect(result.body).toMatchObject({ dryRun: true, created: 50_000 });
    console.log(`dry run of 50,000 rows: longest stall ${stallMs.toFixed(0)} ms`);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);

  it('reports per-row errors of a large file without a long stall, and writes nothing', async () => {
    const broken = csv.replace('压测导入企业49999有限公司,导入49999,', '压测导入企业49999有限公司,导入49999,BAD');
    const { result, stallMs } = await longestStall(() => upload(t.app, '/v1/imports/enterprises', district.auth, CSV, broken));
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('validation_failed');
    expect(result.body.error.details.rows).toEqual([expect.objectContaining({ row: 50_001, column: '统一社会信用代码' })]);
    expect((await t.db.select({ n: count() }).from(enterprises))[0].n).toBe(0);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);

  // The write stays ONE atomic batch, which a local libsql database runs synchronously: its stall
  // (0.2-1.1 s for 50,000 rows on the shared test machine) is logged, not bounded; BENCHMARKS.md.
  it('imports 50,000 rows all at once after checking them in slices', async () => {
    const { result, stallMs } = await longestStall(() => upload(t.app, '/v1/imports/enterprises', district.auth, CSV, csv));
    expect(result.body).toMatchObject({ dryRun: false, created: 50_000 });
    expect((await t.db.select({ n: count() }).from(enterprises))[0].n).toBe(50_000);
    console.log(`import of 50,000 rows (write included): longest stall ${stallMs.toFixed(0)} ms`);
  }, 60_000);

  it('refuses a file over the upload limit with a Chinese message and a stable code', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x41);
    for (const type of [CSV, 'application/vnd.ms-excel']) {
      const res = await upload(t.app, '/v1/imports/enterprises', district.auth, type, big);
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('导入文件不能超过 16 MB'), details: { maxRows: 50_000 } });
    }
  }, 30_000);
});

// On a database file (as `npm start` runs) the whole import (reading, checking, writing) runs in a
// worker thread on its own connection (api/imports/thread/), and the group-commit writer holds
// other writes back while the thread writes. With only the write off-thread this stalled 38-56 ms
// on a quiet machine and up to ~210 ms at load 3.7 on the 2 shared cores; on the main thread the
// write alone stalled 0.85-2.6 s. The bound catches the work back on the main thread;
// `stats.exclusive` below checks that the thread wrote at all. The real figure comes from
// bench:mixed (BENCHMARKS.md).
const WRITE_STALL_BOUND_MS = 500;

describe('a 50,000-row import into a database file, write included, leaves the event loop free', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let district: Awaited<ReturnType<typeof makePerson>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  let dir: string;
  const csv = enterpriseCsv(50_000, PLACES);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gridsafe-import-'));
    t = await testApp({ url: `file:${join(dir, 'test.db')}` });
    district = await makePerson(t.db, 'district_admin');
    w = await makeWorld(t.db);
    await importOrgFixtures(t.app, district.auth);
  }, 60_000);
  afterAll(() => {
    t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const writer = () => t.writer as GroupCommitWriter;

  it(`imports 50,000 rows without a stall over ${WRITE_STALL_BOUND_MS} ms while hazard reports keep coming in`, async () => {
    // One enterprise per report: the duplicate guard would ask before taking a second similar one.
    const ents: { id: number }[] = [];
    for (let i = 0; i < 80; i++) ents.push(await makeEnterprise(t.db, w.gridA1));
    const before = writer().stats.exclusive;
    const reports: { during: boolean; res: Response | Promise<Response> }[] = [];
    let pending = true;
    const { result, stallMs } = await longestStall(async () => {
      const importing = upload(t.app, '/v1/imports/enterprises', district.auth, CSV, csv).finally(() => (pending = false));
      // A report every 40 ms for as long as the import runs: some land while its write is in the thread.
      while (pending && reports.length < ents.length) {
        // Once the thread has asked to write, the writes held back meanwhile must still all commit.
        const during = writer().stats.exclusive > before;
        // The last 20 enterprises are kept for the write itself: on a loaded machine the checking
        // alone can outlast 60 reports 40 ms apart (seen: 15 s at load 10), and then none lands in the write.
        if (!during && reports.length >= ents.length - 20) {
          await new Promise((r) => setTimeout(r, 10));
          continue;
        }
        reports.push({ during, res: post(t.app, '/v1/hazards', w.workerA1, { enterpriseId: ents[reports.length].id, description: '配电箱未上锁' }) });
        await new Promise((r) => setTimeout(r, 40));
      }
      return importing;
    });
    console.log(`import of 50,000 rows into a file (in the import thread): longest stall ${stallMs.toFixed(0)} ms, ${reports.length} reports meanwhile`);
    expect(result.body).toMatchObject({ dryRun: false, created: 50_000 });
    expect(writer().stats.exclusive).toBeGreaterThan(before);
    expect(reports.some((r) => r.during)).toBe(true);
    const statuses = await Promise.all(reports.map(async (r) => (await r.res).status));
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(await t.db.select().from(hazards).where(inArray(hazards.enterpriseId, ents.map((e) => e.id)))).toHaveLength(reports.length);
    expect((await t.db.select({ n: count() }).from(enterprises).where(like(enterprises.name, '压测导入企业%')))[0].n).toBe(50_000);
    expect(stallMs).toBeLessThan(WRITE_STALL_BOUND_MS);
  }, 120_000);

  it('a bulk write that fails in the thread leaves nothing, and the writes held back meanwhile still commit', async () => {
    const ent = await makeEnterprise(t.db, w.gridA1);
    const failing = writer().bulk([
      t.db.run(sql`update enterprises set industry = '失败的导入' where name like '压测导入企业%'`),
      // The second statement fails (the id is taken): the first must not stay behind.
      t.db.run(sql`insert into enterprises (id, name) values (${ent.id}, '重复')`),
    ]);
    const held = t.writer.batch([t.db.update(enterprises).set({ industry: '并发写入' }).where(eq(enterprises.id, ent.id))]);
    await expect(failing).rejects.toThrow();
    await held;
    expect((await t.db.select({ n: count() }).from(enterprises).where(eq(enterprises.industry, '失败的导入')))[0].n).toBe(0);
    expect((await t.db.select({ industry: enterprises.industry }).from(enterprises).where(eq(enterprises.id, ent.id)))[0].industry).toBe('并发写入');
  }, 60_000);
});

describe('CSV read in slices', () => {
  it('gives the same rows and line numbers as parsing the whole file at once', async () => {
    // Quoted cells with line breaks, doubled quotes and commas, across many slice boundaries.
    const lines = ['企业名称,地址,备注'];
    for (let i = 0; i < 8000; i++) {
      lines.push(i % 7 === 0 ? `企业${i},"多行地址${i}\n第二行 ""引号"", 逗号",备注${i}` : `企业${i},地址${i},`);
      if (i % 11 === 0) lines.push('');
    }
    const text = lines.join('\n');
    const whole = (parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[])
      .map((r) => ({ line: r.info.lines, cells: r.record }));
    const sliced = await readTable(new TextEncoder().encode(text), CSV);
    expect(text.length).toBeGreaterThan(3 * 32_000);
    expect(sliced.rows).toEqual(whole);
    expect(sliced.rows.at(-1)!.line).toBe(text.split('\n').length);
  });
});
