import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from './errors.js';

const tooLarge = () => new DomainError('payload_too_large', '请求体过大');

/**
 * Refuses a body over `limitOf(content type)` bytes. A declared Content-Length is checked from the
 * header alone (Node's parser never hands over more bytes than it declares); only a body without
 * one (chunked) is counted while it streams, by hono's bodyLimit. Why not hono's for all: it reads
 * `c.req.raw.body`, which makes @hono/node-server build a full web Request and stream for every POST
 * and turns off its direct body read — measured as about a tenth of a hazard report's CPU.
 */
export function limitBody(limitOf: (contentType: string) => number): MiddlewareHandler {
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const max = limitOf(c.req.header('content-type') ?? '');
    const length = c.req.header('content-length');
    if (length !== undefined && /^\d+$/.test(length) && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > max) throw tooLarge();
      return next();
    }
    return bodyLimit({ maxSize: max, onError: () => { throw tooLarge(); } })(c, next);
  };
}
