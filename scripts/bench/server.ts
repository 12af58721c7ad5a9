// Child process for the benchmarks: serves either a bare Hono route or the real API on 127.0.0.1,
// prints "READY <port>", and runs until killed. A separate process so the load generator does not
// share the server's event loop (with 2 cores: one each).
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../db/schema/index.js';
import { openDb, type Db } from '../../db/client.js';
import { createApp } from '../../api/app.js';
import { dbWriter, type Writer } from '../../api/core/write.js';
import { nullNotifier } from '../../api/core/notifier.js';
import { memoryFileStore } from '../../api/core/file-store.js';
import { systemClock } from '../../lib/clock.js';
import { groupCommitWriter } from '../../db/group-commit.js';

export type BenchServerConfig =
  | { kind: 'bare' }
  | { kind: 'app'; dbPath: string; writer: 'direct' | 'group'; singleConnection?: boolean };

/**
 * openDb with the libsql pool limited to one connection: the pool otherwise opens extra connections
 * under concurrency, and those lack the pragmas openDb set on the first one (synchronous=NORMAL,
 * busy_timeout). Used to measure what that difference costs.
 */
async function openSingleConnection(path: string): Promise<Db> {
  const client = createClient({ url: `file:${path}`, concurrency: 1 });
  await client.executeMultiple('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;');
  return drizzle(client, { schema });
}

async function main() {
  const config = JSON.parse(process.argv[2]) as BenchServerConfig;
  let fetch: (req: Request) => Response | Promise<Response>;
  if (config.kind === 'bare') {
    const app = new Hono();
    app.get('/ping', (c) => c.json({ ok: true, time: Date.now() }));
    fetch = app.fetch;
  } else {
    const db = config.singleConnection ? await openSingleConnection(config.dbPath) : (await openDb(`file:${config.dbPath}`)).db;
    const group = config.writer === 'group' ? groupCommitWriter(db) : null;
    const writer: Writer = group ?? dbWriter(db);
    let errors = 0;
    const app = createApp({ db, writer, clock: systemClock, notifier: nullNotifier, files: memoryFileStore() }, { logError: (e) => {
      if (errors++ < 3) console.error('[bench server]', e);
    } });
    app.get('/__bench/writer', (c) => c.json({ group: group?.stats ?? null, errors }));
    fetch = app.fetch;
  }
  serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`READY ${info.port}`));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
