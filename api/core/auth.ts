import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './hono-env.js';
import type { Channel, Deps } from './context.js';
import { actorForToken } from './actor.js';
import { unauthorized } from './errors.js';

// A bot running as its own process (API_URL) says which chat platform a request came from; it is
// provenance recorded on events, never a permission, so any authenticated caller may state it.
const CHAT_CHANNELS: Channel[] = ['dingtalk', 'wechat', 'wecom', 'terminal'];
const channelOf = (header: string | undefined): Channel =>
  CHAT_CHANNELS.includes(header as Channel) ? (header as Channel) : 'api';

/** Bearer token → actor → ctx; every route behind it is scoped to that person. */
export function authenticate(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthorized();
    const actor = await actorForToken(deps.db, m[1]);
    if (!actor) throw unauthorized();
    c.set('actor', actor);
    c.set('ctx', { ...deps, actor, channel: channelOf(c.req.header('x-gridsafe-channel')) });
    await next();
  };
}
