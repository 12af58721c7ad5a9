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
import { jobsConfig } from '../jobs/config.js';
import { workerDocsAssets, type AssetsBinding } from '../web/docs-assets-worker.js';
import { dingTalkWeb } from '../web/auth/dingtalk-config.js';
import { fillMissingPinyin } from '../api/enterprises/fill-pinyin.js';
import { outboxNotifier } from '../jobs/urgent-alert.js';
import { DomainError, domainErrorOf, errorBody } from '../api/core/errors.js';
import { missingTables } from '../db/schema-check.js';
import { migrateOnFirstUse } from '../db/migrate-on-first-use.js';
import { BUNDLED_MIGRATIONS } from '../db/migrations-bundle.js';
import type { Writer } from '../api/core/write.js';
import { DEFAULT_DATABASE_TIMEOUT_MS, timeoutClient, timeoutD1, timeoutFetch } from '../db/timeout.js';
import { ConfigSchema } from '../lib/config.js';
import { logger, errorFields } from '../lib/log.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import { httpChat, type HttpChatEnv } from './http-chat.js';

// Thin Worker entry: fetch = the same Hono app, scheduled = the same jobs as node-cron runs.
// Jobs enqueue into the outbox; with DingTalk configured the Worker drains it itself through the
// OpenAPI (and serves POST /callbacks/dingtalk), otherwise the Node process with the chat connections does.

export type Env = HttpChatEnv & {
  /** Cloudflare D1 binding (wrangler.toml). */
  DB?: unknown;
  /** Or a libsql server (Turso / sqld) over HTTP. */
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  /** Bound on every database call (D1 and libsql alike); default 10 000. */
  DATABASE_TIMEOUT_MS?: string;
  /** R2 bucket for photos (wrangler.toml). */
  FILES?: unknown;
  DISTRICT_NAME?: string;
  BOOTSTRAP_ADMIN_TOKEN?: string;
  /** Binding-code HMAC secret (`wrangler secret put GRIDSAFE_SECRET`); else kept in the database. */
  GRIDSAFE_SECRET?: string;
  PUBLIC_URL?: string;
  /** DingTalk H5 免登 for the pages (with the app's DINGTALK_CLIENT_ID / _SECRET): corp id and the old OpenAPI host. */
  DINGTALK_CORP_ID?: string;
  DINGTALK_OAPI_BASE?: string;
  /** Static assets (wrangler.toml [assets]): Swagger UI's files for an offline /docs. */
  ASSETS?: AssetsBinding;
};
type ScheduledEvent = { cron: string; scheduledTime: number };
type ExecutionContext = { waitUntil(p: Promise<unknown>): void };

const log = logger('worker');
const jobLog = logger('jobs');
const outboxLog = logger('outbox');

// Both databases are remote to a Worker: every call is bounded (db/timeout.ts). The wrapped
// bindings are kept per isolate, so the writer and drizzle share one.
const timedD1 = new WeakMap<object, object>();
function d1Of(env: Env): object {
  const raw = env.DB as object;
  const ms = timeoutOf(env);
  return timedD1.get(raw) ?? timedD1.set(raw, timeoutD1(raw, ms)).get(raw)!;
}
function timeoutOf(env: Env): number {
  const parsed = ConfigSchema.shape.DATABASE_TIMEOUT_MS.safeParse(env.DATABASE_TIMEOUT_MS);
  return parsed.success ? parsed.data : DEFAULT_DATABASE_TIMEOUT_MS;
}

function openDb(env: Env): Db {
  // D1 and libsql share drizzle's SQLite dialect and batch(); the jobs and verbs only use those.
  if (env.DB) return drizzleD1(d1Of(env) as Parameters<typeof drizzleD1>[0], { schema }) as unknown as Db;
  if (!env.DATABASE_URL) throw new DomainError('internal', '服务配置错误：需要 D1 绑定 DB 或 DATABASE_URL');
  const ms = timeoutOf(env);
  const client = createClient({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN, fetch: timeoutFetch(ms) });
  return drizzleLibsql(timeoutClient(client, ms), { schema }) as unknown as Db;
}

