// tsx scripts/bench/import-stall.ts [--city data/city.db] [--rows 50000] [--runs 2]
// The import's work on the main thread, alone: a dry run (parse, validation, reference lookups,
// plan building; nothing is written) of bench:mixed's enterprise file as the first district admin,
// with a 1 ms ticker recording the event loop's longest stall, and the main thread's CPU time.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb } from '../../db/client.js';
import { dbWriter } from '../../api/core/write.js';
import { nullNotifier } from '../../api/core/notifier.js';
import { memoryFileStore } from '../../api/core/file-store.js';
import { loadActor } from '../../api/core/actor.js';
import { systemClock } from '../../lib/clock.js';
import { runImport } from '../../api/imports/run-import.js';
import { enterpriseCsv } from './import-csv.js';

const { values } = parseArgs({ options: { city: { type: 'string', default: 'data/city.db' }, rows: { type: 'string', default: '50000' }, runs: { type: 'string', default: '2' } } });

async function main() {
  const { db, close } = await openDb(`file:${values.city}`);
  const [admin] = await db.all<{ id: number }>(sql`select id from people where role = 'district_admin' and active = 1 order by id limit 1`);
  const ctx = { db, writer: dbWriter(db), clock: systemClock, notifier: nullNotifier, files: memoryFileStore(), actor: (await loadActor(db, admin.id))!, channel: 'api' as const };
  const places = (await db.all<{ t: string; g: string }>(sql`select t.name as t, g.name as g from grids g join towns t on t.id = g.town_id order by g.id limit 400`))
    .map((r) => [r.t, r.g] as const);
  const bytes = new TextEncoder().encode(enterpriseCsv(Number(values.rows), places));
  for (let k = 0; k < Number(values.runs); k++) {
    let last = performance.now();
    const stalls: number[] = [];
    const tick = setInterval(() => {
      const now = performance.now();
      stalls.push(now - last);
      last = now;
    }, 1);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await runImport(ctx, { kind: 'enterprises', bytes, contentType: 'text/csv', dryRun: true });
    const cpu = process.cpuUsage(cpu0);
    clearInterval(tick);
    const long = stalls.filter((s) => s > 20).sort((a, b) => b - a);
    console.log(`dry run of ${r.created} rows: ${(performance.now() - t0).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU; longest stall ${Math.max(...stalls).toFixed(0)} ms, ${long.length} stalls over 20 ms [${long.slice(0, 8).map((s) => s.toFixed(0)).join(', ')}]`);
  }
  close();
}

main().catch((e) => {
  console.error('import-stall 失败：', e);
  process.exit(1);
});
