import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCipheriv, randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

// A fake WeCom 智能机器人 long-connection gateway on loopback, speaking the frames the official SDK
// (@wecom/aibot-node-sdk 1.0.7) exchanges with wss://openws.work.weixin.qq.com:
//   client → {cmd:'aibot_subscribe', headers:{req_id}, body:{bot_id, secret}}  ← {headers:{req_id}, errcode, errmsg}
//   client → {cmd:'ping', headers:{req_id}}                                     ← {headers:{req_id}, errcode:0}
//   server → {cmd:'aibot_msg_callback', headers:{req_id}, body:{msgid, chattype, from, msgtype, …}}
//   client → {cmd:'aibot_respond_msg', headers:{req_id of the callback}, body:{msgtype:'stream', stream}} ← ack
//   client → {cmd:'aibot_send_msg', headers:{req_id}, body:{chatid, msgtype:'markdown', markdown}}       ← ack
//   server → {cmd:'aibot_event_callback', body:{event:{eventtype:'disconnected_event'}}} then close, when
//            a newer connection of the same bot subscribed.
// Media URLs serve bytes encrypted with AES-256-CBC under a per-message aeskey (IV = first 16 key
// bytes, PKCS#7 padded to 32-byte blocks), as the SDK's decryptFile expects.

export const FAKE_BOT = { botId: 'aibot-test-0001', secret: 'fake-wecom-secret' };

export type ClientFrame = { cmd?: string; headers?: { req_id?: string }; body?: Record<string, unknown> };
export type Reply = { reqId: string; body: Record<string, unknown>; errcode: number };
export type Sent = { chatid: string; body: Record<string, unknown>; errcode: number };

type Conn = { ws: WebSocket; authed: boolean; reqIds: Set<string>; id: number };

let seq = 0;

