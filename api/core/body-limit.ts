import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from './errors.js';

const tooLarge = () => new DomainError('payload_too_large', '请求体过大');

/** A limit in bytes, or a limit with the error that explains it (an import names its own limit). */
export type BodyLimit = number | { max: number; error: () => DomainError };

/**
 * Refuses a body over `limitOf(content type, path)` bytes. A declared Content-Length is checked from the
 * header alone (Node's parser never hands over more bytes than it declares); only a body without
 * one (chunked) is counted while it streams, by hono's bodyLimit. Why not hono's for all: it reads
 * `c.req.raw.body`, which makes @hono/node-server build a full web Request and stream for every POST
 * and turns off its direct body read — measured as about a tenth of a hazard report's CPU.
 */
export function limitBody(limitOf: (contentType: string, path: string) => BodyLimit): MiddlewareHandler {
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limit = limitOf(c.req.header('content-type') ?? '', c.req.path);
    const { max, error } = typeof limit === 'number' ? { max: limit, error: tooLarge } : limit;
    const length = c.req.header('content-length');
    if (length !== undefined && /^\d+$/.test(length) && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > max) throw error();
      return next();
    }
    return bodyLimit({ maxSize: max, onError: () => { throw error(); } })(c, next);
  };
}
