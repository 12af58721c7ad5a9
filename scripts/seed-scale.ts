// City-scale dataset (SPEC §9: Nanjing's size at --scale 1) written straight into a fresh database file.
//   tsx scripts/seed-scale.ts [--scale 1|0.1|0.01] [--out data/city.db] [--seed N] [--now ISO] [--drop-indexes]
import { rmSync, statSync, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { loadPolicy } from '../api/patrols/policy.js';
import { createRng } from './seed/random.js';
import { BulkInsert } from './seed/bulk-insert.js';
import { writeOrg } from './seed/org.js';
import { EnterpriseLife, type CheckItemRow, type Writers } from './seed/enterprise-life.js';
import { backfillPatrolDueAt } from '../api/patrols/due-at.js';

export type SeedScaleOptions = {
  scale: number;
  out: string;
  seed: number;
  /** "Now" the data is generated around (due patrols, open hazards); defaults to the real now. */
  now?: Date;
  progress?: boolean;
  /** Drop the bulk tables' indexes during the load and recreate them (same SQL) afterwards. */
  dropIndexes?: boolean;
  log?: (line: string) => void;
};
export type SeedScaleResult = { counts: Record<string, number>; elapsedMs: number; bytes: number };

const FULL = { towns: 100, grids: 16_000, enterprises: 400_000, hazards: 2_000_000 };
const BULK_TABLES = ['enterprises', 'patrols', 'hazards', 'hazard_events', 'hazard_departments'];

const COLUMNS = {
  people: ['id', 'name', 'phone', 'role', 'town_id', 'department_id', 'preferred_platform', 'active', 'created_at'],
  departments: ['id', 'name', 'keywords', 'created_at'],
  towns: ['id', 'district_id', 'name', 'created_at'],
  grids: ['id', 'town_id', 'name', 'village', 'worker_id', 'created_at'],
  enterprises: ['id', 'name', 'short_name', 'aliases', 'credit_code', 'address', 'grid_id', 'town_id', 'class', 'industry', 'risk_color',
    'contact_name', 'contact_phone', 'lat', 'lng', 'registered_at', 'last_patrol_at', 'created_at'],
  patrols: ['id', 'enterprise_id', 'grid_id', 'town_id', 'worker_id', 'patrolled_at', 'result', 'note', 'lat', 'lng', 'checklist',
    'source_platform', 'source_message_id', 'created_at'],
  hazards: ['id', 'code', 'enterprise_id', 'grid_id', 'town_id', 'reporter_id', 'patrol_id', 'source_platform', 'source_message_id',
    'description', 'check_item_id', 'level', 'status', 'deadline_at', 'responsible', 'duplicate_of_id', 'lat', 'lng', 'reported_at',
    'closed_at', 'updated_at'],
  hazard_events: ['id', 'hazard_id', 'action', 'from_status', 'to_status', 'actor_id', 'at', 'note', 'data', 'channel'],
  hazard_departments: ['hazard_id', 'department_id', 'whistled_at', 'whistled_by', 'acknowledged_at', 'acknowledged_by'],
} as const;

export async function seedScale(opts: SeedScaleOptions): Promise<SeedScaleResult> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const now = (opts.now ?? new Date()).getTime();
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(opts.out + suffix, { force: true });
  const { db, client, close } = await openDb(`file:${opts.out}`);
  try {
    await migrateDb(db);
    await bootstrapDb(db, { districtName: '金陵新区', now: new Date(now) });
    const policy = await loadPolicy(db);
    const checkItems = (await client.execute('SELECT id, code, category, major_by_default FROM check_items')).rows.map(
      (r): CheckItemRow => ({ id: Number(r.id), code: String(r.code), category: String(r.category), majorByDefault: Boolean(r.major_by_default) }),
    );
    // A fresh file that nobody else reads yet: no journal and no fsync until the load is done.
    await client.executeMultiple('PRAGMA foreign_keys=OFF; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;');
    const indexes = opts.dropIndexes ? await dropIndexes(client) : [];

    const towns = Math.max(2, Math.round(FULL.towns * Math.sqrt(opts.scale)));
    const grids = Math.max(towns, Math.round(FULL.grids * opts.scale));
    const enterprises = Math.max(grids, Math.round(FULL.enterprises * opts.scale));
    const bars = progressBars(opts.progress ?? false, { enterprises, patrols: enterprises * 3.3, hazards: FULL.hazards * opts.scale, events: FULL.hazards * opts.scale * 3.4 });
    // One transaction for the whole load: with the journal off, the commit is just the final page writes.
    const tx = await client.transaction('write');
    const writer = (table: keyof typeof COLUMNS, bar?: string) => new BulkInsert(tx, table, COLUMNS[table], (n) => bars.tick(bar ?? table, n));
    const org = { departments: writer('departments'), towns: writer('towns'), grids: writer('grids'), people: writer('people') };
    const rng = createRng(opts.seed);
    const built = await writeOrg(rng, org, { towns, grids }, now);
    for (const w of Object.values(org)) await w.flush();

    const w: Writers = {
      enterprises: writer('enterprises'), patrols: writer('patrols'), hazards: writer('hazards'),
      events: writer('hazard_events', 'events'), hazardDepartments: writer('hazard_departments'),
    };
    const life = new EnterpriseLife(rng, built, policy, checkItems, now, FULL.hazards / FULL.enterprises, w);
    for (let i = 0; i < enterprises; i++) await life.write(i + 1, Math.floor((i * grids) / enterprises));
    for (const x of Object.values(w)) await x.flush();
    const counters = new BulkInsert(tx, 'hazard_code_counters', ['day', 'seq']);
    for (const [day, seq] of life.codeCounters) if (counters.add([day, seq])) await counters.flush();
    await counters.flush();
    await tx.commit();
    bars.stop();

    if (indexes.length > 0) await timed(log, '重建索引 recreate indexes', () => client.executeMultiple(indexes.join(';\n')));
    // After the indexes are back: each patrol's due day seeks its predecessor in patrols_enterprise_time_idx.
    await timed(log, '巡查应巡日 patrol due days', () => db.run(backfillPatrolDueAt));
    await timed(log, 'ANALYZE', () => client.execute('ANALYZE'));
    await client.executeMultiple('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;');
    const counts = {
      towns, grids, people: built.people, departments: built.departmentUserIds.length, enterprises,
      patrols: life.ids.patrol, hazards: life.ids.hazard, hazard_events: life.ids.event,
      hazard_departments: w.hazardDepartments.count, hazard_code_counters: life.codeCounters.size,
    };
    return { counts, elapsedMs: Date.now() - started, bytes: statSync(opts.out).size };
  } finally {
    close();
  }
}

