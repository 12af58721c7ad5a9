import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../db/schema/index.js';
import type { DbHandle } from '../../db/client.js';

/**
 * openDb's settings with the libsql pool limited to one connection. @libsql/client 0.18 opens up to
 * 20 connections to a file under concurrent calls, and the extra ones lack the pragmas openDb ran on
 * the first (they run synchronous=FULL, busy_timeout=0). The benchmark measures both ways.
 */
export async function openSingleConnection(path: string): Promise<DbHandle> {
  const client = createClient({ url: `file:${path}`, concurrency: 1 });
  await client.executeMultiple('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;');
  return { db: drizzle(client, { schema }), client, close: () => client.close() };
}
