import type { Deps } from '../../api/core/context.js';
import { DomainError } from '../../api/core/errors.js';
import { loadActor } from '../../api/core/actor.js';
import { BindingCodeError, redeemBindingCode } from '../../api/people/redeem-binding-code.js';
import type { IncomingMessage } from '../port.js';
import type { Reply } from '../present/reply.js';
import { parseMessage } from './parse/index.js';
import { externalIdOf } from './sender.js';
import { unboundReply } from './help.js';
import { M } from './messages.js';
import type { BindThrottle } from './bind-throttle.js';

/**
 * A sender with no bound person learns how to bind and nothing else: whatever they typed, the only
 * command that does anything is `绑定 1234567890`. Wrong guesses are limited by the verb, in the
 * database (api/people/binding-limits.ts).
 */
export async function strangerReply(deps: Deps, throttle: BindThrottle, msg: IncomingMessage, text: string, now: Date): Promise<Reply | null> {
  if (!text && msg.images.length === 0) return null;
  const parsed = parseMessage(text, now);
  const externalId = externalIdOf(msg.platform, msg.senderId);
  if (parsed.intent !== 'bind' || !externalId) return unboundReply();
  try {
    const { personId, name } = await redeemBindingCode(deps, { platform: msg.platform, externalId, code: parsed.code, now }, throttle.limits);
    const actor = await loadActor(deps.db, personId);
    return { title: '绑定成功', lines: [M.bound(name, actor?.role ?? 'worker')] };
  } catch (e) {
    // Waiting is the answer; another code would not help.
    if (e instanceof BindingCodeError && e.reason === 'throttled') return { title: '绑定失败', lines: [e.message] };
    if (e instanceof DomainError && e.code !== 'internal') return { title: '绑定失败', lines: [e.message, M.bindRetry] };
    throw e;
  }
}