/** Drops the bulk tables' indexes and returns their CREATE statements exactly as the migration made them. */
async function dropIndexes(client: import('@libsql/client').Client): Promise<string[]> {
  const rows = (await client.execute(`SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map((t) => `'${t}'`).join(',')})`)).rows;
  for (const r of rows) await client.execute(`DROP INDEX "${String(r.name)}"`);
  return rows.map((r) => String(r.sql));
}

async function timed(log: (line: string) => void, label: string, fn: () => Promise<unknown>) {
  const t = Date.now();
  await fn();
  log(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

function progressBars(enabled: boolean, estimates: Record<string, number>) {
  if (!enabled) return { tick: (_bar: string, _n: number) => {}, stop: () => {} };
  const multi = new cliProgress.MultiBar(
    { format: '{table} [{bar}] {value}/{total} ({eta_formatted})', hideCursor: true, clearOnComplete: false, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  // Totals of generated tables are estimates until the end: grow them if exceeded, settle them at stop.
  const bars = new Map(Object.entries(estimates).map(([t, total]) => [t, { bar: multi.create(Math.round(total), 0, { table: t.padEnd(12) }), done: 0 }]));
  return {
    tick(name: string, n: number) {
      const b = bars.get(name);
      if (!b) return;
      b.done += n;
      if (b.done > b.bar.getTotal()) b.bar.setTotal(b.done);
      b.bar.update(b.done);
    },
    stop: () => {
      for (const b of bars.values()) b.bar.setTotal(b.done);
      multi.stop();
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' }, out: { type: 'string', default: 'data/city.db' }, seed: { type: 'string', default: '1' },
      now: { type: 'string' }, 'drop-indexes': { type: 'boolean', default: false },
    },
  });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale 应在 (0, 1] 之间');
  console.log(`生成城市规模数据 scale=${scale} seed=${values.seed} → ${values.out}${existsSync(values.out) ? '（覆盖）' : ''}`);
  const r = await seedScale({ scale, out: values.out, seed: Number(values.seed), now: values.now ? new Date(values.now) : undefined, progress: process.stdout.isTTY, dropIndexes: values['drop-indexes'], log: console.log });
  for (const [table, n] of Object.entries(r.counts)) console.log(`  ${table.padEnd(22)} ${n.toLocaleString('en-US')}`);
  console.log(`完成 done: ${(r.elapsedMs / 1000).toFixed(1)} s, ${(r.bytes / 1024 / 1024).toFixed(0)} MB`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error('生成失败:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
