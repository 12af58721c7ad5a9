// The one way code writes to the operator's log: `logger('component').info('消息', { fields })`.
// Runtime-neutral (no Node import), so the Worker uses it too: by default each entry is one JSON
// line on the console (what Workers Logs expects); the Node entry installs pino (lib/log-node.ts).
// Every entry is redacted here, before any sink sees it: a secret is never written anywhere.

export type Level = 'debug' | 'info' | 'warn' | 'error';
export type Fields = Record<string, unknown>;
export type Entry = { level: Level; component: string; msg: string; fields: Fields };
export type Sink = (entry: Entry) => void;

export type Logger = {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
};

export const REDACTED = '[已隐藏]';

/** Field names whose values are secrets wherever they appear (any depth, any case). */
const SECRET_KEY = /token|secret|passw(or)?d|authorization|cookie|ticket|api[-_]?key|bind(ing)?[-_]?code|session[-_]?webhook|^sign(ature)?$/i;

/** Secrets inside free text: SDK lines, error messages, URLs. */
const SECRET_TEXT: [RegExp, string][] = [
  // Authorization headers and bearer tokens.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // This project's API tokens (lib/hash.ts newApiToken).
  [/\bgs_[A-Za-z0-9_-]{6,}/g, REDACTED],
  // Credentials in URLs (DingTalk's Stream ticket, session webhooks, access tokens) and key=value text.
  [/([?&;\s]|^)(access_?token|token|ticket|session|secret|app_?secret|client_?secret|sign|password|code)=[^&\s"',;]+/gi, `$1$2=${REDACTED}`],
  // A printed object: JSON ("clientSecret":"…") or util.inspect (clientSecret: '…').
  [/(["'](?:\w*secret|\w*token|password|authorization|ticket)["']\s*:\s*)"[^"]*"/gi, `$1"${REDACTED}"`],
  [/(\b(?:\w*secret|\w*token|password|authorization|ticket)\s*:\s*)'[^']*'/gi, `$1'${REDACTED}'`],
  // A sign-in link's ticket (web/auth/issue-ticket.ts ticketUrl: `/t/<hex>`, formerly `?t=<hex>`).
  [/(\/t\/|[?&]t=)[0-9a-f]{16,}/g, `$1${REDACTED}`],
  // A binding code in a chat command (bot/dialog/bind.ts: `绑定 123456`).
  [/(绑定\s*[:：]?\s*)\d[\d\s-]{3,14}/g, `$1${REDACTED}`],
  // The bound parameters drizzle prints in a failed query's message: message texts, codes, hashes.
  [/(\nparams: ).*$/s, `$1${REDACTED}`],
  // user:password@ in a connection URL.
  [/(\/\/)[^/@\s:]+:[^/@\s]+@/g, `$1${REDACTED}@`],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of `value` with secret keys masked and every string scrubbed; cycles and depth bounded. */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6 || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) return redact(errorObject(value), depth + 1, seen);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && v != null && v !== '' ? REDACTED : redact(v, depth + 1, seen);
  return out;
}

function errorObject(e: Error): Record<string, unknown> {
  const code = (e as { code?: unknown }).code;
  return {
    type: e.name,
    message: e.message,
    ...(code === undefined ? {} : { code }),
    ...(e.stack ? { stack: e.stack } : {}),
    ...(e.cause === undefined ? {} : { cause: e.cause }),
  };
}

/** `{ err }` for a caught value, the shape pino and the JSON sink print errors in. */
export function errorFields(e: unknown): Fields {
  return { err: e instanceof Error ? e : { message: String(e) } };
}

/** One JSON line per entry on the console: the Worker's sink, and the default anywhere else. */
export const jsonConsoleSink: Sink = ({ level, component, msg, fields }) => {
  const line = JSON.stringify({ time: new Date().toISOString(), level, component, msg, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

let sink: Sink = jsonConsoleSink;
let minLevel: Level = 'info';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where entries go from now on (the Node entry: pino). Returns the previous sink. */
export function setLogSink(next: Sink, level: Level = minLevel): Sink {
  const previous = sink;
  sink = next;
  minLevel = level;
  return previous;
}

export function logger(component: string): Logger {
  const write = (level: Level) => (msg: string, fields: Fields = {}) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    // A logger must never throw into the code that logs.
    try {
      sink({ level, component, msg: redactText(msg), fields: redact(fields) as Fields });
    } catch {
      /* nothing sensible left to report to */
    }
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * For option defaults that take `(line) => void`: each line becomes an entry of `component`, less
 * the `[钉钉] ` / `[jobs] ` tag such lines start with (the entry names its component).
 */
export function lineLogger(component: string, level: Level = 'info'): (line: string) => void {
  const l = logger(component);
  return (line) => l[level](line.replace(/^\[[^\]\n]{1,16}\]\s*/, ''));
}
