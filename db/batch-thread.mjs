// Worker thread of db/off-thread-batch.ts: runs ONE large batch on its own connection to a local
// database file, so SQLite's synchronous work (and the WAL checkpoint after the commit) happens off
// the main event loop. Plain JavaScript on purpose: Node loads it directly under tsx, vitest and
// `npm start` alike, without a TypeScript loader inside the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from '@libsql/client';

const statements = [];

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
    parentPort.postMessage({ ok: true });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: { message: String(e?.message ?? e), code: e?.code, rawCode: e?.rawCode } });
  } finally {
    client.close();
    parentPort.close();
  }
});
