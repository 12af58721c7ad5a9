import type { MiddlewareHandler } from 'hono';
import { and, eq } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema/index.js';
import { sha256Hex } from '../../lib/hash.js';
import type { AppEnv } from './hono-env.js';
import { conflict, errorBody, validationFailed } from './errors.js';

const SECRET_NOT_REPLAYED = '该请求的结果含一次性密钥，不会重复返回；如需要请重新申请';

const PENDING = 0;

/**
 * Idempotency-Key on POST: the first request claims the key with a placeholder row (so two
 * concurrent retries cannot both run), the response is stored, and any repeat with the same body
 * gets the stored response. The same key with a different body is a client bug → conflict.
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || !key) return next();
  if (key.length > 200) throw validationFailed('Idempotency-Key 过长（最多 200 个字符）');
  const { db, clock } = c.get('deps');
  const personId = c.get('actor').personId;
  // Hash the raw bytes whatever the type (JSON, CSV, XLSX, photo): the same key with another file must
  // not replay the first file's response. Hono caches the body, so the route can still read it.
  const body = new Uint8Array(await c.req.arrayBuffer());
  const requestHash = sha256Hex(Buffer.concat([Buffer.from(`${c.req.method} ${c.req.path}\n`), body]));

  const claimed = await db
    .insert(idempotencyKeys)
    .values({ personId, key, method: c.req.method, path: c.req.path, requestHash, statusCode: PENDING, responseBody: '', createdAt: clock() })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });

  const where = and(eq(idempotencyKeys.personId, personId), eq(idempotencyKeys.key, key));
  if (claimed.length === 0) {
    const prior = await db.select().from(idempotencyKeys).where(where).get();
    if (!prior || prior.requestHash !== requestHash) throw conflict('该 Idempotency-Key 已用于另一个请求');
    if (prior.statusCode === PENDING) throw conflict('相同请求正在处理中，请稍后重试');
    c.header('idempotent-replayed', 'true');
    return c.body(prior.responseBody, prior.statusCode as 200, { 'content-type': 'application/json; charset=UTF-8' });
  }

  try {
    await next();
  } catch (e) {
    await db.delete(idempotencyKeys).where(where);
    throw e;
  }
  // Errors are thrown to app.onError, so a response here is what the route returned (incl. 4xx from validation).
  if (c.res.status >= 500) {
    await db.delete(idempotencyKeys).where(where);
    return;
  }
  // A response carrying a secret (a new token or binding code, marked no-store) is never stored:
  // a replay gets a conflict telling the caller to ask again, not a second copy of the secret.
  const secret = /no-store/.test(c.res.headers.get('cache-control') ?? '');
  const responseBody = secret ? JSON.stringify(errorBody(conflict(SECRET_NOT_REPLAYED))) : await c.res.clone().text();
  await db.update(idempotencyKeys).set({ statusCode: secret ? 409 : c.res.status, responseBody }).where(where);
};
