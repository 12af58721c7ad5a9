import { openDb, type DbHandle } from '../../db/client.js';
import { migrateDb } from '../../db/migrate.js';
import { bootstrapDb } from '../../db/bootstrap.js';
import { fixedClock, type Clock } from '../../lib/clock.js';
import { recordingNotifier } from '../../api/core/notifier.js';
import { memoryFileStore } from '../../api/core/file-store.js';
import { groupCommitWriter } from '../../db/group-commit.js';
import { offThreadBatch } from '../../db/off-thread-batch.js';
import { offThreadImport } from '../../api/imports/thread/off-thread-import.js';
import type { Deps } from '../../api/core/context.js';
import { createApp } from '../../api/app.js';

export const TEST_NOW = '2026-11-23T02:00:00.000Z'; // 10:00 Shanghai, a Monday

/** A real libsql database (in memory), migrated from the committed migrations, plus edge fakes. */
// `url`: a `file:` database instead, with bulk writes off-thread as `npm start` runs them.
// `importThreadMinBytes`: with `url`, files from this size on are imported in a worker thread (0: all).
export async function testDeps(opts: { now?: string; clock?: Clock; url?: string; importThreadMinBytes?: number } = {}) {
  const handle: DbHandle = await openDb(opts.url ?? ':memory:');
  await migrateDb(handle.db);
  const clock = opts.clock ?? fixedClock(opts.now ?? TEST_NOW);
  await bootstrapDb(handle.db, { districtName: '测试区', now: clock() });
  const notifier = recordingNotifier();
  const writer = groupCommitWriter(handle.db, { bulk: opts.url ? offThreadBatch(opts.url) : undefined });
  const importRunner = opts.url ? offThreadImport(opts.url, writer, { minBytes: opts.importThreadMinBytes }) : undefined;
  const deps: Deps = { db: handle.db, writer, clock, notifier, files: memoryFileStore(), ...(importRunner ? { importRunner } : {}) };
  return { ...deps, deps, notifier, handle, close: handle.close };
}

/** The HTTP app over test deps; errors are collected instead of printed. */
export async function testApp(opts: Parameters<typeof testDeps>[0] = {}) {
  const t = await testDeps(opts);
  const errors: unknown[] = [];
  const app = createApp(t.deps, { logError: (e) => errors.push(e) });
  return { ...t, app, errors };
}
