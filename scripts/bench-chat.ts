import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { chatIdentities, enterprises, grids, hazards, people, towns } from '../db/schema/index.js';
import { dbWriter } from '../api/core/write.js';
import { groupCommitWriter } from '../db/group-commit.js';
import { nullNotifier } from '../api/core/notifier.js';
import { memoryFileStore } from '../api/core/file-store.js';
import type { Deps } from '../api/core/context.js';
import { systemClock } from '../lib/clock.js';
import { createInbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import type { IncomingMessage } from '../bot/port.js';
import { count } from 'drizzle-orm';
import { rawInsertRate } from './bench/raw-insert.js';
import type { Client } from '@libsql/client';

// npm run bench:chat — chat intake in one process: adapter-normalised DingTalk messages → inbox
// (record, dedupe) → dialog (parse, fuzzy enterprise match, scope) → report verb (duplicate guard,
// code sequence, one batch) → database → rendered DingTalk markdown. The raw single-row insert rate
// of the same database file, measured in the same run, is the yardstick (SPEC §9).
//
// Three phases on fresh enterprises each: one message at a time; BENCH_CONCURRENCY at once (a
// district reporting together) with the plain writer; the same with the group-commit writer, which
// folds concurrent verbs' batches into one transaction.
// Options (environment): BENCH_MESSAGES (default 2000 per phase), BENCH_CONCURRENCY (default 16).

const WORKERS = 160;
const PER_WORKER = 40;
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const RAW_MS = 3000;

// Two-character stems that never contain one another: every short name is an exact match.
const A = [...'安宝诚达德东丰富广国海恒宏华佳金锦精凯康'];
const B = [...'力利隆美明南平奇荣瑞润盛顺泰天通威祥新兴'];
const C = [...'一二三四五六七八九十'];
const shortName = (i: number) => `${A[i % 20]}${B[Math.floor(i / 20) % 20]}${C[Math.floor(i / 400) % 10]}号机械`;

// Places × problems × details without check-item keywords: the duplicate guard runs on every
// report, and each enterprise gets one report, so it never refuses one.
const PLACES = ['东侧围墙', '北门附近', '二号车间', '原料堆场', '办公楼后', '食堂旁边', '停车棚下', '门卫室外'];
const PROBLEMS = ['地面破损积水', '照明灯具损坏', '警示标志褪色', '护栏松动', '井盖缺失', '排水沟堵塞', '楼梯扶手松动', '窗户玻璃破裂'];
const text = (i: number) => `${PLACES[i % 8]}${PROBLEMS[Math.floor(i / 8) % 8]}`;

type Target = { workerId: number; short: string };

async function seed(deps: Deps): Promise<Target[]> {
  const now = deps.clock();
  const [town] = await deps.db.insert(towns).values({ districtId: 1, name: '测速镇', createdAt: now }).returning();
  const targets: Target[] = [];
  for (let w = 0; w < WORKERS; w++) {
    const [worker] = await deps.db.insert(people).values({ name: `网格员${w + 1}`, role: 'worker', townId: town.id, createdAt: now }).returning();
    const [grid] = await deps.db.insert(grids).values({ townId: town.id, name: `网格${w + 1}`, workerId: worker.id, createdAt: now }).returning();
    await deps.db.insert(chatIdentities).values({ personId: worker.id, platform: 'dingtalk', externalId: `staff${worker.id}`, createdAt: now });
    const rows = Array.from({ length: PER_WORKER }, (_, k) => {
      const short = shortName(w * PER_WORKER + k);
      targets.push({ workerId: worker.id, short });
      return { name: `常州${short}有限公司`, shortName: short, gridId: grid.id, townId: town.id, class: 'below' as const, riskColor: 'blue' as const, registeredAt: now, createdAt: now };
    });
    await deps.db.insert(enterprises).values(rows);
  }
  return targets;
}

/** What the DingTalk adapter hands the inbox for "@助手 上报 <企业> <隐患>" in a work group. */
function message(t: Target, i: number): IncomingMessage {
  return {
    platform: 'dingtalk',
    messageId: `bench-${i}`,
    senderId: `dingtalk:staff${t.workerId}`,
    senderName: '网格员',
    text: `上报 ${t.short} ${text(i)}`,
    images: [],
    conversation: { kind: 'group', id: 'cidBench==', title: '测速镇网格工作群' },
    mentioned: true,
    receivedAt: new Date(),
    replyTo: 'https://oapi.dingtalk.com/robot/sendBySession?session=bench',
  };
}

// SQL statements sent to libsql (a batch counts each of its statements): a chat message's cost is
// mostly per statement (libsql prepares every one anew), so this is the figure to watch.
const sent = { statements: 0 };

function countStatements(client: Client) {
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  client.execute = ((...a: Parameters<Client['execute']>) => (sent.statements++, execute(...a))) as Client['execute'];
  client.batch = ((stmts: Parameters<Client['batch']>[0], mode?: Parameters<Client['batch']>[1]) =>
    ((sent.statements += stmts.length), batch(stmts, mode))) as Client['batch'];
}

async function run(inbox: ReturnType<typeof createInbox>, batch: { t: Target; i: number }[], concurrency: number) {
  const latencies: number[] = [];
  const statements0 = sent.statements;
  let next = 0;
  let replies = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batch.length) {
        const { t, i } = batch[next++];
        const t0 = performance.now();
        const reply = await inbox.receive(message(t, i));
        latencies.push(performance.now() - t0);
        if (reply?.markdown?.includes('隐患已登记')) replies++;
      }
    }),
  );
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  const perMessage = (sent.statements - statements0) / batch.length;
  return { rate: (batch.length / ms) * 1000, ms, replies, p50: pct(0.5), p99: pct(0.99), cpuMs: (cpu.user + cpu.system) / 1000 / batch.length, perMessage };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'gridsafe-bench-chat-'));
  const handle = await openDb(`file:${join(dir, 'bench.db')}`);
  try {
    await migrateDb(handle.db);
    await bootstrapDb(handle.db, { districtName: '测速区', now: new Date() });
    const deps: Deps = { db: handle.db, writer: dbWriter(handle.db), clock: systemClock, notifier: nullNotifier, files: memoryFileStore() };
    const targets = await seed(deps);
    if (targets.length < 3 * MESSAGES + 100) throw new Error(`BENCH_MESSAGES 最多 ${Math.floor((targets.length - 100) / 3)}`);

    await handle.client.execute('CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER NOT NULL)');
    const rawCpu0 = process.cpuUsage();
    const raw = await rawInsertRate({ client: handle.client, sql: 'INSERT INTO bench_raw (a, b) VALUES (?, ?)', args: (i) => [`行${i}`, i], durationMs: RAW_MS, warmup: 200 });
    const rawCpu = process.cpuUsage(rawCpu0);
    const rawCpuMs = (rawCpu.user + rawCpu.system) / 1000 / (raw.rows + 200);

    countStatements(handle.client);
    const inboxFor = (d: Deps) => createInbox({ deps: d, handle: createDialog({ deps: d }), log: (l) => console.error(l) });
    const inbox = inboxFor(deps);
    const grouped = groupCommitWriter(handle.db);
    const groupInbox = inboxFor({ ...deps, writer: grouped });
    // Warm-up: module caches and the JIT, on enterprises the phases do not use.
    // Message j goes to worker j mod WORKERS (their (j div WORKERS)-th enterprise): a district reporting
    // at once is many workers, one message each at a time. The inbox handles one sender's messages in
    // the order sent, so consecutive messages from one worker would measure a single person's queue.
    const target = (j: number) => targets[(j % WORKERS) * PER_WORKER + (Math.floor(j / WORKERS) % PER_WORKER)];
    const spread = (from: number, n: number) => Array.from({ length: n }, (_, k) => ({ t: target(from + k), i: from + k }));
    await run(inbox, spread(3 * MESSAGES, 100), 1);
    const seq = await run(inbox, spread(0, MESSAGES), 1);
    const par = await run(inbox, spread(MESSAGES, MESSAGES), CONCURRENCY);
    const grp = await run(groupInbox, spread(2 * MESSAGES, MESSAGES), CONCURRENCY);
    const [{ n }] = await handle.db.select({ n: count() }).from(hazards);

    const f = (x: number) => x.toFixed(0).padStart(6);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`bench:chat — 钉钉消息 → 收件箱 → 对话 → 上报动词 → 数据库 → 钉钉 markdown 回复（单进程，临时文件库，WAL）`);
    const cpuOf = (x: number) => `CPU ${x.toFixed(2)} ms each`;
    const sqlOf = (r: { perMessage: number }) => `${r.perMessage.toFixed(2)} statements each`;
    console.log(`  raw single-row inserts          ${f(raw.rate)} /s   (p50 ${ms(raw.p50)}, p99 ${ms(raw.p99)}, ${raw.rows} rows, ${cpuOf(rawCpuMs)})`);
    console.log(`  chat reports, 1 at a time       ${f(seq.rate)} /s   (p50 ${ms(seq.p50)}, p99 ${ms(seq.p99)}, ${MESSAGES} msgs, ${seq.replies} 已登记, ${cpuOf(seq.cpuMs)}, ${sqlOf(seq)})`);
    console.log(`  chat reports, ${String(CONCURRENCY).padEnd(2)} concurrent    ${f(par.rate)} /s   (p50 ${ms(par.p50)}, p99 ${ms(par.p99)}, ${MESSAGES} msgs, ${par.replies} 已登记, ${cpuOf(par.cpuMs)}, ${sqlOf(par)})`);
    console.log(`  chat reports, ${String(CONCURRENCY).padEnd(2)} + group commit ${f(grp.rate)} /s   (p50 ${ms(grp.p50)}, p99 ${ms(grp.p99)}, ${MESSAGES} msgs, ${grp.replies} 已登记, ${grouped.stats.commits} commits, ${cpuOf(grp.cpuMs)}, ${sqlOf(grp)})`);
    const ratio = (x: number) => (x / raw.rate).toFixed(3);
    console.log(`  ratio chat ÷ raw (messages/s ÷ rows/s): sequential ${ratio(seq.rate)}, concurrent ${ratio(par.rate)}, group commit ${ratio(grp.rate)}   hazards written: ${n}`);
    // Wall rates swing with other load on the machine; CPU per item does much less.
    console.log(`  ratio by CPU (raw CPU per row ÷ chat CPU per message): sequential ${(rawCpuMs / seq.cpuMs).toFixed(3)}, group commit ${(rawCpuMs / grp.cpuMs).toFixed(3)}`);
    console.log(`  load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  } finally {
    handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error('bench:chat 失败：', e);
  process.exit(1);
});
