// npm run bench:web — server time of the pages against the API's stats call, in ONE run, in process.
//   tsx scripts/bench-web.ts [--city data/city.db] [--scale 0.01] [--n 100]
// Without the city file it seeds a small city (--scale) into a temporary database.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { dbWriter } from '../api/core/write.js';
import { nullNotifier } from '../api/core/notifier.js';
import { memoryFileStore } from '../api/core/file-store.js';
import { systemClock } from '../lib/clock.js';
import { createApp } from '../api/app.js';
import { seedScale } from './seed-scale.js';
import { benchToken, dropBenchTokens } from './bench/report-load.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { exchangeTicket } from '../web/auth/sessions.js';
import { APP_CSS } from '../web/assets/css.js';
import { chartMemo } from '../web/charts/memo.js';
import { reportHazard } from '../api/hazards/report.js';
import { loadActor } from '../api/core/actor.js';

const { values } = parseArgs({ options: { city: { type: 'string', default: 'data/city.db' }, scale: { type: 'string', default: '0.01' }, n: { type: 'string', default: '100' } } });
const N = Number(values.n);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  let dir: string | null = null;
  let path = values.city!;
  if (!existsSync(path)) {
    dir = mkdtempSync(join(tmpdir(), 'gridsafe-bench-web-'));
    path = join(dir, 'bench.db');
    const seeded = await seedScale({ scale: Number(values.scale), out: path, seed: 1 });
    console.log(`无 ${values.city}，已生成 scale ${values.scale}: ${seeded.counts.enterprises} 家企业、${seeded.counts.hazards} 条隐患`);
  }
  console.log(`机器 machine: ${cpus().length} CPU, node ${process.version}; database ${path}; ${N} sequential requests each`);
  const handle = await openDb(`file:${path}`);
  await migrateDb(handle.db);
  await bootstrapDb(handle.db, { districtName: '示范区', now: systemClock() });
  const deps = { db: handle.db, writer: dbWriter(handle.db), clock: systemClock, notifier: nullNotifier, files: memoryFileStore() };
  const app = createApp(deps);
  const benchStarted = new Date();
  try {
    const admin = await benchToken(handle.db, 'town_admin');
    const session = await exchangeTicket(deps, (await issueLoginTicket(deps, admin.personId, new Date())).ticket, new Date());
    const cookie = `gs_session=${session.token}`;
    const [h] = await handle.db.all<{ code: string }>(sql`select h.code from hazards h join people p on p.id = ${admin.personId}
      where h.town_id = p.town_id and h.status in ('rectifying', 'review') order by h.id desc limit 1`);
    // A worker of the admin's town reports between dashboard views (untimed): the weekly figures
    // change, so that chart is drawn anew; the bench's hazards are deleted at the end.
    const [rep] = await handle.db.all<{ worker: number; ent: number }>(sql`select g.worker_id as worker, e.id as ent from grids g
      join people p on p.id = ${admin.personId} join enterprises e on e.grid_id = g.id where g.town_id = p.town_id and g.worker_id is not null limit 1`);
    const reporter = { ...deps, actor: (await loadActor(handle.db, rep.worker))!, channel: 'api' as const };
    let reports = 0;
    const report = async () => {
      await reportHazard(reporter, { enterpriseId: rep.ent, description: `压测页面${reports++}号：东侧围墙破损${reports}处`, force: true });
    };
    const cases: { name: string; path: string; headers: Record<string, string>; before?: () => unknown }[] = [
      { name: 'GET /v1/stats/summary (API baseline)', path: '/v1/stats/summary', headers: { authorization: `Bearer ${admin.token}` } },
      { name: '总览 /app/dashboard', path: '/app/dashboard', headers: { cookie } },
      { name: '总览, a new report before each view', path: '/app/dashboard', headers: { cookie }, before: report },
      { name: '总览, no chart kept (all 3 drawn)', path: '/app/dashboard', headers: { cookie }, before: chartMemo.clear },
      { name: `隐患 /app/hazards/${h?.code}`, path: `/app/hazards/${h?.code}`, headers: { cookie } },
      { name: '我的任务 /app', path: '/app', headers: { cookie } },
      { name: '上报 /app/report', path: '/app/report', headers: { cookie } },
    ];
    // CPU time per request beside the wall time: on the shared 2-core machine the wall time mostly
    // says how long the process waited for a core; the CPU time is what the request cost.
    const results: { name: string; p50: number; p95: number; cpu50: number; cpu95: number; bytes: number }[] = [];
    for (const c of cases) {
      const times: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let i = 0; i < N + 5; i++) {
        await c.before?.();
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const res = await app.request(c.path, { headers: c.headers });
        const body = await res.text();
        const ms = performance.now() - t0;
        const used = process.cpuUsage(c0);
        if (res.status !== 200) throw new Error(`${c.path} → ${res.status}: ${body.slice(0, 200)}`);
        bytes = Buffer.byteLength(body);
        if (i >= 5) {
          times.push(ms);
          cpu.push((used.user + used.system) / 1000);
        }
      }
      results.push({ name: c.name, p50: pct(times, 50), p95: pct(times, 95), cpu50: pct(cpu, 50), cpu95: pct(cpu, 95), bytes });
    }
    const base = results[0];
    const css = Buffer.byteLength(APP_CSS);
    for (const r of results) {
      const weight = r === base ? '' : `  page weight ${((r.bytes + css) / 1024).toFixed(1)} KB (HTML ${(r.bytes / 1024).toFixed(1)} + CSS ${(css / 1024).toFixed(1)}, no JS)`;
      console.log(`${r.name.padEnd(44)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p95 ÷ API ${(r.p95 / base.p95).toFixed(2)}  CPU p50 ${r.cpu50.toFixed(1)} / p95 ${r.cpu95.toFixed(1)} ms (p50 ÷ API ${(r.cpu50 / base.cpu50).toFixed(2)})${weight}`);
    }
  } finally {
    await handle.client.execute(`delete from hazard_events where hazard_id in (select id from hazards where description like '压测页面%')`);
    await handle.client.execute(`delete from hazards where description like '压测页面%'`);
    await dropBenchTokens(handle.db);
    // The bench's sign-in (a ticket and a session of the first town admin) goes too: tickets are rate-limited per person.
    const started = benchStarted.getTime();
    await handle.client.execute({ sql: `delete from login_tickets where created_at >= ?`, args: [started] });
    await handle.client.execute({ sql: `delete from web_sessions where created_at >= ?`, args: [started] });
    handle.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error('bench:web 失败:', e instanceof Error ? e.message : e);
  process.exit(1);
});
