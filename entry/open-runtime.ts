import { openDb } from '../db/client.js';
import { migrateDb } from '../db/migrate.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { diskFileStore } from '../api/core/file-store.js';
import { nullNotifier, type Notifier } from '../api/core/notifier.js';
import { systemClock } from '../lib/clock.js';
import type { Config } from '../lib/config.js';
import { groupCommitWriter } from '../db/group-commit.js';
import { offThreadBatch } from '../db/off-thread-batch.js';
import { offThreadImport } from '../api/imports/thread/off-thread-import.js';
import type { Deps } from '../api/core/context.js';

/** Opens, migrates and bootstraps the database and builds the shared dependencies. */
export async function openRuntime(config: Config, notifier: Notifier = nullNotifier) {
  const handle = await openDb(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN, { timeoutMs: config.DATABASE_TIMEOUT_MS });
  await migrateDb(handle.migrationDb ?? handle.db);
  await bootstrapDb(handle.db, { districtName: config.DISTRICT_NAME, adminToken: config.BOOTSTRAP_ADMIN_TOKEN, now: systemClock() });
  // Concurrent requests' batches share one commit (see db/group-commit.ts).
  // An import's large write runs off the event loop on a local file (see db/off-thread-batch.ts).
  const writer = groupCommitWriter(handle.db, { bulk: offThreadBatch(config.DATABASE_URL) });
  const deps: Deps = {
    db: handle.db,
    writer,
    // On a local file a large import is read, checked and written in a worker thread.
    importRunner: offThreadImport(config.DATABASE_URL, writer),
    clock: systemClock,
    notifier,
    files: diskFileStore(config.DATA_DIR),
    secret: config.GRIDSAFE_SECRET,
    publicUrl: config.PUBLIC_URL,
  };
  return { deps, handle };
}
