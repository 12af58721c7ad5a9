// npm run bench:mixed — one server (API + chat inbox in one event loop, like `npm start`) on the
// city database under reports, chat messages, dashboards and one large import AT ONCE; prints the
// event loop's maximum delay (perf_hooks.monitorEventLoopDelay in the server), each kind's p95 and
// the report rate against a same-run baseline phase that sends reports only.
//   tsx scripts/bench-mixed.ts [--city data/city.db] [--duration 15] [--import-rows 50000] [--cpu-prof DIR]
// --cpu-prof writes the server's V8 CPU profile and its event-loop stalls (gaps.json) into DIR:
//   tsx scripts/bench/long-tasks.ts DIR/CPU.*.cpuprofile --gaps DIR/gaps.json
// The city file is used in place; everything the bench writes is deleted again at the end.
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { chatIdentities } from '../db/schema/index.js';
import { runLoad, type LoadRequest, type LoadResult } from './bench/load.js';
import { startBenchProcess } from './bench/child-server.js';
import { benchDescription, benchReporters, benchToken, dropBenchTokens, reportRequest } from './bench/report-load.js';
import { enterpriseCsv } from './bench/import-csv.js';
import type { ChatBenchMessage } from './bench/mixed-server.js';

const { values } = parseArgs({
  options: {
    city: { type: 'string', default: 'data/city.db' }, duration: { type: 'string', default: '15' },
    'import-rows': { type: 'string', default: '50000' }, reporters: { type: 'string', default: '16' },
    chat: { type: 'string', default: '8' }, stats: { type: 'string', default: '4' }, 'cpu-prof': { type: 'string' },
  },
});
const durationMs = Number(values.duration) * 1000;
const importRows = Number(values['import-rows']);
const C = { reports: Number(values.reporters), chat: Number(values.chat), stats: Number(values.stats), dashboards: 2 };
// Reports go as fast as the server takes them (closed loop: the intake figure). Everything else is
// paced like people: a chat sender waits for the reply and types the next message, supervisors
// refresh their dashboards. Unpaced, 4 dashboards alone take most of the one core and the intake
// ratio would only say how the core was shared.
const THINK_MS: Record<keyof typeof C, number> = { reports: 0, chat: 100, stats: 100, dashboards: 250 };
const SERVER = fileURLToPath(new URL('./bench/mixed-server.ts', import.meta.url));
const CHAT_SENDERS = 400;
const IMPORT_NAME = '压测导入企业';


type Loop = { maxMs: number; p99Ms: number; meanMs: number; cpuMs: number; errors: number };
type Phase = { loop: Loop; kinds: Record<string, LoadResult>; importMs?: number; importStatus?: number };

