// The daily reminder run at city scale (SPEC §9), against the floor of reading the same tables.
//   npm run bench:jobs [-- --db data/city.db --db data/city-0.1.db --db data/city-0.01.db] [--now <ISO>]
// Each database is copied first (the run writes the outbox); make the smaller sets with
//   tsx scripts/seed-scale.ts --scale 0.1 --out data/city-0.1.db   (and 0.01)
// Run with --expose-gc (the npm script does) so memory is measured from a collected heap.
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb, type DbHandle } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { defaultJobsConfig } from '../jobs/config.js';
import { schedules } from '../jobs/schedules.js';
import { lastFiringToday } from '../jobs/cron.js';
import { dbOutbox } from '../jobs/outbox/enqueue.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import type { OutboxSender } from '../jobs/outbox/senders.js';
import { atShanghaiTime, shanghaiStamp } from '../jobs/shanghai-window.js';

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Runs fn while sampling RSS; returns its wall time, its CPU time (libsql runs SQLite on this
 * thread, so CPU time counts the database work too and is steadier than wall time on a shared
 * machine) and the peak RSS above the level before it.
 */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; peakMb: number }> {
  gc?.();
  const base = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, ms, cpuMs: (used.user + used.system) / 1000, peakMb: (peak - base) / 1048576 };
}

const PAGE = 50_000;

/**
 * The floor: every enterprise and hazard row, with the columns the jobs read, fetched and touched
 * once in JavaScript (keyset pages, so the floor itself stays in bounded memory).
 */
async function scanFloor(h: DbHandle): Promise<number> {
  let rows = 0;
  let checksum = 0;
  const tables = [
    ['enterprises', 'id, name, short_name, grid_id, town_id, class, risk_color, registered_at, last_patrol_at'],
    ['hazards', 'id, code, enterprise_id, grid_id, town_id, reporter_id, level, status, deadline_at, reported_at, closed_at, updated_at'],
  ];
  for (const [table, cols] of tables) {
    for (let after = 0; ; ) {
      const page = await h.client.execute({ sql: `select ${cols} from ${table} where id > ? order by id limit ${PAGE}`, args: [after] });
      if (!page.rows.length) break;
      for (const r of page.rows) checksum += Number(r.grid_id) + (r.status === 'closed' ? 1 : 0);
      rows += page.rows.length;
      after = Number(page.rows[page.rows.length - 1].id);
    }
  }
  return rows + (checksum < 0 ? 1 : 0);
}

/**
 * The SQL floor: one pass of SQLite over both tables touching the same columns, without moving
 * rows into JavaScript — what any query that reads every row must pay at least.
 */
async function sqlFloor(h: DbHandle): Promise<number> {
  const e = await h.client.execute(`select count(*) as n, sum(grid_id + town_id + registered_at % 7 + coalesce(last_patrol_at, 0) % 7
    + length(class) + length(risk_color) + length(coalesce(short_name, name))) as s from enterprises`);
  const hz = await h.client.execute(`select count(*) as n, sum(grid_id + town_id + enterprise_id + coalesce(deadline_at, 0) % 7
    + reported_at % 7 + coalesce(closed_at, 0) % 7 + length(status) + length(level) + length(code)) as s from hazards`);
  return Number(e.rows[0].n) + Number(hz.rows[0].n);
}

/** A sender that accepts everything and does nothing: the drain's own cost, not the network's. */
const drySender: OutboxSender = {
  platform: 'dingtalk',
  send: async () => ({ ok: true }),
  sendBatch: async (userIds) => ({ sent: userIds, retryable: [], failed: [] }),
};

function copyDb(src: string, dir: string): string {
  const dst = join(dir, 'bench.db');
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(src + suffix)) copyFileSync(src + suffix, dst + suffix);
  return dst;
}

