// Worker thread of db/off-thread-batch.ts: runs ONE large batch on its own connection to a local
// database file, so SQLite's synchronous work (and the WAL checkpoint after the commit) happens off
// the main event loop. Plain JavaScript on purpose: Node loads it directly under tsx, vitest and
// `npm start` alike, without a TypeScript loader inside the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from '@libsql/client';

const statements = [];

/**
 * Copies the WAL into the database file here, before the main thread writes again. The commit's own
 * auto-checkpoint stops at frames a main-thread read still needs (reads go on during the write), and
 * then the next commit on the main connection copies the rest synchronously: 100-220 ms of the event
 * loop after a 50,000-row import at city scale (bench:mixed --cpu-prof). Main-thread reads are a few
 * ms each, so a PASSIVE checkpoint retried briefly gets everything; the group-commit writer holds the
 * main thread's writes until this thread answers. Best effort: whatever is left the next commit does.
 */
async function checkpoint(client) {
  for (let i = 0; i < 40; i++) {
    const row = (await client.execute('PRAGMA wal_checkpoint(PASSIVE)')).rows[0];
    const log = Number(row?.[1] ?? 0);
    const done = Number(row?.[2] ?? 0);
    if (log <= 0 || done >= log) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

parentPort.on('message', async (message) => {
  if (message.type === 'statements') {
    for (const s of message.items) statements.push(s);
    return;
  }
  // The same per-connection settings as db/client.ts (journal_mode=WAL is a property of the file).
  const client = createClient({ url: workerData.url, concurrency: 1 });
  try {
    await client.execute('PRAGMA synchronous = NORMAL');
    await client.execute('PRAGMA busy_timeout = 10000');
    await client.execute('PRAGMA foreign_keys = ON');
    // One transaction: all statements commit together or none does.
    await client.batch(statements, 'write');
    await checkpoint(client);
    parentPort.postMessage({ ok: true });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: { message: String(e?.message ?? e), code: e?.code, rawCode: e?.rawCode } });
  } finally {
    client.close();
    parentPort.close();
  }
});
