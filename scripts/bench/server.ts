// Child process for the benchmarks: serves either a bare Hono route or the real API on 127.0.0.1,
// prints "READY <port>", and runs until killed. A separate process so the load generator does not
// share the server's event loop (with 2 cores: one each).
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openDb } from '../../db/client.js';
import { createApp } from '../../api/app.js';
import { dbWriter, type Writer } from '../../api/core/write.js';
import { nullNotifier } from '../../api/core/notifier.js';
import { memoryFileStore } from '../../api/core/file-store.js';
import { systemClock } from '../../lib/clock.js';
import { groupCommitWriter } from '../../db/group-commit.js';

export type BenchServerConfig =
  | { kind: 'bare' }
  | { kind: 'app'; dbPath: string; writer: 'direct' | 'group' };

// Server CPU time, so a phase's CPU per request can be read off independently of other load on the machine.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// Exit on SIGTERM through process.exit so `node --cpu-prof` writes its profile when the bench stops us.
process.on('SIGTERM', () => process.exit(0));

async function main() {
  const config = JSON.parse(process.argv[2]) as BenchServerConfig;
  let fetch: (req: Request) => Response | Promise<Response>;
  if (config.kind === 'bare') {
    const app = new Hono();
    app.get('/ping', (c) => c.json({ ok: true, time: Date.now() }));
    fetch = app.fetch;
  } else {
    // openDb: WAL, synchronous=NORMAL, busy timeout, one connection — exactly the production settings.
    const { db } = await openDb(`file:${config.dbPath}`);
    const group = config.writer === 'group' ? groupCommitWriter(db) : null;
    const writer: Writer = group ?? dbWriter(db);
    let errors = 0;
    const app = createApp({ db, writer, clock: systemClock, notifier: nullNotifier, files: memoryFileStore() }, { logError: (e) => {
      if (errors++ < 3) console.error('[bench server]', e);
    } });
    app.get('/__bench/writer', (c) => c.json({ group: group?.stats ?? null, errors, cpuMs: cpuMs() }));
    fetch = app.fetch;
  }
  serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`READY ${info.port}`));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
