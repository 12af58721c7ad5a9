import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import { createClient } from '@libsql/client/web';
import * as schema from '../db/schema/index.js';
import type { Db } from '../db/client.js';
import { createApp } from '../api/app.js';
import type { Deps } from '../api/core/context.js';
import { unavailableFileStore } from '../api/core/file-store.js';
import { r2FileStore, type R2Bucketish } from '../api/core/r2-file-store.js';
import { dbWriter } from '../api/core/write.js';
import { d1Writer, type D1Batcher } from '../db/d1-writer.js';
import { systemClock } from '../lib/clock.js';
import { parseConfig } from '../lib/config.js';
import { bootstrapDb } from '../db/bootstrap.js';
import { shanghaiCronToUtc } from '../jobs/cron.js';
import { schedules } from '../jobs/schedules.js';
import { runDueJobs, type RunReport } from '../jobs/run-due.js';
import { outboxNotifier } from '../jobs/urgent-alert.js';

// Thin Worker entry: fetch = the same Hono app, scheduled = the same jobs as node-cron runs.
// Jobs enqueue into the outbox; the Node process that holds the chat connections drains it.

export type Env = {
  /** Cloudflare D1 binding (wrangler.toml). */
  DB?: unknown;
  /** Or a libsql server (Turso / sqld) over HTTP. */
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  /** R2 bucket for photos (wrangler.toml). */
  FILES?: unknown;
  DISTRICT_NAME?: string;
  BOOTSTRAP_ADMIN_TOKEN?: string;
  PUBLIC_URL?: string;
};
type ScheduledEvent = { cron: string; scheduledTime: number };
type ExecutionContext = { waitUntil(p: Promise<unknown>): void };

function openDb(env: Env): Db {
  // D1 and libsql share drizzle's SQLite dialect and batch(); the jobs and verbs only use those.
  if (env.DB) return drizzleD1(env.DB as Parameters<typeof drizzleD1>[0], { schema }) as unknown as Db;
  if (!env.DATABASE_URL) throw new Error('配置错误：需要 D1 绑定 DB 或 DATABASE_URL');
  return drizzleLibsql(createClient({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN }), { schema }) as unknown as Db;
}

// Once per isolate and database: the district row, default policy and checklist, the bootstrap
// admin (idempotent, as the Node process does at every start; migrations are applied by wrangler).
const bootstrapped = new Map<unknown, Promise<void>>();
function ready(env: Env, db: Db): Promise<void> {
  const key = env.DB ?? env.DATABASE_URL;
  let done = bootstrapped.get(key);
  if (!done) {
    const config = parseConfig({ DISTRICT_NAME: env.DISTRICT_NAME, BOOTSTRAP_ADMIN_TOKEN: env.BOOTSTRAP_ADMIN_TOKEN });
    done = bootstrapDb(db, { districtName: config.DISTRICT_NAME, adminToken: config.BOOTSTRAP_ADMIN_TOKEN, now: systemClock() });
    // A failed bootstrap is retried by the next request rather than remembered.
    done.catch(() => bootstrapped.delete(key));
    bootstrapped.set(key, done);
  }
  return done;
}

function deps(env: Env, db: Db): Deps {
  return {
    db,
    // drizzle's D1 batch cannot run raw statements (db/d1-writer.ts); libsql's can.
    writer: env.DB ? d1Writer(env.DB as D1Batcher) : dbWriter(db),
    clock: systemClock,
    notifier: outboxNotifier({ db, clock: systemClock }),
    // Photos go to the R2 bucket bound as FILES; without it uploads are refused, never kept in memory.
    files: env.FILES ? r2FileStore(env.FILES as R2Bucketish) : unavailableFileStore(),
    publicUrl: env.PUBLIC_URL,
  };
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const db = openDb(env);
    await ready(env, db);
    return createApp(deps(env, db), { web: { publicUrl: env.PUBLIC_URL } }).fetch(request, env, ctx as never);
  },
  scheduled(event: ScheduledEvent, env: Env, ctx: ExecutionContext) {
    const only = schedules.filter((s) => shanghaiCronToUtc(s.cron) === event.cron).map((s) => s.name);
    const db = openDb(env);
    const now = new Date(event.scheduledTime);
    const log = (reports: RunReport[]) => {
      for (const r of reports) console.log(`[jobs] ${r.job} ${r.slot}: ${r.error ?? `计划 ${r.planned} 条，新入队 ${r.enqueued} 条`}`);
    };
    // The jobs of this cron first; then a catch-up pass over the rest, so a run missed or killed
    // earlier today is picked up at the next (hourly) trigger, as the Node scheduler does.
    ctx.waitUntil(ready(env, db).then(() => runDueJobs({ db, now, only })).then(log).then(() => runDueJobs({ db, now })).then(log));
  },
};
