import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { TINY_JPEG } from './jpeg.js';
import type { FakeStreamServer } from './stream-server.js';

export type ApiCall = { path: string; body: Record<string, unknown>; token: string | null };

/**
 * The HTTP side of DingTalk on loopback: gateway open, OpenAPI (token, batchSend, group send,
 * picture download), short-lived picture URLs and session webhooks. Everything it is asked is kept
 * in `calls`; its behaviour is switched by the public fields.
 */
export class FakeApiServer {
  readonly calls: ApiCall[] = [];
  readonly webhookPosts: { session: string; body: Record<string, unknown> }[] = [];
  readonly pictureDownloads: string[] = [];
  /** Media uploaded through the legacy oapi `/media/upload` (multipart field `media`), by media_id. */
  readonly uploads = new Map<string, { type: string; fileName: string; mime: string; bytes: Buffer }>();
  /** Status of the gateway open call; anything but 200 refuses. */
  gatewayStatus = 200;
  gatewayOpens = 0;
  tokensIssued = 0;
  tokenExpireIn = 7200;
  flowControlled = new Set<string>();
  invalidStaff = new Set<string>();
  /** A group robot over its 20-a-minute limit answers errcode 130101. */
  groupThrottled = false;
  /**
   * Session webhooks take the POST and never answer (a stalled DingTalk): such a reply is not
   * delivered and not in `webhookPosts`; it is kept in `heldWebhooks` until the sender gives up.
   */
  holdWebhooks = false;
  readonly heldWebhooks: { session: string; body: Record<string, unknown> }[] = [];
  /** The next this many session-webhook POSTs are refused the way DingTalk does: HTTP 200 with an errcode. */
  refuseWebhooks = 0;
  readonly refusedWebhooks: { session: string; body: Record<string, unknown> }[] = [];
  /** While set, session-webhook POSTs wait for it before they are taken (a slow DingTalk). */
  webhookGate: Promise<void> | null = null;
  base = '';
  private readonly validTokens = new Set<string>();
  private http: Server | null = null;

  constructor(
    private readonly stream: FakeStreamServer,
    private readonly creds: { clientId: string; clientSecret: string },
  ) {}

