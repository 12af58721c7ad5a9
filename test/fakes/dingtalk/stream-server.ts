import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { systemFrame } from './robot-frames.js';

export type ClientFrame = { code?: number; headers?: { messageId?: string; topic?: string }; message?: string; data?: string };

/**
 * The Stream WebSocket side on loopback: accepts a connection only with a ticket the gateway issued
 * (each ticket once), pushes frames, answers nothing itself and records every frame the client sends.
 */
export class FakeStreamServer {
  readonly received: ClientFrame[] = [];
  /** Upgrade requests seen, refused ones included. */
  connections = 0;
  private readonly tickets = new Set<string>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private sockets = new Set<WebSocket>();
  private http: Server | null = null;
  private held: { socket: Duplex; go: () => void }[] = [];
  /** While set, WebSocket handshakes wait (the client's socket stays CONNECTING) until releaseUpgrades(). */
  holdUpgrades = false;
  port = 0;

  issueTicket(ticket: string) {
    this.tickets.add(ticket);
  }

  async listen(port = 0): Promise<void> {
    const http = createServer((_req, res) => res.writeHead(426).end());
    http.on('upgrade', (req, socket, head) => {
      this.connections += 1;
      if (this.holdUpgrades) return void this.held.push({ socket, go: () => this.upgrade(req, socket, head) });
      this.upgrade(req, socket, head);
    });
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    this.http = http;
    this.port = (http.address() as AddressInfo).port;
  }

  releaseUpgrades() {
    this.holdUpgrades = false;
    for (const h of this.held.splice(0)) h.go();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket) {
    this.sockets.add(ws);
    ws.on('message', (data) => {
      try {
        this.received.push(JSON.parse(String(data)) as ClientFrame);
      } catch {
        this.received.push({ message: `unparsable: ${String(data)}` });
      }
    });
    ws.on('close', () => this.sockets.delete(ws));
  }

  get openSockets(): number {
    return [...this.sockets].filter((s) => s.readyState === s.OPEN).length;
  }

  /** Sends a frame to every open connection; returns how many got it. */
  push(frame: unknown): number {
    return this.pushRaw(JSON.stringify(frame));
  }

  /** Sends text as is (a broken frame, for robustness tests). */
  pushRaw(text: string): number {
    let n = 0;
    for (const s of this.sockets) {
      if (s.readyState !== s.OPEN) continue;
      s.send(text);
      n += 1;
    }
    return n;
  }

  ping(opaque = 'x') {
    return this.push(systemFrame('ping', { opaque }));
  }

  /** What DingTalk does when a connection expires: a SYSTEM disconnect frame, then close. */
  async disconnectAll(reason = 'connection is expired') {
    this.push(systemFrame('disconnect', { reason }));
    await Promise.all([...this.sockets].map((s) => closed(s)));
  }

  /** Stops listening: new connections to the port are refused. */
  async refuse(): Promise<void> {
    for (const h of this.held.splice(0)) h.socket.destroy();
    for (const s of this.sockets) s.terminate();
    this.sockets.clear();
    const http = this.http;
    this.http = null;
    if (!http) return;
    const done = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeAllConnections();
    await done;
  }

  async close(): Promise<void> {
    await this.refuse();
    this.wss.close();
  }
}

function closed(s: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (s.readyState === s.CLOSED) return resolve();
    s.once('close', () => resolve());
    s.close(1000, 'disconnect');
  });
}
