import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './hono-env.js';
import type { Channel, Deps } from './context.js';
import { isExpired, resolveToken, type ResolvedToken } from './actor.js';
import { DomainError, tokenExpired, unauthorized } from './errors.js';
import { noteTokenUse } from './token-use.js';

// A bot running as its own process (API_URL) says which chat platform a request came from, and
// that is recorded on every event it causes. Only the bots' own tokens (kind 'bot', minted by a
// district admin for the bot: `npm run token -- --bot`) may say so. Any other token stating a chat
// channel is refused, not silently recorded as 'api': a client that claims to be DingTalk is either
// misconfigured or forging provenance, and either way should hear about it. 'api' (or no header)
// is always accepted, and so is an unknown value, read as 'api'.
const CHAT_CHANNELS: Channel[] = ['dingtalk', 'wechat', 'wecom', 'terminal'];
export const CHANNEL_HEADER = 'x-gridsafe-channel';

function channelOf(header: string | undefined, token: ResolvedToken): Channel {
  const value = header?.trim().toLowerCase();
  // Anything but a chat channel names no provenance worth refusing over (as before: 'api').
  if (!value || !CHAT_CHANNELS.includes(value as Channel)) return 'api';
  if (token.kind !== 'bot') {
    throw new DomainError('forbidden', '只有机器人服务令牌可以声明聊天渠道（X-Gridsafe-Channel）', { reason: 'channel_needs_bot_token' });
  }
  return value as Channel;
}

/** Bearer token → actor → ctx; every route behind it is scoped to that person. */
export function authenticate(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthorized();
    const token = await resolveToken(deps.db, m[1]);
    if (!token) throw unauthorized();
    const now = deps.clock();
    if (isExpired(token, now)) throw tokenExpired();
    const channel = channelOf(c.req.header(CHANNEL_HEADER), token);
    noteTokenUse(deps, token.tokenId, token.lastUsedAt, now);
    c.set('actor', token.actor);
    c.set('ctx', { ...deps, actor: token.actor, channel });
    await next();
  };
}