export class FakeWecom {
  /** Subscriptions accepted, in order. */
  subscriptions = 0;
  /** Highest number of authenticated connections of the bot open at one moment. */
  maxConcurrent = 0;
  pings = 0;
  /** While true, pings get no ack (a half-dead gateway). */
  silentPings = false;
  readonly replies: Reply[] = [];
  readonly sent: Sent[] = [];
  readonly welcomes: Reply[] = [];
  readonly received: ClientFrame[] = [];
  /** Media uploaded in three steps (init → chunks → finish), by the media_id it was given. */
  readonly uploads = new Map<string, { type: string; filename: string; bytes: Buffer }>();
  private readonly uploading = new Map<string, { type: string; filename: string; total: number; chunks: Map<number, Buffer> }>();
  /** Chats that refuse proactive messages (the person never wrote to the bot). */
  readonly refuseSendTo = new Set<string>();
  private readonly conns = new Set<Conn>();
  private readonly media = new Map<string, Buffer>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private http: Server | null = null;
  private waiters: (() => void)[] = [];
  port = 0;

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/`;
  }

  async listen(): Promise<void> {
    const http = createServer((req, res) => {
      const m = /^\/media\/([\w-]+)$/.exec(req.url ?? '');
      const bytes = m ? this.media.get(m[1]) : undefined;
      if (!bytes) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength });
      res.end(bytes);
    });
    http.on('upgrade', (req, socket, head) => this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws)));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    this.http = http;
    this.port = (http.address() as AddressInfo).port;
  }

  private accept(ws: WebSocket) {
    const conn: Conn = { ws, authed: false, reqIds: new Set(), id: ++seq };
    this.conns.add(conn);
    ws.on('message', (data) => {
      let frame: ClientFrame;
      try {
        frame = JSON.parse(String(data)) as ClientFrame;
      } catch {
        return;
      }
      this.received.push(frame);
      this.onFrame(conn, frame);
      this.notify();
    });
    ws.on('close', () => {
      this.conns.delete(conn);
      this.notify();
    });
  }

  private answer(conn: Conn, reqId: string, errcode = 0, errmsg = 'ok', body?: Record<string, unknown>) {
    conn.ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg, ...(body ? { body } : {}) }));
  }

  private onFrame(conn: Conn, frame: ClientFrame) {
    const reqId = frame.headers?.req_id ?? '';
    switch (frame.cmd) {
      case 'aibot_subscribe': {
        if (frame.body?.bot_id !== FAKE_BOT.botId || frame.body?.secret !== FAKE_BOT.secret) {
          return this.answer(conn, reqId, 40058, 'invalid bot_id or secret');
        }
        // One active connection per bot: the older one is told and closed.
        for (const old of this.conns) {
          if (old === conn || !old.authed) continue;
          old.authed = false;
          old.ws.send(JSON.stringify({
            cmd: 'aibot_event_callback',
            headers: { req_id: `evt_${++seq}` },
            body: { msgid: `evt-${seq}`, aibotid: FAKE_BOT.botId, msgtype: 'event', create_time: Date.now(), event: { eventtype: 'disconnected_event' } },
          }));
          setTimeout(() => old.ws.close(), 20);
        }
        conn.authed = true;
        this.subscriptions += 1;
        this.maxConcurrent = Math.max(this.maxConcurrent, this.authedCount);
        return this.answer(conn, reqId);
      }
      case 'ping':
        this.pings += 1;
        if (!this.silentPings) this.answer(conn, reqId);
        return;
      case 'aibot_respond_msg': {
        const body = frame.body ?? {};
        // Passive replies: stream, template card or media only; the req_id must be one of this connection's callbacks.
        const errcode = !conn.reqIds.has(reqId) ? 846605 : ['text', 'markdown'].includes(String(body.msgtype)) ? 40008 : validCard(body.template_card) ? 0 : 40000;
        this.replies.push({ reqId, body, errcode });
        return this.answer(conn, reqId, errcode, errcode === 846605 ? 'invalid req_id' : errcode ? 'invalid message type' : 'ok');
      }
      case 'aibot_respond_welcome_msg': {
        // Only for an enter_chat event of this connection; text or template card.
        const body = frame.body ?? {};
        const errcode = !conn.reqIds.has(reqId) ? 846605 : ['text', 'template_card'].includes(String(body.msgtype)) ? 0 : 40008;
        this.welcomes.push({ reqId, body, errcode });
        return this.answer(conn, reqId, errcode, errcode ? 'refused' : 'ok');
      }
      case 'aibot_upload_media_init': {
        const b = frame.body ?? {};
        if (!conn.authed) return this.answer(conn, reqId, 40001, 'not subscribed');
        if (!['image', 'file', 'voice', 'video'].includes(String(b.type)) || !b.filename || !(Number(b.total_chunks) >= 1)) return this.answer(conn, reqId, 40000, 'invalid upload');
        const uploadId = `up${randomUUID()}`;
        this.uploading.set(uploadId, { type: String(b.type), filename: String(b.filename), total: Number(b.total_chunks), chunks: new Map() });
        return this.answer(conn, reqId, 0, 'ok', { upload_id: uploadId });
      }
      case 'aibot_upload_media_chunk': {
        const b = frame.body ?? {};
        const up = this.uploading.get(String(b.upload_id));
        if (!up || typeof b.base64_data !== 'string') return this.answer(conn, reqId, 40000, 'invalid upload_id');
        up.chunks.set(Number(b.chunk_index), Buffer.from(b.base64_data, 'base64'));
        return this.answer(conn, reqId);
      }
      case 'aibot_upload_media_finish': {
        const id = String(frame.body?.upload_id);
        const up = this.uploading.get(id);
        if (!up || up.chunks.size !== up.total) return this.answer(conn, reqId, 40000, 'upload incomplete');
        this.uploading.delete(id);
        const mediaId = `media${randomUUID()}`;
        const bytes = Buffer.concat([...up.chunks.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c));
        this.uploads.set(mediaId, { type: up.type, filename: up.filename, bytes });
        return this.answer(conn, reqId, 0, 'ok', { type: up.type, media_id: mediaId, created_at: String(Date.now()) });
      }
      case 'aibot_send_msg': {
        const body = frame.body ?? {};
        const chatid = String(body.chatid ?? '');
        // Proactive: markdown, template card, or media by a media_id this WeCom issued.
        const media = ['image', 'file', 'voice', 'video'].includes(String(body.msgtype))
          && this.uploads.has(String((body[String(body.msgtype)] as { media_id?: unknown } | undefined)?.media_id));
        const errcode = !conn.authed ? 40001 : !(['markdown', 'template_card'].includes(String(body.msgtype)) || media) ? 40008 : this.refuseSendTo.has(chatid) ? 93006 : 0;
        this.sent.push({ chatid, body, errcode });
        return this.answer(conn, reqId, errcode, errcode ? 'refused' : 'ok');
      }
      default:
        return this.answer(conn, reqId, 40000, 'unknown cmd');
    }
  }

  get authedCount(): number {
    return [...this.conns].filter((c) => c.authed && c.ws.readyState === c.ws.OPEN).length;
  }

  /** Pushes a message callback to the bot's active connection; returns its req_id. */
  push(body: Record<string, unknown>, reqId = `cb_${++seq}_${Date.now()}`): string {
    const conn = [...this.conns].find((c) => c.authed && c.ws.readyState === c.ws.OPEN);
    if (!conn) throw new Error('no authenticated connection');
    conn.reqIds.add(reqId);
    conn.ws.send(JSON.stringify({ cmd: 'aibot_msg_callback', headers: { req_id: reqId }, body }));
    return reqId;
  }

  /** A click on a template card button (template_card_event with the button's key); returns its req_id. */
  cardClick(userid: string, key: string, taskId: string, reqId = `evt_${++seq}_${Date.now()}`): string {
    const conn = [...this.conns].find((c) => c.authed && c.ws.readyState === c.ws.OPEN);
    if (!conn) throw new Error('no authenticated connection');
    conn.reqIds.add(reqId);
    conn.ws.send(JSON.stringify({
      cmd: 'aibot_event_callback',
      headers: { req_id: reqId },
      body: {
        msgid: `evt-${seq}-${randomUUID()}`, aibotid: FAKE_BOT.botId, chattype: 'single', from: { userid }, msgtype: 'event', create_time: Date.now(),
        event: { eventtype: 'template_card_event', event_key: key, task_id: taskId },
      },
    }));
    return reqId;
  }

  /** Pushes an enter_chat event (a person opened the chat); returns its req_id. */
  enterChat(userid: string, reqId = `evt_${++seq}_${Date.now()}`): string {
    const conn = [...this.conns].find((c) => c.authed && c.ws.readyState === c.ws.OPEN);
    if (!conn) throw new Error('no authenticated connection');
    conn.reqIds.add(reqId);
    conn.ws.send(JSON.stringify({
      cmd: 'aibot_event_callback',
      headers: { req_id: reqId },
      body: { msgid: `evt-${seq}`, aibotid: FAKE_BOT.botId, chattype: 'single', from: { userid }, msgtype: 'event', create_time: Date.now(), event: { eventtype: 'enter_chat' } },
    }));
    return reqId;
  }

  /** Stores bytes behind an encrypted, expiring-style download URL; returns url + aeskey for a message body. */
  addMedia(plain: Uint8Array): { url: string; aeskey: string } {
    const key = randomBytes(32);
    const pad = 32 - (plain.byteLength % 32);
    const padded = Buffer.concat([Buffer.from(plain), Buffer.alloc(pad, pad)]);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    const id = `m${++seq}${randomBytes(4).toString('hex')}`;
    this.media.set(id, Buffer.concat([cipher.update(padded), cipher.final()]));
    return { url: `http://127.0.0.1:${this.port}/media/${id}`, aeskey: key.toString('base64') };
  }

  /** Cuts every connection from the server side without a close handshake (a network drop). */
  drop() {
    for (const c of this.conns) c.ws.terminate();
  }

  private notify() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `cond` holds, re-checked after every frame and close; fails after timeoutMs. */
  async until(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 25);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  async close(): Promise<void> {
    for (const c of this.conns) c.ws.terminate();
    this.wss.close();
    await new Promise<void>((r) => (this.http ? this.http.close(() => r()) : r()));
  }
}

