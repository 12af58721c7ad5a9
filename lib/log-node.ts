import { format } from 'node:util';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import pretty from 'pino-pretty';
import { logger, redactText, setLogSink, type Level, type Sink } from './log.js';

// The Node process's log: pino writes each entry (already redacted by lib/log.ts) with its time,
// level and component, as JSON lines when stdout is not a terminal (files, journald, docker) and
// as readable coloured lines on a terminal. Both write synchronously: the volume is a few lines a
// minute, and a crash must not lose the lines that explain it.

export type NodeLogOptions = {
  /** Default: pretty when stdout is a terminal. */
  pretty?: boolean;
  level?: Level;
  /** Default: stdout (tests pass a stream to read back). */
  destination?: DestinationStream;
};

export function pinoSink(opts: NodeLogOptions = {}): { sink: Sink; root: Pino } {
  const usePretty = opts.pretty ?? Boolean(process.stdout.isTTY);
  const destination = usePretty
    ? pretty({
      colorize: opts.destination === undefined,
      sync: true,
      destination: (opts.destination ?? 1) as never,
      translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
      ignore: 'pid,hostname,component',
      messageFormat: '[{component}] {msg}',
    })
    : opts.destination ?? pino.destination({ dest: 1, sync: true });
  const root = pino(
    {
      level: opts.level ?? 'info',
      base: undefined, // no pid/hostname on every line
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const children = new Map<string, Pino>();
  const sink: Sink = ({ level, component, msg, fields }) => {
    const child = children.get(component) ?? children.set(component, root.child({ component })).get(component)!;
    child[level](fields, msg);
  };
  return { sink, root };
}

/** Installs pino as the sink of every logger('…') in this process. */
export function installNodeLog(opts: NodeLogOptions = {}): Pino {
  const { sink, root } = pinoSink(opts);
  setLogSink(sink, opts.level ?? 'info');
  return root;
}

/** What a third-party console line becomes; null keeps the default (component "console"). */
export type ConsoleRule = (text: string, method: ConsoleMethod) => { component: string; level: Level; msg: string } | null;
type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';

const METHOD_LEVEL: Record<ConsoleMethod, Level> = { log: 'info', info: 'info', debug: 'debug', warn: 'warn', error: 'error' };

/**
 * Routes console.* through the log: the SDKs (dingtalk-stream prints "connect success",
 * "Disconnecting.", "ERROR …" with console.info/warn) write there and nowhere else. Rules turn known
 * lines into the component's own entries. Returns a function that restores the console.
 */
export function routeConsole(rules: ConsoleRule[] = []): () => void {
  const original = { ...console };
  const fallback = logger('console');
  const byComponent = new Map<string, ReturnType<typeof logger>>();
  for (const method of Object.keys(METHOD_LEVEL) as ConsoleMethod[]) {
    console[method] = (...args: unknown[]) => {
      const text = redactText(format(...args));
      for (const rule of rules) {
        const hit = rule(text, method);
        if (!hit) continue;
        const l = byComponent.get(hit.component) ?? byComponent.set(hit.component, logger(hit.component)).get(hit.component)!;
        return l[hit.level](hit.msg, hit.msg === text ? {} : { raw: text });
      }
      fallback[METHOD_LEVEL[method]](text);
    };
  }
  return () => Object.assign(console, original);
}
