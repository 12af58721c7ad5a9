// The WeCom adapter: the only module that imports `@wecom/aibot-node-sdk`.
export { createWecomAdapter, DEFAULT_WECOM_WS_URL, type WecomAdapter, type WecomAdapterOptions } from './adapter.js';
export type { WecomBackoff } from './connection.js';
