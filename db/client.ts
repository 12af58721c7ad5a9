import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from './schema/index.js';
import { DEFAULT_DATABASE_TIMEOUT_MS, timeoutClient, timeoutFetch } from './timeout.js';

export type Db = LibSQLDatabase<typeof schema>;
export type DbHandle = {
  db: Db;
  client: Client;
  close: () => void;
  /** The same connection with a bound long enough for migrations (a backfill may take minutes on a remote server). */
  migrationDb?: Db;
};

// Bounded still: a stalled server must not hang the start-up forever either.
const MIGRATION_TIMEOUT_MS = 10 * 60_000;

function isLocalFile(url: string): boolean {
  return url.startsWith('file:');
}

/**
 * Opens the database. Local files get WAL, synchronous=NORMAL and a busy timeout: libsql's
 * defaults (journal_mode=delete, busy_timeout=0) make a second process on the same file
 * fail at once with SQLITE_BUSY, and single-row commits ~10x slower.
 */
export async function openDb(url: string, authToken?: string, options: { timeoutMs?: number } = {}): Promise<DbHandle> {
  if (isLocalFile(url) && url !== 'file::memory:') {
    const path = url.slice('file:'.length).split('?')[0];
    if (path && !path.startsWith(':')) mkdirSync(dirname(path), { recursive: true });
  }
  // One connection for local files: libsql's pool (default 20) opens extra connections under
  // concurrent requests, and those miss the PRAGMAs below (busy_timeout=0, synchronous=FULL were
  // measured on them). A local call runs synchronously anyway, so one connection costs no parallelism.
  const local = isLocalFile(url) || url === ':memory:';
  // A remote server can stall: every call is bounded (db/timeout.ts), HTTP requests also aborted.
  const timeoutMs = options.timeoutMs ?? DEFAULT_DATABASE_TIMEOUT_MS;
  const opened = createClient({
    url,
    authToken,
    ...(isLocalFile(url) ? { concurrency: 1 } : {}),
    ...(local ? {} : { fetch: timeoutFetch(timeoutMs) }),
  });
  const client = local ? opened : timeoutClient(opened, timeoutMs);
  if (isLocalFile(url) || url === ':memory:') {
    // The busy timeout first: `journal_mode = WAL` needs a lock too, and with libsql's default of 0 it
    // failed at once with SQLITE_BUSY while another process (npm start, a second CLI) was writing.
    await client.execute('PRAGMA busy_timeout = 10000');
    if (!url.includes(':memory:')) {
      await client.execute('PRAGMA journal_mode = WAL');
      await client.execute('PRAGMA synchronous = NORMAL');
    }
    await client.execute('PRAGMA foreign_keys = ON');
  }
  const db = drizzle(client, { schema });
  const migrationDb = local ? db : drizzle(timeoutClient(opened, Math.max(timeoutMs, MIGRATION_TIMEOUT_MS)), { schema });
  return { db, client, close: () => client.close(), migrationDb };
}
