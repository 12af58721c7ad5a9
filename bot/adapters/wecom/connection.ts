import { WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import { L } from './messages.js';

export type WecomBackoff = {
  /** First retry delay; doubled per consecutive failure. */
  minDelayMs: number;
  /** Cap of the delay: a dropped connection is back within this (plus jitter). */
  maxDelayMs: number;
  /** A connection that lived this long counts as healthy: the next loss starts again from minDelayMs. */
  stableAfterMs: number;
};

export const DEFAULT_WECOM_BACKOFF: WecomBackoff = { minDelayMs: 1000, maxDelayMs: 10_000, stableAfterMs: 30_000 };

export type ConnectionOptions = {
  botId: string;
  secret: string;
  wsUrl: string;
  backoff: WecomBackoff;
  /** After WeCom disconnected us for another connection of the same bot: wait this long before taking over again. */
  supersededDelayMs: number;
  /** A socket that is open but not authenticated after this long is given up (never half-alive). */
  authTimeoutMs: number;
  heartbeatMs: number;
  log: (line: string) => void;
  /** Every message callback, with the client it arrived on (replies must use that connection's req_id). */
  onMessage: (client: WSClient, frame: WsFrame) => void;
  /** A person opened the chat with the bot (first time that day): a welcome may be sent within 5 s. */
  onEnterChat?: (client: WSClient, frame: WsFrame) => void;
  /** A template card button was clicked (template_card_event). */
  onCardEvent?: (client: WSClient, frame: WsFrame) => void;
};

export type Connection = {
  start(): void;
  stop(): void;
  /** The authenticated client, or null while (re)connecting. */
  current(): WSClient | null;
};

/** Delay before retry number `failures` (1-based): exponential, capped, ±20 % jitter, never above the cap. */
export function backoffDelay(failures: number, b: WecomBackoff, random: () => number = Math.random): number {
  const base = Math.min(b.maxDelayMs, b.minDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(Math.min(b.maxDelayMs, base * (0.8 + 0.4 * random())));
}

/**
 * Keeps exactly one WeCom connection. Each attempt is a fresh WSClient; the SDK's own reconnect is
 * switched off (maxReconnectAttempts 0), because it gives up for good after 10 attempts or 5 auth
 * failures, waits up to 30 s, and after a `disconnected_event` never comes back. A client is torn
 * down completely (listeners removed, socket terminated) before the next one is made, so two
 * connections of this process never exist at once. Half-alive states end the connection: an open
 * socket that does not authenticate in time, missed heartbeat acks (the SDK terminates after two),
 * and `disconnected_event`, after which the SDK has closed the socket but would stay silent.
 */
export function wecomConnection(opts: ConnectionOptions): Connection {
  let stopped = true;
  let client: WSClient | null = null;
  let authed: WSClient | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  // Ends the attempt in progress (tests and stop()).
  let endAttempt: ((reason: string) => void) | null = null;

  function open(): void {
    timer = undefined;
    if (stopped) return;
    const c = new WSClient({
      botId: opts.botId,
      secret: opts.secret,
      wsUrl: opts.wsUrl,
      heartbeatInterval: opts.heartbeatMs,
      maxReconnectAttempts: 0,
      maxAuthFailureAttempts: 0,
      logger: sdkLogger(opts.log),
    });
    client = c;
    let openedAt = 0;
    let superseded = false;
    let lastError = '';
    let done = false;
    const authTimer = setTimeout(() => end(L.authTimeout), opts.authTimeoutMs);

    function end(reason: string): void {
      if (done) return;
      done = true;
      clearTimeout(authTimer);
      c.removeAllListeners();
      // disconnect() warns and does nothing when the SDK already marked itself stopped (server kick).
      c.disconnect();
      if (client === c) client = null;
      if (authed === c) authed = null;
      if (endAttempt === end) endAttempt = null;
      if (stopped) return;
      if (openedAt && Date.now() - openedAt >= opts.backoff.stableAfterMs) failures = 0;
      failures += 1;
      if (superseded) {
        opts.log(L.superseded(opts.supersededDelayMs));
        timer = setTimeout(open, opts.supersededDelayMs);
        return;
      }
      const delay = backoffDelay(failures, opts.backoff);
      opts.log(L.lost(lastError ? `${reason}（${lastError}）` : reason, delay));
      timer = setTimeout(open, delay);
    }
    endAttempt = end;

    c.on('authenticated', () => {
      clearTimeout(authTimer);
      openedAt = Date.now();
      authed = c;
      opts.log(L.connected(opts.botId));
    });
    c.on('message', (frame: WsFrame) => opts.onMessage(c, frame));
    c.on('event.enter_chat', (frame: WsFrame) => opts.onEnterChat?.(c, frame));
    c.on('event.template_card_event', (frame: WsFrame) => opts.onCardEvent?.(c, frame));
    c.on('event.disconnected_event', () => {
      superseded = true;
    });
    c.on('disconnected', (reason: string) => end(reason));
    c.on('error', (e: Error) => {
      // The "attempts exhausted" errors only say the SDK will not reconnect: this supervisor does.
      if ((e as { code?: string }).code === 'WS_RECONNECT_EXHAUSTED' || (e as { code?: string }).code === 'WS_AUTH_FAILURE_EXHAUSTED') return;
      lastError = e.message;
    });
    c.connect();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      failures = 0;
      open();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      endAttempt?.('stopped');
      opts.log(L.stopped);
    },
    current: () => authed,
  };
}

/** The SDK logs every frame at debug (message bodies, download URLs): only its errors reach the operator log, once each. */
function sdkLogger(log: (line: string) => void) {
  const quiet = () => {};
  return {
    debug: quiet,
    info: quiet,
    warn: quiet,
    error: (message: string, ...args: unknown[]) => {
      // Socket errors reach the 'error' event too and end up in the one "断开" line per attempt.
      if (message.startsWith('WebSocket error')) return;
      log(L.sdkError([message, ...args.map(String)].join(' ')));
    },
  };
}
