import type { Context, MiddlewareHandler } from 'hono';
import type { BatchItem } from 'drizzle-orm/batch';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema/index.js';
import { sha256Hex } from '../../lib/hash.js';
import type { Ctx } from './context.js';
import type { AppEnv } from './hono-env.js';
import type { Writer } from './write.js';
import { conflict, errorBody, retryable, validationFailed } from './errors.js';

const SECRET_NOT_REPLAYED = '该请求的结果含一次性密钥，不会重复返回；如需要请重新申请';
const IN_PROGRESS = '相同请求正在处理中，请稍后重试';
const RESULT_LOST = '该请求已执行，但结果未能保存（服务曾中断）；请查询确认，不要重复提交';
// A committed claim without a response younger than this is most likely still being answered (by
// another process); older, its process died between the commit and storing the response.
const ANSWERING_MS = 60_000;

/** status_code of a claim committed with the request's work whose response is not stored yet. */
export const COMMITTED = 0;

/** One request's Idempotency-Key, as the write paths see it (Ctx.idempotency). */
export type IdempotencyClaim = {
  personId: number;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  at: Date;
  /** The writer under the claiming one: the intake queue groups by it and adds the claim itself. */
  base: Writer;
  /** True once the claim row is in a committed batch. */
  committed: boolean;
  /**
   * What the work creates, set by the verb before its first batch (`resourceSql(kind, idSql)`), so a
   * retry after a crash can rebuild the answer (rebuildResource) or finish the work (resumeResource).
   */
  resource?: SQL;
};

/** Rebuilds the answer to a request whose work committed but whose response was never stored. */
export type Rebuild = (ctx: Ctx, id: number) => Promise<{ status: number; body: unknown }>;
const rebuilders = new Map<string, Rebuild>();

/** Lets a route that records `kind:id` as its claim's resource answer a retry after a crash. */
export function rebuildResource(kind: string, rebuild: Rebuild) {
  rebuilders.set(kind, rebuild);
}

// Kinds whose work takes several batches (a patrol, then each hazard found on it): the claim commits
// with the first one only, so a crash may leave the rest undone. A retry runs the route again with
// the claim taken as committed; every batch after the first is deduplicated by an identity derived
// from the key (keySource), so what was written is found and only what is missing gets written.
const resumable = new Set<string>();

/** Lets a route that records `kind:id` and dedupes its later batches by keySource finish its work on a retry. */
export function resumeResource(kind: string) {
  resumable.add(kind);
}

/**
 * A stable chat-source-like identity for a request's Idempotency-Key (its person and key, hashed to
 * fit the source columns), for verbs that dedupe later batches by source, as a redelivered chat
 * message is deduplicated.
 */
export function keySource(claim: Pick<IdempotencyClaim, 'personId' | 'key'>): { platform: string; messageId: string } {
  return { platform: 'idempotency', messageId: sha256Hex(`${claim.personId}\n${claim.key}`).slice(0, 40) };
}

const kindOf = (resource: string | null) => (resource ?? '').split(':')[0];

/**
 * An answer that says "not now" rather than what became of the request: a rate limit, the database
 * unavailable, the same request still in flight, the hazard changed meanwhile (a retryable error
 * carries Retry-After, app.onError). Stored under the key it would answer every later retry with it,
 * and the work would never be done.
 */
const isTransient = (res: Response) => res.status === 429 || res.status >= 500 || res.headers.has('retry-after');

/**
 * The claim row, to be put in the SAME batch as the request's work: a plain insert, so when the key
 * was claimed meanwhile (a concurrent retry, another process) the whole batch fails and nothing of
 * the work is written twice. `resource` names what the work created (`'hazard:' || id`).
 */
export function claimStatement(db: Db, claim: IdempotencyClaim, resource?: SQL): BatchItem<'sqlite'> {
  return db.insert(idempotencyKeys).values({
    personId: claim.personId, key: claim.key, method: claim.method, path: claim.path, requestHash: claim.requestHash,
    statusCode: COMMITTED, responseBody: '', resource: resource ?? null, createdAt: claim.at,
  });
}

/** The request's writer: its first batch carries the claim, so the claim commits with the work. */
export function claimingWriter(db: Db, claim: IdempotencyClaim): Writer {
  const { bulk } = claim.base;
  return {
    async batch(statements) {
      if (claim.committed) return claim.base.batch(statements);
      const results = (await claim.base.batch([...statements, claimStatement(db, claim, claim.resource)] as unknown as typeof statements)) as unknown[];
      claim.committed = true;
      return results.slice(0, statements.length) as never;
    },
    // An import's large write keeps its own path (off the event loop) with the claim in it.
    ...(bulk ? {
      async bulk(statements: readonly BatchItem<'sqlite'>[]) {
        if (claim.committed) return bulk.call(claim.base, statements);
        await bulk.call(claim.base, [...statements, claimStatement(db, claim, claim.resource)]);
        claim.committed = true;
      },
    } : {}),
  };
}

// Requests of this process holding a key, so a concurrent retry waits for the answer instead of
// doing the work a second time (the claim insert would stop it, but only after the work).
const flights = new WeakMap<Db, Map<string, Promise<void>>>();