async function main() {
  if (!existsSync(values.city!)) throw new Error(`找不到城市规模数据库 ${values.city}：先运行 npm run seed:scale -- --scale 1 --out ${values.city}`);
  console.log(`机器 machine: ${cpus().length} CPU (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const handle = await openDb(`file:${values.city}`);
  await migrateDb(handle.db);
  const counts = (await handle.db.all<{ e: number; h: number }>(sql`select (select count(*) from enterprises) as e, (select count(*) from hazards) as h`))[0];
  console.log(`数据库 database: ${values.city} (${counts.e} enterprises, ${counts.h} hazards); ${durationMs / 1000} s per phase; concurrency reports ${C.reports} (closed loop), chat ${C.chat}, district 统计 ${C.stats}, dashboards ${C.dashboards} (pauses ${THINK_MS.chat}/${THINK_MS.stats}/${THINK_MS.dashboards} ms); import ${importRows} rows`);

  const maxHazard = (await handle.db.all<{ m: number }>(sql`select max(id) as m from hazards`))[0].m;
  const maxMessage = (await handle.db.all<{ m: number | null }>(sql`select max(id) as m from received_messages`))[0].m ?? 0;
  const reporters = await benchReporters(handle.db, 2000);
  const district = (await benchToken(handle.db, 'district_admin')).token;
  const town = await benchToken(handle.db, 'town_admin');
  // Chat senders: the last workers (the API reporters are the first), each with their grid's enterprises.
  const senders = await handle.db.all<{ worker_id: number; names: string }>(sql`
    select g.worker_id, group_concat(e.name, '|') as names from grids g join enterprises e on e.grid_id = g.id
    where g.worker_id is not null group by g.worker_id order by g.worker_id desc limit ${CHAT_SENDERS}`);
  for (const s of senders) {
    await handle.db.insert(chatIdentities).values({ personId: s.worker_id, platform: 'dingtalk', externalId: `benchmixed${s.worker_id}`, createdAt: new Date() });
  }
  const places = (await handle.db.all<{ t: string; g: string }>(sql`select t.name as t, g.name as g from grids g join towns t on t.id = g.town_id order by g.id limit 400`))
    .map((r) => [r.t, r.g] as const);
  const csv = enterpriseCsv(importRows, places);

    if (values['cpu-prof']) process.env.BENCH_GAPS_FILE = `${values['cpu-prof']}/gaps.json`;
  const server = await startBenchProcess(SERVER, [values.city!], values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []);
  const loop = async (reset: boolean) => (await (await fetch(`${server.url}/__bench/loop${reset ? '?reset=1' : ''}`)).json()) as Loop;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  let reportSeq = 0;
  let chatSeq = 0;
  const kinds = {
    reports: (): LoadRequest => reportRequest(reporters, reportSeq++),
    chat: (): LoadRequest => {
      const i = chatSeq++;
      const s = senders[i % senders.length];
      const names = s.names.split('|');
      const round = Math.floor(i / senders.length);
      const c = Math.floor(round / names.length);
      const body: ChatBenchMessage = { staffId: `benchmixed${s.worker_id}`, messageId: `benchmixed-${Date.now()}-${i}`,
        // Place and problem, as a worker types it; varied per enterprise so the duplicate guard lets it through.
        text: `上报 ${names[round % names.length]} ${benchDescription(c, false)}` };
      return { method: 'POST', path: '/__bench/chat', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    },
    stats: (): LoadRequest => ({ path: '/v1/stats/summary', headers: auth(district) }),
    dashboards: (() => {
      let k = 0;
      const paths = ['/v1/stats/summary', '/v1/stats/overdue', '/v1/stats/major', `/v1/stats/summary?period=${encodeURIComponent('今年')}`];
      return (): LoadRequest => ({ path: paths[k++ % paths.length], headers: auth(k % 2 ? town.token : district) });
    })(),
  };

  const phase = async (label: string, which: (keyof typeof kinds)[], withImport: boolean, paced = true): Promise<Phase> => {
    await loop(true);
    const started = performance.now();
    const imported = withImport
      ? fetch(`${server.url}/v1/imports/enterprises`, { method: 'POST', headers: { ...auth(district), 'content-type': 'text/csv; charset=utf-8' }, body: csv })
          .then(async (r) => ({ status: r.status, ms: performance.now() - started, body: await r.text() }))
      : undefined;
    const results = await Promise.all(which.map((k) => runLoad({ url: server.url, concurrency: C[k], durationMs, next: kinds[k], thinkMs: paced ? THINK_MS[k] : 0 })));
    const imp = await imported;
    const l = await loop(true);
    const out: Phase = { loop: l, kinds: Object.fromEntries(which.map((k, i) => [k, results[i]])), importMs: imp?.ms, importStatus: imp?.status };
    console.log(`\n[${label}] event loop max delay ${l.maxMs.toFixed(1)} ms, p99 ${l.p99Ms.toFixed(1)} ms, mean ${l.meanMs.toFixed(2)} ms; server CPU ${(l.cpuMs / 1000).toFixed(1)} s; load average ${loadavg()[0].toFixed(1)}`);
    for (const [k, r] of Object.entries(out.kinds)) {
      console.log(`  ${k.padEnd(10)} ${r.rps.toFixed(0).padStart(5)} /s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  max ${r.max.toFixed(0)} ms  (${r.ok}/${r.requests} ok${r.failed ? `; statuses ${JSON.stringify(r.statuses)}; e.g. ${r.sampleError?.slice(0, 160)}` : ''})`);
    }
    if (imp) console.log(`  import     ${importRows} rows → ${imp.status} in ${imp.ms.toFixed(0)} ms ${imp.status === 200 ? imp.body : imp.body.slice(0, 200)}`);
    return out;
  };

  try {
    // Warm-up: JIT, page cache, connections.
    await Promise.all((['reports', 'chat', 'stats', 'dashboards'] as const).map((k) => runLoad({ url: server.url, concurrency: C[k], count: 200, next: kinds[k] })));
    // The 统计 target is read here: 4 district requests at once, back to back (closed loop).
    const statsOnly = await phase('district 统计 only, closed loop', ['stats'], false, false);
    const baseline = await phase('baseline: reports only', ['reports'], false);
    const mixed = await phase('mixed: reports + chat + 统计 + dashboards', ['reports', 'chat', 'stats', 'dashboards'], false);
    const withImport = await phase(`mixed + one ${importRows}-row import`, ['reports', 'chat', 'stats', 'dashboards'], true);

    console.log('\n结果 summary (same run):');
    console.log(`  event loop max delay: reports only ${baseline.loop.maxMs.toFixed(1)} ms; mixed ${mixed.loop.maxMs.toFixed(1)} ms; mixed + import ${withImport.loop.maxMs.toFixed(1)} ms (target ≤ 50 ms)`);
    console.log(`  district 统计 p95: alone ${statsOnly.kinds.stats.p95.toFixed(1)} ms; mixed ${mixed.kinds.stats.p95.toFixed(1)} ms; mixed + import ${withImport.kinds.stats.p95.toFixed(1)} ms (target ≤ 20 ms, ${C.stats} concurrent)`);
    console.log(`  report intake ÷ reports-only baseline: mixed ${(mixed.kinds.reports.rps / baseline.kinds.reports.rps).toFixed(2)}, mixed + import ${(withImport.kinds.reports.rps / baseline.kinds.reports.rps).toFixed(2)}; intake incl. chat ÷ baseline: mixed ${((mixed.kinds.reports.rps + mixed.kinds.chat.rps) / baseline.kinds.reports.rps).toFixed(2)}, mixed + import ${((withImport.kinds.reports.rps + withImport.kinds.chat.rps) / baseline.kinds.reports.rps).toFixed(2)}`);
    console.log(`  server errors logged: ${withImport.loop.errors}; load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  } finally {
    await server.stop();
    // Everything this run wrote goes again (the triggers keep the rollups exact on the way out).
    await handle.client.execute(`delete from hazard_departments where hazard_id > ${maxHazard}`);
    await handle.client.execute(`delete from hazard_events where hazard_id > ${maxHazard}`);
    await handle.client.execute(`delete from attachments where hazard_id > ${maxHazard}`).catch(() => undefined);
    await handle.client.execute(`delete from hazards where id > ${maxHazard}`);
    // The import's contact columns made each imported enterprise a safety contact (people.enterprise_id).
    await handle.client.execute(`delete from people where role = 'enterprise' and enterprise_id in (select id from enterprises where name like '${IMPORT_NAME}%')`);
    await handle.client.execute(`delete from enterprises where name like '${IMPORT_NAME}%'`);
    await handle.client.execute(`delete from received_messages where id > ${maxMessage}`).catch((e) => console.error('cleanup', e.message));
    await handle.client.execute(`delete from chat_identities where external_id like 'benchmixed%'`);
    await dropBenchTokens(handle.db);
    handle.close();
  }
}

main().catch((e) => {
  console.error('bench:mixed 失败：', e);
  process.exit(1);
});