/**
 * The migrations were applied (by the Worker or by wrangler) yet tables the code needs are missing:
 * the database and its ledger disagree, which no automatic step should paper over.
 */
export const schemaIncomplete = (missing: string[]) => {
  log.error('数据库缺少数据表', { missing });
  return new DomainError('database_not_migrated', '数据库结构不完整：迁移记录与数据表不一致，请检查数据库（wrangler d1 migrations list）');
};

/**
 * The answer when the request cannot reach the app: a domain error as itself, anything else as the
 * generic internal error. Never the error's text: a runtime's own 500 page shows the stack and SQL.
 */
function failure(e: unknown): Response {
  const domain = domainErrorOf(e);
  if (!domain || domain.code === 'internal') log.error('请求未能处理', errorFields(e));
  const shown = domain ?? new DomainError('internal', '服务器内部错误，请稍后重试');
  return Response.json(errorBody(shown), { status: shown.status });
}

// A migration may backfill a populated database: its batch gets more time than a request's statements.
const MIGRATION_TIMEOUT_MS = 120_000;

/** Writers for the first-use migration: the ordinary bound for the ledger, a longer one for the migrations. */
function migrationWriters(env: Env, db: Db): { writer: Writer; migrationWriter: Writer } {
  const ms = timeoutOf(env);
  const long = Math.max(ms, MIGRATION_TIMEOUT_MS);
  if (env.DB) return { writer: d1Writer(d1Of(env) as D1Batcher), migrationWriter: d1Writer(timeoutD1(env.DB as object, long) as D1Batcher) };
  const client = createClient({ url: env.DATABASE_URL!, authToken: env.DATABASE_AUTH_TOKEN, fetch: timeoutFetch(long) });
  return { writer: dbWriter(db), migrationWriter: dbWriter(drizzleLibsql(timeoutClient(client, long), { schema }) as unknown as Db) };
}

// Once per isolate and database, shared by every request that arrives meanwhile (single flight):
// the bundled migrations the database lacks (db/migrate-on-first-use.ts, recorded where wrangler and
// drizzle look, so `wrangler d1 migrations apply` later finds nothing to do), then the district row,
// default policy and checklist and the bootstrap admin (idempotent, as the Node process does at
// every start). A failure is not remembered: the next request tries again.
const bootstrapped = new Map<unknown, Promise<void>>();
function ready(env: Env, db: Db): Promise<void> {
  const key = env.DB ?? env.DATABASE_URL;
  let done = bootstrapped.get(key);
  if (!done) {
    const config = parseConfig({ DISTRICT_NAME: env.DISTRICT_NAME, BOOTSTRAP_ADMIN_TOKEN: env.BOOTSTRAP_ADMIN_TOKEN });
    done = (async () => {
      const applied = await migrateOnFirstUse({ db, ...migrationWriters(env, db), migrations: BUNDLED_MIGRATIONS, log: (m, e) => log.error(m, errorFields(e)) });
      if (applied.length) log.info(`已自动执行数据库迁移 ${applied.length} 个：${applied.join('、')}`);
      const missing = await missingTables(db);
      if (missing.length) throw schemaIncomplete(missing);
      await bootstrapDb(db, { districtName: config.DISTRICT_NAME, adminToken: config.BOOTSTRAP_ADMIN_TOKEN, now: systemClock() });
    })();
    done.catch(() => bootstrapped.delete(key));
    bootstrapped.set(key, done);
  }
  return done;
}

function deps(env: Env, db: Db, onEnqueued?: () => void): Deps {
  return {
    db,
    // drizzle's D1 batch cannot run raw statements (db/d1-writer.ts); libsql's can.
    writer: env.DB ? d1Writer(d1Of(env) as D1Batcher) : dbWriter(db),
    clock: systemClock,
    notifier: outboxNotifier({ db, clock: systemClock, onEnqueued }),
    // Photos go to the R2 bucket bound as FILES; without it uploads are refused, never kept in memory.
    files: env.FILES ? r2FileStore(env.FILES as R2Bucketish) : unavailableFileStore(),
    secret: env.GRIDSAFE_SECRET,
    publicUrl: env.PUBLIC_URL,
  };
}

