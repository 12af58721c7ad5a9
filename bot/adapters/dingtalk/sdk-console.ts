import type { ConsoleRule } from '../../../lib/log-node.js';

// dingtalk-stream 2.1.5 writes straight to the console (client.mjs): these are its lines, each
// turned into an entry of component "dingtalk-sdk" with a Chinese message. The ones that repeat what
// the supervisor already logs (reconnect.ts: 已连接, 连接失败, 已停止) go to debug.
const LINES: { pattern: RegExp; level: 'debug' | 'warn' | 'error'; msg: string }[] = [
  { pattern: /^\[[^\]]*\] connect success$/, level: 'debug', msg: 'SDK：WebSocket 已打开' },
  { pattern: /^Disconnecting\.$/, level: 'debug', msg: 'SDK：正在断开连接' },
  { pattern: /^ERROR\b/, level: 'debug', msg: 'SDK：连接出错（由重连机制处理）' },
  { pattern: /^TERMINATE SOCKET/, level: 'warn', msg: 'SDK：心跳超时，已断开连接' },
  { pattern: /^send: messageId must be defined$/, level: 'error', msg: 'SDK：发送失败，缺少 messageId' },
  { pattern: /^registerCallbackListener:/, level: 'error', msg: 'SDK：注册回调失败' },
  { pattern: /^clientId or clientSecret is null$/, level: 'error', msg: 'SDK：缺少 clientId 或 clientSecret' },
];

export const dingtalkSdkConsole: ConsoleRule = (text) => {
  const line = LINES.find((l) => l.pattern.test(text));
  return line ? { component: 'dingtalk-sdk', level: line.level, msg: line.msg } : null;
};
