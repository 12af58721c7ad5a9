// npm run bench:api — SPEC §9 intake and query figures, as ratios measured in ONE run on this machine.
//   tsx scripts/bench-api.ts [--city data/city.db] [--duration 10] [--concurrency 32] [--scale 0.01]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { seedScale } from './seed-scale.js';
import { runLoad, fmtLoad, type LoadResult } from './bench/load.js';
import { rawInsertRate } from './bench/raw-insert.js';
import { startBenchServer } from './bench/child-server.js';
import type { BenchServerConfig } from './bench/server.js';
import { benchReporters, benchToken, dropBenchTokens, reportRequest } from './bench/report-load.js';
import { verbLoad } from './bench/verb-load.js';

const { values } = parseArgs({
  options: {
    city: { type: 'string', default: 'data/city.db' }, duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' }, scale: { type: 'string', default: '0.01' },
  },
});
const durationMs = Number(values.duration) * 1000;
const concurrency = Number(values.concurrency);

async function withServer<T>(config: BenchServerConfig, fn: (url: string) => Promise<T>): Promise<T> {
  const server = await startBenchServer(config);
  try {
    return await fn(server.url);
  } finally {
    await server.stop();
  }
}

async function writerStats(url: string) {
  return (await (await fetch(`${url}/__bench/writer`)).json()) as { group: { commits: number; batches: number; retriedAlone: number } | null; errors: number; cpuMs: number };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gridsafe-bench-'));
  const dbPath = join(dir, 'bench.db');
  console.log(`机器 machine: ${cpus().length} CPU (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
  console.log(`参数 settings: duration ${durationMs / 1000}s per phase, concurrency ${concurrency}, seeded org scale ${values.scale}`);

  const seeded = await seedScale({ scale: Number(values.scale), out: dbPath, seed: 1 });
  console.log(`seeded bench db: ${seeded.counts.enterprises} enterprises, ${seeded.counts.hazards} hazards, ${seeded.counts.grids} grids`);
  const handle = await openDb(`file:${dbPath}`);
  // Every worker reports on their own grid's enterprises, as a whole district would.
  const reporters = await benchReporters(handle.db, 100_000);
  // Each report phase starts from the seeded state: the reports of the phase before are deleted
  // (their stats triggers run too), so no phase meets the open hazards another phase left behind.
  const seededMaxId = Number((await handle.client.execute('SELECT max(id) AS m FROM hazards')).rows[0].m);
  const resetReports = async () => {
    await handle.client.execute(`DELETE FROM hazard_events WHERE hazard_id > ${seededMaxId}`);
    await handle.client.execute(`DELETE FROM hazards WHERE id > ${seededMaxId}`);
  };

  const bare = await withServer({ kind: 'bare' }, (url) =>
    runLoad({ url, concurrency, durationMs, warmup: 2000, next: () => ({ path: '/ping' }) }));
  console.log(`(a) bare route          ${fmtLoad(bare)}`);

  // Same file, same table (hazards with all its indexes and the stats_daily triggers), same settings
  // as production. Measured a second time with the triggers dropped: that baseline is faster, so
  // the ratios against it are the stricter ones, and the ones this bench's target is read against.
  const [ent] = (await handle.client.execute('SELECT id, grid_id, town_id FROM enterprises LIMIT 1')).rows;
  const rawInsert = async (tag: string) => {
    const r = await rawInsertRate({
      client: handle.client, durationMs, warmup: 500,
      sql: `INSERT INTO hazards (code, enterprise_id, grid_id, town_id, reporter_id, description, level, status, reported_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, 'general', 'reported', ?, ?)`,
      args: (i) => [`RAW${tag}-${i}`, ent.id, ent.grid_id, ent.town_id, 1, '基准插入', Date.now(), Date.now()],
    });
    await handle.client.execute(`DELETE FROM hazards WHERE code LIKE 'RAW${tag}-%'`);
    return r;
  };
  const raw = await rawInsert('T');
  console.log(`(b) raw single-row insert ${raw.rate.toFixed(0)} rows/s  p50 ${raw.p50.toFixed(3)} ms  p99 ${raw.p99.toFixed(3)} ms; CPU ${raw.cpuMsPerRow.toFixed(3)} ms/row`);
  const triggers = (await handle.client.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'hazards'")).rows;
  for (const t of triggers) await handle.client.execute(`DROP TRIGGER "${String(t.name)}"`);
  const rawBare = await rawInsert('B'); // deleted again before the triggers return, so the rollup stays exact
  for (const t of triggers) await handle.client.execute(String(t.sql));
  console.log(`(b) … without the ${triggers.length} stats triggers ${rawBare.rate.toFixed(0)} rows/s  p50 ${rawBare.p50.toFixed(3)} ms; CPU ${rawBare.cpuMsPerRow.toFixed(3)} ms/row`);

  // The report verb alone, in this process: what the HTTP stack costs on top of intake itself.
  // Its reports use request numbers the HTTP phases never reach, so none is a duplicate of another.
  const verb = await verbLoad(handle.db, reporters, { concurrency, durationMs, first: 1_000_000 });
  console.log(`(b') report verb in-process, ${concurrency} callers: ${verb.rate.toFixed(0)} reports/s (${verb.failed} refused); CPU ${verb.cpuMsPerReport.toFixed(3)} ms/report`);
  await resetReports();

  const reports: Record<string, LoadResult & { commits?: number; cpuMsPerRequest: number }> = {};
  const variants: [string, BenchServerConfig][] = [
    ['direct writer', { kind: 'app', dbPath, writer: 'direct' }],
    ['group commit', { kind: 'app', dbPath, writer: 'group' }],
  ];
  let offset = 0;
  for (const [label, config] of variants) {
    const r = await withServer(config, async (url) => {
      const warm = offset;
      await runLoad({ url, concurrency, count: 500, next: (i) => reportRequest(reporters, warm + i) });
      const before = await writerStats(url);
      const base = offset + 500;
      const res = await runLoad({ url, concurrency, durationMs, next: (i) => reportRequest(reporters, base + i) });
      offset = base + res.requests;
      const after = await writerStats(url);
      const commits = after.group && before.group ? after.group.commits - before.group.commits : undefined;
      return { ...res, commits, cpuMsPerRequest: (after.cpuMs - before.cpuMs) / res.requests };
    });
    reports[label] = r;
    await resetReports();
    const perCommit = r.commits ? `, ${(r.requests / r.commits).toFixed(1)} reports/commit` : '';
    console.log(`(c) POST /v1/hazards ${label.padEnd(22)} ${fmtLoad(r)}${perCommit}; server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/report`);
  }
  await dropBenchTokens(handle.db);
  handle.close();

  const cityPath = values.city && existsSync(values.city) ? values.city : dbPath;
  const stats = await statsPhase(cityPath === dbPath ? null : cityPath, dbPath);

  console.log('\n比值 ratios (same run):');
  for (const [label, base] of [['raw insert', raw], ['raw insert without triggers', rawBare]] as const) {
    console.log(`  report verb in-process ÷ ${label} = ${(verb.rate / base.rate).toFixed(2)}; by CPU per report: ${(base.cpuMsPerRow / verb.cpuMsPerReport).toFixed(2)}`);
    for (const [variant, r] of Object.entries(reports)) {
      console.log(`  report (${variant}) ÷ ${label} = ${(r.rps / base.rate).toFixed(2)}; by CPU per request: ${(base.cpuMsPerRow / r.cpuMsPerRequest).toFixed(3)}`);
    }
  }
  for (const [label, r] of Object.entries(stats)) {
    console.log(`  stats ${label} ÷ bare route = ${(r.rps / bare.rps).toPrecision(2)}; latency p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
  }
  rmSync(dir, { recursive: true, force: true });
}

/** GET /v1/stats/summary on the city database (district-wide and one town) with a few concurrent supervisors. */
async function statsPhase(cityPath: string | null, fallback: string) {
  const path = cityPath ?? fallback;
  const handle = await openDb(`file:${path}`);
  // The city file may predate the latest migrations; the app would apply them at start too.
  await migrateDb(handle.db);
  const district = (await benchToken(handle.db, 'district_admin')).token;
  const town = (await benchToken(handle.db, 'town_admin')).token;
  const out: Record<string, LoadResult> = {};
  try {
    await withServer({ kind: 'app', dbPath: path, writer: 'direct' }, async (url) => {
      for (const [label, token] of [['district', district], ['town', town]] as const) {
        const r = await runLoad({
          url, concurrency: 4, durationMs, warmup: 4,
          next: () => ({ path: '/v1/stats/summary', headers: { authorization: `Bearer ${token}` } }),
        });
        out[label] = r;
        console.log(`(d) GET /v1/stats/summary ${label.padEnd(8)} on ${cityPath ? 'city' : 'small'} db  ${fmtLoad(r)}`);
      }
    });
  } finally {
    await dropBenchTokens(handle.db);
    handle.close();
  }
  return out;
}

main().catch((e) => {
  console.error('基准测试失败 bench failed:', e);
  process.exit(1);
});
