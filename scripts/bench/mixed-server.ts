// Child process of bench:mixed: the real API (group-commit writer, as `npm start`) AND the chat
// inbox + dialog over the same database in ONE event loop, as the Node process runs them, plus
// bench-only routes: /__bench/chat hands an adapter-normalised DingTalk message to the inbox, and
// /__bench/loop reports (and restarts) perf_hooks' event-loop delay histogram and the CPU used.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { openDb } from '../../db/client.js';
import { createApp } from '../../api/app.js';
import { nullNotifier } from '../../api/core/notifier.js';
import { memoryFileStore } from '../../api/core/file-store.js';
import type { Deps } from '../../api/core/context.js';
import { systemClock } from '../../lib/clock.js';
import { groupCommitWriter } from '../../db/group-commit.js';
import { offThreadBatch } from '../../db/off-thread-batch.js';
import { offThreadImport } from '../../api/imports/thread/off-thread-import.js';
import { createInbox } from '../../bot/inbox.js';
import { createDialog } from '../../bot/dialog/handle.js';

export type ChatBenchMessage = { staffId: string; messageId: string; text: string };

// With BENCH_GAPS_FILE set, every stall of a 1 ms ticker over 25 ms is kept (start and end in µs
// of the monotonic clock, as V8's CPU profile stamps its samples) and written there at exit, so
// scripts/bench/long-tasks.ts can say what ran in each of them.
const gapsFile = process.env.BENCH_GAPS_FILE;
const gaps: { start: number; end: number }[] = [];
if (gapsFile) {
  let last = process.hrtime.bigint();
  setInterval(() => {
    const now = process.hrtime.bigint();
    if (now - last > 25_000_000n) gaps.push({ start: Number(last / 1000n), end: Number(now / 1000n) });
    last = now;
  }, 1).unref();
}

process.on('SIGTERM', () => {
  if (gapsFile) writeFileSync(gapsFile, JSON.stringify(gaps));
  process.exit(0);
});

async function main() {
  const dbPath = process.argv[2];
  const { db } = await openDb(`file:${dbPath}`);
  const writer = groupCommitWriter(db, { bulk: offThreadBatch(`file:${dbPath}`) });
  // BENCH_IMPORT_THREAD=off: the import read, checked and planned on the event loop (its write still
  // off-thread), the way it ran before the import thread, for a before/after in one checkout.
  const importRunner = process.env.BENCH_IMPORT_THREAD === 'off' ? undefined : offThreadImport(`file:${dbPath}`, writer);
  const deps: Deps = { db, writer, clock: systemClock, notifier: nullNotifier, files: memoryFileStore(), ...(importRunner ? { importRunner } : {}) };
  let errors = 0;
  const app = createApp(deps, { logError: (e) => {
    if (errors++ < 3) console.error('[bench server]', e);
  } });
  const inbox = createInbox({ deps, handle: createDialog({ deps }), log: (l) => {
    if (errors++ < 3) console.error('[bench inbox]', l);
  } });

  // 1 ms resolution: a stall shorter than that is not what this bench looks for.
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let cpu0 = process.cpuUsage();
  app.get('/__bench/loop', (c) => {
    const cpu = process.cpuUsage(cpu0);
    const body = { maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6, meanMs: loop.mean / 1e6, cpuMs: (cpu.user + cpu.system) / 1000, errors };
    if (c.req.query('reset') === '1') {
      loop.reset();
      cpu0 = process.cpuUsage();
    }
    return c.json(body);
  });
  app.post('/__bench/chat', async (c) => {
    const m = await c.req.json<ChatBenchMessage>();
    const reply = await inbox.receive({
      platform: 'dingtalk', messageId: m.messageId, senderId: `dingtalk:${m.staffId}`, senderName: '网格员', text: m.text, images: [],
      conversation: { kind: 'group', id: 'cidBenchMixed==', title: '压测网格工作群' }, mentioned: true, receivedAt: new Date(),
      replyTo: 'https://oapi.dingtalk.com/robot/sendBySession?session=bench',
    });
    const registered = reply?.markdown?.includes('隐患已登记') ?? false;
    return c.json({ registered, reply: registered ? undefined : (reply?.markdown ?? reply?.text ?? null) }, registered ? 200 : 422);
  });
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`READY ${info.port}`));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
