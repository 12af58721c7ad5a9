import type { Hono } from 'hono';
import type { Deps } from '../../api/core/context.js';
import type { WebEnv, WebOptions } from '../env.js';

/** DingTalk H5 免登 (not built yet): the route exists only when DingTalk is configured. */
export function registerDingTalkSignIn(_web: Hono<WebEnv>, _deps: Deps, _options: WebOptions) {}
