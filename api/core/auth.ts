import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './hono-env.js';
import type { Deps } from './context.js';
import { actorForToken } from './actor.js';
import { unauthorized } from './errors.js';

/** Bearer token → actor → ctx; every route behind it is scoped to that person. */
export function authenticate(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthorized();
    const actor = await actorForToken(deps.db, m[1]);
    if (!actor) throw unauthorized();
    c.set('actor', actor);
    c.set('ctx', { ...deps, actor, channel: 'api' });
    await next();
  };
}