  /** Listens on loopback; pass the old port to come back after close() (a gateway outage). */
  async listen(port = 0): Promise<void> {
    this.http = createServer((req, res) => void this.route(req, res).catch((e) => send(res, 500, { message: String(e) })));
    await new Promise<void>((resolve) => this.http!.listen(port, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  /** Every issued token stops working: the next OpenAPI call gets 401. */
  expireTokens() {
    this.validTokens.clear();
  }

  sessionWebhook(session: string = randomUUID()) {
    return `${this.base}/robot/sendBySession?session=${session}`;
  }

  callsTo(path: string) {
    return this.calls.filter((c) => c.path === path);
  }

  private async route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.base);
    if (req.method === 'GET' && url.pathname.startsWith('/media/')) {
      this.pictureDownloads.push(url.pathname);
      return void res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': TINY_JPEG.byteLength }).end(TINY_JPEG);
    }
    if (req.method === 'POST' && url.pathname === '/media/upload') return this.mediaUpload(req, url, res);
    const body = await readJson(req);
    const token = (req.headers['x-acs-dingtalk-access-token'] as string | undefined) ?? null;
    if (url.pathname === '/robot/sendBySession') {
      if (this.holdWebhooks) return void this.heldWebhooks.push({ session: url.searchParams.get('session') ?? '', body });
      if (this.webhookGate) await this.webhookGate;
      if (this.refuseWebhooks > 0) {
        this.refuseWebhooks -= 1;
        this.refusedWebhooks.push({ session: url.searchParams.get('session') ?? '', body });
        return send(res, 200, { errcode: 300001, errmsg: 'session 不存在或已过期' });
      }
      this.webhookPosts.push({ session: url.searchParams.get('session') ?? '', body });
      return send(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    this.calls.push({ path: url.pathname, body, token });
    switch (url.pathname) {
      case '/v1.0/gateway/connections/open':
        return this.gatewayOpen(body, res);
      case '/v1.0/oauth2/accessToken': {
        if (body.appKey !== this.creds.clientId || body.appSecret !== this.creds.clientSecret) return send(res, 400, { code: 'invalidClientSecret' });
        const accessToken = `tok${++this.tokensIssued}-${randomUUID()}`;
        this.validTokens.add(accessToken);
        return send(res, 200, { accessToken, expireIn: this.tokenExpireIn });
      }
    }
    if (!token || !this.validTokens.has(token)) return send(res, 401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
    switch (url.pathname) {
      case '/v1.0/robot/oToMessages/batchSend': {
        const userIds = body.userIds as string[];
        if (!Array.isArray(userIds) || userIds.length > 20) return send(res, 400, { code: 'invalidParameter.userIds' });
        if (!validMsgParam(body) || !this.validImage(body)) return send(res, 400, { code: 'invalidParameter.msgParam' });
        return send(res, 200, {
          processQueryKey: randomUUID(),
          invalidStaffIdList: userIds.filter((u) => this.invalidStaff.has(u)),
          flowControlledStaffIdList: userIds.filter((u) => this.flowControlled.has(u)),
        });
      }
      case '/v1.0/robot/groupMessages/send':
        if (this.groupThrottled) return send(res, 400, { code: '130101', message: '发送太快' });
        if (!validMsgParam(body) || !this.validImage(body) || !body.openConversationId) return send(res, 400, { code: 'invalidParameter' });
        return send(res, 200, { processQueryKey: randomUUID() });
      case '/v1.0/robot/messageFiles/download':
        if (!body.downloadCode || !body.robotCode) return send(res, 400, { code: 'invalidParameter' });
        return send(res, 200, { downloadUrl: `${this.base}/media/${encodeURIComponent(String(body.downloadCode))}.jpg?expires=${Date.now() + 60_000}` });
    }
    return send(res, 404, { code: 'notFound' });
  }

  /**
   * oapi.dingtalk.com/media/upload?access_token=…&type=image: the token in the query (the same token
   * the v1.0 API issues), the file as multipart `media`; answers errors as 200 with an errcode.
   */
  private async mediaUpload(req: IncomingMessage, url: URL, res: ServerResponse) {
    const token = url.searchParams.get('access_token');
    this.calls.push({ path: url.pathname, body: { type: url.searchParams.get('type') }, token });
    if (!token || !this.validTokens.has(token)) return send(res, 200, { errcode: 40014, errmsg: '不合法的access_token' });
    const type = url.searchParams.get('type') ?? '';
    if (!['image', 'voice', 'video', 'file'].includes(type)) return send(res, 200, { errcode: 40004, errmsg: '不合法的媒体文件类型' });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: Buffer.concat(chunks) })
      .formData().catch(() => null);
    const media = form?.get('media');
    if (!media || typeof media === 'string') return send(res, 200, { errcode: 41001, errmsg: '缺少media参数' });
    // Images up to 20 MB (jpg, gif, png, bmp).
    if (type === 'image' && (media.size > 20 * 1024 * 1024 || !/^image\/(png|jpeg|gif|bmp)$/.test(media.type))) {
      return send(res, 200, { errcode: 40005, errmsg: '不合法的文件类型' });
    }
    const mediaId = `@lA${randomUUID().replace(/-/g, '')}`;
    this.uploads.set(mediaId, { type, fileName: media.name, mime: media.type, bytes: Buffer.from(await media.arrayBuffer()) });
    return send(res, 200, { errcode: 0, errmsg: 'ok', type, media_id: mediaId, created_at: Date.now() });
  }

  /** sampleImageMsg's photoURL is an http(s) URL or a media_id this DingTalk issued. */
  private validImage(body: Record<string, unknown>): boolean {
    if (body.msgKey !== 'sampleImageMsg') return true;
    const photoURL = (JSON.parse(String(body.msgParam)) as { photoURL?: unknown }).photoURL;
    return typeof photoURL === 'string' && (/^https?:\/\//.test(photoURL) || this.uploads.has(photoURL));
  }

  private gatewayOpen(body: Record<string, unknown>, res: ServerResponse) {
    this.gatewayOpens += 1;
    if (this.gatewayStatus !== 200) return send(res, this.gatewayStatus, { code: 'systemError' });
    if (body.clientId !== this.creds.clientId || body.clientSecret !== this.creds.clientSecret) return send(res, 401, { code: 'invalidClient' });
    const ticket = randomUUID();
    this.stream.issueTicket(ticket);
    return send(res, 200, { endpoint: `ws://127.0.0.1:${this.stream.port}`, ticket });
  }

  async close(): Promise<void> {
    const http = this.http;
    this.http = null;
    if (!http) return;
    const done = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeAllConnections();
    await done;
  }
}

function validMsgParam(body: Record<string, unknown>): boolean {
  if (typeof body.msgKey !== 'string' || typeof body.msgParam !== 'string') return false;
  if (Buffer.byteLength(body.msgParam) > 15_000) return false;
  try {
    JSON.parse(body.msgParam);
    return true;
  } catch {
    return false;
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (chunks.length === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
