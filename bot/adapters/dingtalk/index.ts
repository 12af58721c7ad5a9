// The DingTalk adapter: the only module that imports `dingtalk-stream`.
export { createDingTalkAdapter, DEFAULT_API_BASE, type DingTalkAdapter, type DingTalkAdapterOptions } from './adapter.js';
export type { BatchResult } from './proactive.js';
export type { BackoffOptions } from './reconnect.js';