export async function startFakeWecom(): Promise<FakeWecom> {
  const f = new FakeWecom();
  await f.listen();
  return f;
}

let msgSeq = 0;

/** A message callback body as WeCom sends it. */
export function wecomBody(opts: { userid: string; group?: string; msgid?: string }, content: Record<string, unknown>): Record<string, unknown> {
  return {
    msgid: opts.msgid ?? `wecom-msg-${++msgSeq}-${Date.now()}`,
    aibotid: FAKE_BOT.botId,
    chattype: opts.group ? 'group' : 'single',
    ...(opts.group ? { chatid: opts.group } : {}),
    from: { userid: opts.userid },
    create_time: Date.now(),
    ...content,
  };
}

export const text = (content: string) => ({ msgtype: 'text', text: { content } });
export const voice = (content: string) => ({ msgtype: 'voice', voice: { content } });
export const image = (media: { url: string; aeskey: string }) => ({ msgtype: 'image', image: media });
export const mixed = (...items: ({ text: string } | { image: { url: string; aeskey: string } })[]) => ({
  msgtype: 'mixed',
  mixed: { msg_item: items.map((i) => ('text' in i ? { msgtype: 'text', text: { content: i.text } } : { msgtype: 'image', image: i.image })) },
});

/** A button_interaction card needs a task_id (letters, digits, _-@, ≤ 128) and 1–6 buttons with unique keys. */
function validCard(card: unknown): boolean {
  if (card === undefined) return true;
  const c = card as { card_type?: string; task_id?: string; button_list?: { text?: string; key?: string }[] };
  if (c.card_type !== 'button_interaction') return true;
  const keys = (c.button_list ?? []).map((b) => b.key);
  return !!c.task_id && /^[A-Za-z0-9_@-]{1,128}$/.test(c.task_id) && keys.length >= 1 && keys.length <= 6
    && keys.every((k) => typeof k === 'string' && k.length > 0) && new Set(keys).size === keys.length;
}