/**
 * Idempotency-Key on POST. No placeholder is committed before the work: the claim row is written
 * in the work's own batch (claimingWriter; the hazard intake queue adds it to its group's batch),
 * so a crash leaves either nothing (a retry does the work) or the claim with the work (a retry gets
 * the stored response, or one rebuilt from the claim's resource). The response is stored after.
 * The same key with a different body is a client bug → conflict.
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || !key) return next();
  if (key.length > 200) throw validationFailed('Idempotency-Key 过长（最多 200 个字符）');
  const ctx = c.get('ctx');
  const { db } = ctx;
  const personId = c.get('actor').personId;
  // Hash the raw bytes whatever the type (JSON, CSV, XLSX, photo): the same key with another file must
  // not replay the first file's response. Hono caches the body, so the route can still read it.
  const body = new Uint8Array(await c.req.arrayBuffer());
  const requestHash = sha256Hex(Buffer.concat([Buffer.from(`${c.req.method} ${c.req.path}\n`), body]));
  const where = and(eq(idempotencyKeys.personId, personId), eq(idempotencyKeys.key, key));
  const find = () => db.select().from(idempotencyKeys).where(where).get();

  const running = flights.get(db) ?? flights.set(db, new Map()).get(db)!;
  const flightKey = `${personId}\n${key}`;
  // Each request in turn; several may wait on one flight, so re-check after waking.
  while (running.has(flightKey)) await running.get(flightKey);
  const prior = await find();
  // The first batch of a several-batch work committed, then the process stopped: run it again to finish.
  const resume = !!prior && prior.requestHash === requestHash && prior.statusCode === COMMITTED && resumable.has(kindOf(prior.resource));
  if (prior && !resume) return answerFrom(c, prior, requestHash);

  let land!: () => void;
  running.set(flightKey, new Promise<void>((r) => (land = r)));
  try {
    const claim: IdempotencyClaim = {
      personId, key, method: c.req.method, path: c.req.path, requestHash, at: resume ? prior.createdAt : ctx.clock(), base: ctx.writer, committed: resume,
    };
    c.set('ctx', { ...ctx, writer: claimingWriter(db, claim), idempotency: claim });
    await next();
    // app.onError has turned a thrown error into c.res. If the work was not ours to commit because
    // the key was claimed meanwhile (another process), the winner's answer is the answer.
    if (c.error && !claim.committed) {
      const winner = await find();
      if (winner) c.res = await answerFrom(c, winner, requestHash);
      return;
    }
    // A failure after the work committed leaves the claim without a response: a retry rebuilds it.
    // A transient answer is no answer either: the retry does (or finishes) the work.
    if (c.error || isTransient(c.res)) return;
    // A response carrying a secret (a new token or binding code, marked no-store) is never stored:
    // a replay gets a conflict telling the caller to ask again, not a second copy of the secret.
    const secret = /no-store/.test(c.res.headers.get('cache-control') ?? '');
    const statusCode = secret ? 409 : c.res.status;
    const responseBody = secret ? JSON.stringify(errorBody(conflict(SECRET_NOT_REPLAYED))) : await c.res.clone().text();
    await claim.base.batch([
      claim.committed
        ? db.update(idempotencyKeys).set({ statusCode, responseBody }).where(and(where, eq(idempotencyKeys.statusCode, COMMITTED)))
        // Nothing was written (a read, a refusal): the response alone is the record.
        : db.insert(idempotencyKeys).values({ ...claimColumns(claim), statusCode, responseBody }).onConflictDoNothing(),
    ]);
  } finally {
    running.delete(flightKey);
    land();
  }
};

const claimColumns = (claim: IdempotencyClaim) => ({
  personId: claim.personId, key: claim.key, method: claim.method, path: claim.path, requestHash: claim.requestHash, createdAt: claim.at,
});

type Row = typeof idempotencyKeys.$inferSelect;

async function answerFrom(c: Context<AppEnv>, prior: Row, requestHash: string): Promise<Response> {
  if (prior.requestHash !== requestHash) throw conflict('该 Idempotency-Key 已用于另一个请求');
  if (prior.statusCode !== COMMITTED) return replayed(prior.responseBody, prior.statusCode);
  // The work committed with its claim, but the process stopped before storing the response.
  const [kind, id] = (prior.resource ?? '').split(':');
  const rebuild = rebuilders.get(kind);
  if (!rebuild || !/^\d+$/.test(id ?? '')) {
    const ctx = c.get('ctx');
    if (ctx.clock().getTime() - prior.createdAt.getTime() < ANSWERING_MS) throw retryable(conflict(IN_PROGRESS));
    throw conflict(RESULT_LOST);
  }
  const { status, body } = await rebuild(c.get('ctx'), Number(id));
  const responseBody = JSON.stringify(body);
  // Kept, so every later retry gets these same bytes.
  const ctx = c.get('ctx');
  const { db } = ctx;
  await (ctx.idempotency?.base ?? ctx.writer).batch([
    db.update(idempotencyKeys).set({ statusCode: status, responseBody })
      .where(and(eq(idempotencyKeys.personId, prior.personId), eq(idempotencyKeys.key, prior.key), eq(idempotencyKeys.statusCode, COMMITTED))),
  ]);
  return replayed(responseBody, status);
}

const replayed = (body: string, status: number) =>
  new Response(body, { status, headers: { 'content-type': 'application/json; charset=UTF-8', 'idempotent-replayed': 'true' } });

/** The resource column value `kind:<id>` built in SQL from a subquery that yields the id. */
export const resourceSql = (kind: string, idSql: SQL): SQL => sql`${kind + ':'} || ${idSql}`;
