import type { ConsoleRule } from '../../../lib/log-node.js';

// Wechaty and its puppets log through brolog, which prints `HH:MM:SS LEVEL Module message` with
// console.*: each line becomes an entry of component "wechaty" at its own level, without brolog's
// clock (the entry has its own time).
const BROLOG = /^(?:\d\d:\d\d:\d\d )?(ERR|WARN|INFO|VERB|SILL) (.*)$/s;
const LEVEL = { ERR: 'error', WARN: 'warn', INFO: 'info', VERB: 'debug', SILL: 'debug' } as const;

export const wechatySdkConsole: ConsoleRule = (text) => {
  const m = BROLOG.exec(text);
  return m ? { component: 'wechaty', level: LEVEL[m[1] as keyof typeof LEVEL], msg: m[2] } : null;
};
