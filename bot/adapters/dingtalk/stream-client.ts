import { DWClient, type DWClientDownStream } from 'dingtalk-stream';
import type WebSocket from 'ws';
import { z } from 'zod';
import { L } from './messages.js';

// Fields of DWClient 2.1.5 that are `private` in its typings but must be reached to fix its quirks.
type SdkInternals = {
  socket?: WebSocket;
  dw_url?: string;
  heartbeatIntervallId?: ReturnType<typeof setInterval>;
  sslopts: Record<string, unknown>;
};

// Both halves of an attempt are bounded, so a gateway that accepts and never answers cannot hold
// the supervisor past its schedule: attempt time + the capped backoff stays under 20 s (reconnect.ts).
export const OPEN_TIMEOUT_MS = 5000;

const GatewayAnswer = z.object({ endpoint: z.string().min(1), ticket: z.string().min(1) });

export type StreamClientOptions = {
  clientId: string;
  clientSecret: string;
  apiBase: string;
  /** An established connection closed (not a failed attempt, not stop()). */
  onLost: (code: number) => void;
  log: (line: string) => void;
};

/**
 * The official DWClient with the quirks of 2.1.5 corrected; everything else (the WebSocket, the
 * ping answers, CALLBACK dispatch, socketCallBackResponse, keepAlive) is the SDK's own code.
 */
export class StreamClient extends DWClient {
  private readonly opts: StreamClientOptions;

  constructor(opts: StreamClientOptions) {
    // Quirk: with `debug: true` the SDK prints its whole config, clientSecret included. Never set it.
    super({ clientId: opts.clientId, clientSecret: opts.clientSecret, keepAlive: true });
    this.opts = opts;
    // Quirk: the SDK's auto-reconnect storms. On a refused WebSocket, `_connect` rejects (so
    // `connect()`'s catch schedules a retry) AND the socket's close handler schedules another:
    // every failure spawns two retry chains, 1 s apart, so attempts double each second. A
    // refused gateway call retries every second forever, without backoff. The reconnect
    // supervisor (reconnect.ts) replaces it.
    this.config.autoReconnect = false;
    // Quirk: the SDK opens the WebSocket with no handshake timeout (ws waits forever on a silent
    // endpoint); sslopts is passed to ws as its options.
    this.sdk.sslopts = { ...this.sdk.sslopts, handshakeTimeout: OPEN_TIMEOUT_MS };
  }

  private get sdk(): SdkInternals {
    return this as unknown as SdkInternals;
  }

  /**
   * Quirk: the SDK posts to the hard-coded GATEWAY_URL (https://api.dingtalk.com/…) through
   * axios; this posts to the configured API base instead, with the same body and headers.
   */
  override async getEndpoint(): Promise<this> {
    const res = await fetch(`${this.opts.apiBase}/v1.0/gateway/connections/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        ua: this.config.ua ?? '',
        subscriptions: this.config.subscriptions,
      }),
      signal: AbortSignal.timeout(OPEN_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`gateway/connections/open → HTTP ${res.status}`);
    const answer = GatewayAnswer.safeParse(await res.json().catch(() => null));
    if (!answer.success) throw new Error('gateway/connections/open → no endpoint or ticket');
    this.sdk.dw_url = `${answer.data.endpoint}?ticket=${encodeURIComponent(answer.data.ticket)}`;
    return this;
  }

  override async _connect(): Promise<void> {
    const opening = super._connect();
    // The SDK created the socket synchronously inside the promise executor.
    const socket = this.sdk.socket;
    let opened = false;
    socket?.once('open', () => (opened = true));
    socket?.once('close', (code: number) => {
      // Quirk: the keepAlive interval is set on every open but cleared only by disconnect(); after
      // a server-side close it would keep running (one more per reconnect) and hold the process.
      clearInterval(this.sdk.heartbeatIntervallId);
      if (opened && this.sdk.socket === socket) this.opts.onLost(code);
    });
    await opening;
  }

  /** Quirk: the SDK JSON.parses every frame unguarded inside the socket's listener: a bad frame would crash the process. */
  override onDownStream(data: string): void {
    try {
      super.onDownStream(data);
    } catch (e) {
      this.opts.log(L.badFrame(e instanceof Error ? e.message : String(e)));
    }
  }

  override onSystem(downstream: DWClientDownStream): void {
    if (downstream.headers?.topic === 'disconnect') this.opts.log(L.serverDisconnect(reasonOf(downstream.data)));
    super.onSystem(downstream);
  }

  /** Closes the socket; a peer that does not finish the close handshake is cut off after a second. */
  async close(): Promise<void> {
    const socket = this.sdk.socket;
    this.disconnect();
    if (!socket || socket.readyState === socket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => {
        socket.terminate();
        resolve();
      }, 1000);
      socket.once('close', () => {
        clearTimeout(cut);
        resolve();
      });
    });
  }
}

function reasonOf(data: unknown): string {
  try {
    return String((JSON.parse(String(data)) as { reason?: unknown }).reason ?? '');
  } catch {
    return '';
  }
}