// 免登 needs no connection, only two fetches to the OpenAPI (web/auth/dingtalk-userid.ts): the same
// variables as on Node, read from the Worker's vars and secrets.
const dingTalkWebOf = (env: Env) => dingTalkWeb(parseConfig({
  DINGTALK_CLIENT_ID: env.DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET: env.DINGTALK_CLIENT_SECRET,
  DINGTALK_API_BASE: env.DINGTALK_API_BASE, DINGTALK_OAPI_BASE: env.DINGTALK_OAPI_BASE, DINGTALK_CORP_ID: env.DINGTALK_CORP_ID,
}));

// ~25 µs of CPU a name: a few seconds' worth at most per cron trigger.
const PINYIN_PER_TRIGGER = 20_000;

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    try {
      const db = openDb(env);
      await ready(env, db);
      const chat = httpChat(env);
      // Urgent alerts enqueued by this request go out at once, as the Node scheduler's kick() does.
      const drainNow = Object.keys(chat.senders).length
        ? () => ctx.waitUntil(drainOutbox({ db, senders: chat.senders, now: systemClock() }).catch((e) => outboxLog.error('发送队列未能处理', errorFields(e))))
        : undefined;
      const d = deps(env, db, drainNow);
      const web = { publicUrl: env.PUBLIC_URL, docsAssets: env.ASSETS ? workerDocsAssets(env.ASSETS) : undefined, dingtalk: dingTalkWebOf(env) };
      // An inbox per request: a claim older than it may be another request's, still running.
      return await createApp(d, { callbacks: chat.callbacks(d, { earlierClaimsAbandoned: false }), web }).fetch(request, env, ctx as never);
    } catch (e) {
      return failure(e);
    }
  },
  scheduled(event: ScheduledEvent, env: Env, ctx: ExecutionContext) {
    const only = schedules.filter((s) => shanghaiCronToUtc(s.cron) === event.cron).map((s) => s.name);
    const db = openDb(env);
    const now = new Date(event.scheduledTime);
    const log = (reports: RunReport[]) => {
      for (const r of reports) jobLog[r.error ? 'warn' : 'info'](`${r.job} ${r.slot}: ${r.error ?? `计划 ${r.planned} 条，新入队 ${r.enqueued} 条`}`);
    };
    // The jobs of this cron first; then a catch-up pass over the rest, so a run missed or killed
    // earlier today is picked up at the next (hourly) trigger, as the Node scheduler does.
    const chat = httpChat(env);
    const { senders } = chat;
    const drain = () => (Object.keys(senders).length ? drainOutbox({ db, senders, now }).then((r) => outboxLog.info(`已发送 ${r.sent} 条`)) : undefined);
    const config = jobsConfig({ publicUrl: env.PUBLIC_URL });
    // The Worker has no start-up: its cron answers what a callback left (an isolate ended between
    // recording a message and DingTalk accepting the reply, or every attempt refused), once the
    // claim is past its lease, as a restarted Node process does at once.
    const replay = () => chat.open(deps(env, db), { earlierClaimsAbandoned: false }).inbox?.replayPending(['dingtalk'])
      .then((r) => { if (r.length) jobLog.info(`已补处理 ${r.length} 条钉钉回调消息`); });
    ctx.waitUntil(ready(env, db).then(() => runDueJobs({ db, now, only, config })).then(log).then(() => runDueJobs({ db, now, config })).then(log)
      .then(() => replay()?.catch((e) => jobLog.error('钉钉回调消息未能补处理', errorFields(e)))).then(drain)
      .catch((e) => jobLog.error('定时任务未能运行', errorFields(e))));
    // Enterprise pinyin an import did not finish (api/enterprises/fill-pinyin.ts), a bounded share per trigger.
    ctx.waitUntil(ready(env, db).then(() => fillMissingPinyin(deps(env, db), PINYIN_PER_TRIGGER))
      .catch((e) => jobLog.error('企业拼音补齐失败', errorFields(e))));
  },
};
