// The import thread: reads, checks and writes one import (importTable) on its own connection to
// the local database file, so none of its 1-10 s of parsing, planning, SQLite and pinyin work runs
// on the process's event loop. Started by off-thread-import.ts, one thread per import.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Client } from '@libsql/client';
import { openDb } from '../../../db/client.js';
import { nullNotifier } from '../../core/notifier.js';
import { memoryFileStore } from '../../core/file-store.js';
import type { Ctx } from '../../core/context.js';
import type { Writer } from '../../core/write.js';
import { domainErrorOf, isRetryable } from '../../core/errors.js';
import { claimingWriter, type IdempotencyClaim } from '../../core/idempotency.js';
import { importTable } from '../import-table.js';
import type { FromThread, ImportThreadData, ThreadError, ToThread } from './protocol.js';

const port = parentPort!;
const data = workerData as ImportThreadData;
const post = (m: FromThread) => port.postMessage(m);

/**
 * Below the request threads' priority: on a 2-core machine the import must not take a core from
 * the main thread while chat and reports are waiting. Linux lets one thread be reniced by its own
 * id (/proc/thread-self names it); elsewhere this is skipped and the thread runs at normal priority.
 */
function lowerPriority() {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the import still runs, only at normal priority.
  }
}

/**
 * Copies the WAL into the database file here, before the main thread writes again. The commit's own
 * auto-checkpoint stops at frames a main-thread read still needs (reads go on during the write), and
 * then the next commit on the main connection copies the rest synchronously: 100-220 ms of the event
 * loop after a 50,000-row import at city scale (bench:mixed --cpu-prof). Main-thread reads are a few
 * ms each, so a PASSIVE checkpoint retried briefly gets everything while the main writer is held.
 * Best effort: whatever is left the next commit does.
 */
async function checkpoint(client: Client, tries: number) {
  for (let i = 0; i < tries; i++) {
    const row = (await client.execute('PRAGMA wal_checkpoint(PASSIVE)')).rows[0];
    const log = Number(row?.[1] ?? 0);
    const done = Number(row?.[2] ?? 0);
    if (log <= 0 || done >= log) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

// A batch this large is the import's own write; the pinyin rounds after it are one statement each.
const LARGE_BATCH = 20;

/**
 * Every batch waits for the main process's writer to hold its commits (`hold` → `held`), runs on
 * this thread's connection, checkpoints, and lets the main writer go on (`release`), so a main-thread
 * commit never meets SQLite's write lock held by this thread and waits for it synchronously.
 */
function heldWriter(db: Awaited<ReturnType<typeof openDb>>['db'], client: Client): Writer {
  let next = 0;
  const granted = new Map<number, () => void>();
  port.on('message', (m: ToThread) => {
    if (m.type === 'held') granted.get(m.id)?.();
  });
  return {
    async batch(statements) {
      const id = ++next;
      await new Promise<void>((resolve) => {
        granted.set(id, resolve);
        post({ type: 'hold', id });
      });
      granted.delete(id);
      try {
        const results = await db.batch(statements);
        await checkpoint(client, statements.length >= LARGE_BATCH ? 40 : 1);
        return results;
      } finally {
        post({ type: 'release', id });
      }
    },
  };
}

function threadError(e: unknown): ThreadError {
  const domain = domainErrorOf(e);
  const cause = e as { message?: string; code?: string };
  return {
    message: String(cause?.message ?? e),
    ...(typeof cause?.code === 'string' ? { code: cause.code } : {}),
    ...(domain ? { domain: { code: domain.code, message: domain.message, details: domain.details, retryable: isRetryable(domain) } } : {}),
  };
}

async function main() {
  lowerPriority();
  const handle = await openDb(data.url);
  const held = heldWriter(handle.db, handle.client);
  const claim: IdempotencyClaim | undefined = data.claim && { ...data.claim, at: new Date(data.claim.at), base: held };
  const ctx: Ctx = {
    db: handle.db,
    writer: claim && !claim.committed ? claimingWriter(handle.db, claim) : held,
    clock: () => new Date(data.now),
    notifier: nullNotifier,
    files: memoryFileStore(),
    actor: data.actor,
    channel: data.channel,
    ...(claim ? { idempotency: claim } : {}),
  };
  post({ type: 'started' });
  try {
    const result = await importTable(ctx, data.job);
    post({ type: 'done', ok: true, result, claimCommitted: claim?.committed ?? false });
  } catch (e) {
    post({ type: 'done', ok: false, error: threadError(e), claimCommitted: claim?.committed ?? false });
  } finally {
    handle.close();
    port.close();
  }
}

await main();