async function benchOne(path: string, now: Date) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-jobs-'));
  try {
    const copy = copyDb(path, dir);
    const h = await openDb(`file:${copy}`);
    // A database seeded before the latest migrations (e.g. the stats_daily rollup) is brought up to
    // date first, as the app does at start; the migration time is not part of any job's figure.
    await migrateDb(h.db);
    const count = async (q: string) => Number((await h.client.execute(q)).rows[0].n);
    const size = {
      enterprises: await count('select count(*) as n from enterprises'),
      hazards: await count('select count(*) as n from hazards'),
      workers: await count(`select count(*) as n from people where role = 'worker'`),
    };
    // Setup, untimed: everyone gets a DingTalk identity so the drain has somewhere to send.
    await h.db.run(sql`insert or ignore into chat_identities (person_id, platform, external_id, created_at)
      select id, 'dingtalk', 'bench-' || id, ${+now} from people`);
    await scanFloor(h); // warm the page cache for both contenders
    const floor = await measure(() => scanFloor(h));
    const sqlScan = await measure(() => sqlFloor(h));
    const due = schedules.filter((s) => lastFiringToday(s.cron, now));
    const perJob: string[] = [];
    const run = await measure(async () => {
      let planned = 0;
      for (const s of due) {
        const t = performance.now();
        const r = await s.run({ db: h.db, now, config: defaultJobsConfig, outbox: dbOutbox(h.db) });
        perJob.push(`${s.name} ${Math.round(performance.now() - t)} ms/${r.planned.length}`);
        planned += r.planned.length;
      }
      return planned;
    });
    const drain = await measure(async () => {
      let sent = 0;
      for (;;) {
        const r = await drainOutbox({ db: h.db, senders: { dingtalk: drySender }, now });
        if (!r.sent && !r.failed && !r.retried) return sent;
        sent += r.sent;
      }
    });
    // The weekly and monthly reports run on Mondays and the 1st only; timed here as of this morning.
    const reports: string[] = [];
    for (const s of schedules.filter((x) => !due.includes(x))) {
      const r = await measure(() => s.run({ db: h.db, now, config: defaultJobsConfig, outbox: dbOutbox(h.db) }));
      reports.push(`${s.name} ${r.ms.toFixed(0)} ms/${r.value.planned.length}, peak +${r.peakMb.toFixed(0)} MB`);
    }
    h.close();
    return { path, bytes: statSync(path).size, size, floor, sqlScan, run, drain, perJob, reports };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({ options: { db: { type: 'string', multiple: true }, now: { type: 'string' } } });
  const dbs = values.db?.length ? values.db : ['data/city.db', 'data/city-0.1.db', 'data/city-0.01.db'].filter(existsSync);
  if (!dbs.length) throw new Error('没有数据库：先运行 tsx scripts/seed-scale.ts（见文件开头说明）');
  const now = values.now ? new Date(values.now) : atShanghaiTime(new Date(), 8, 30);
  console.log(`每日提醒任务基准  now=${shanghaiStamp(now)}（北京时间）  gc=${gc ? 'on' : 'off（加 --expose-gc 更准确）'}  node ${process.version}  ` +
    `${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const rows = [];
  for (const db of dbs) {
    const r = await benchOne(db, now);
    rows.push(r);
    console.log(`\n${db} (${(r.bytes / 1048576).toFixed(0)} MB): ${r.size.enterprises.toLocaleString('en-US')} enterprises, ` +
      `${r.size.hazards.toLocaleString('en-US')} hazards, ${r.size.workers.toLocaleString('en-US')} workers`);
    console.log(`  load now ${loadavg()[0].toFixed(1)}`);
    console.log(`  floor (scan enterprises + hazards into JS): ${r.floor.ms.toFixed(0)} ms (cpu ${r.floor.cpuMs.toFixed(0)}), ${r.floor.value.toLocaleString('en-US')} rows, peak +${r.floor.peakMb.toFixed(0)} MB`);
    console.log(`  SQL floor (one aggregate pass over the same columns): ${r.sqlScan.ms.toFixed(0)} ms (cpu ${r.sqlScan.cpuMs.toFixed(0)})`);
    console.log(`  daily run (${r.perJob.join('; ')}): ${r.run.ms.toFixed(0)} ms (cpu ${r.run.cpuMs.toFixed(0)}), ${r.run.value.toLocaleString('en-US')} messages, peak +${r.run.peakMb.toFixed(0)} MB`);
    console.log(`  drain (dry DingTalk sender, batchSend of 20): ${r.drain.ms.toFixed(0)} ms (cpu ${r.drain.cpuMs.toFixed(0)}), ${r.drain.value.toLocaleString('en-US')} sent, peak +${r.drain.peakMb.toFixed(0)} MB`);
    console.log(`  other jobs (${r.reports.join('; ')})`);
    console.log(`  ratio daily run / floor: ${(r.run.ms / r.floor.ms).toFixed(2)}×   daily run / SQL floor: ${(r.run.ms / r.sqlScan.ms).toFixed(2)}×   (CPU time: ${(r.run.cpuMs / r.floor.cpuMs).toFixed(2)}× / ${(r.run.cpuMs / r.sqlScan.cpuMs).toFixed(2)}×)`);
  }
  console.log('\n| dataset | enterprises | hazards | workers | scan floor ms | SQL floor ms | daily run ms (cpu) | run/scan | run/SQL | messages | run peak RSS | drain ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.path} | ${r.size.enterprises} | ${r.size.hazards} | ${r.size.workers} | ${r.floor.ms.toFixed(0)} | ${r.sqlScan.ms.toFixed(0)} | ${r.run.ms.toFixed(0)} (${r.run.cpuMs.toFixed(0)}) | ` +
      `${(r.run.ms / r.floor.ms).toFixed(2)}× | ${(r.run.ms / r.sqlScan.ms).toFixed(2)}× | ${r.run.value} | +${r.run.peakMb.toFixed(0)} MB | ${r.drain.ms.toFixed(0)} |`);
  }
}

main().catch((e) => {
  console.error('基准失败:', e instanceof Error ? e.message : e);
  process.exit(1);
});
