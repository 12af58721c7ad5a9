import { describe, it, expect, afterEach } from 'vitest';
import { Writable } from 'node:stream';
import { format } from 'node:util';
import { DWClient } from 'dingtalk-stream';
import { log as wechatyLog } from 'wechaty';
import { errorFields, lineLogger, logger, redact, redactText, setLogSink, REDACTED, type Entry } from '../lib/log.js';
import { pinoSink, routeConsole } from '../lib/log-node.js';
import { dingtalkSdkConsole } from '../bot/adapters/dingtalk/sdk-console.js';
import { wechatySdkConsole } from '../bot/adapters/wechat/sdk-console.js';

function capture() {
  const entries: Entry[] = [];
  const previous = setLogSink((e) => entries.push(e), 'debug');
  return { entries, restore: () => setLogSink(previous, 'info') };
}

function lines() {
  const out: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { out.push(String(chunk)); done(); } });
  return { out, stream };
}

describe('logs', () => {
  const undo: (() => unknown)[] = [];
  afterEach(() => { for (const u of undo.splice(0).reverse()) u(); });

  it('redacts secrets by key at any depth and by pattern inside text', () => {
    const token = 'gs_AbCdEfGhIjKlMnOpQrStUvWxYz012345';
    const out = redact({
      clientId: 'dingclient', clientSecret: 'very-secret', DATABASE_AUTH_TOKEN: 'eyJhbGci.x.y',
      req: { headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      person: { name: '张三', bindingCode: '123456' },
      list: [{ accessToken: 'tok1' }, 'ok'],
      url: 'wss://wss-open-connection.dingtalk.com/connect?ticket=abc-123-def',
      webhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=9f8e7d',
      note: `用户发送：绑定 654321；令牌 ${token}`,
      dsn: 'libsql://admin:hunter2@db.example.com',
      count: 3, empty: null,
    }) as Record<string, any>;
    const text = JSON.stringify(out);
    for (const secret of ['very-secret', 'eyJhbGci', token, '123456', 'tok1', 'abc-123-def', '9f8e7d', '654321', 'hunter2']) {
      expect(text).not.toContain(secret);
    }
    expect(out.clientId).toBe('dingclient');
    expect(out.clientSecret).toBe(REDACTED);
    expect(out.req.headers.Authorization).toBe(REDACTED);
    expect(out.req.headers['content-type']).toBe('application/json');
    expect(out.person).toEqual({ name: '张三', bindingCode: REDACTED });
    expect(out.url).toBe(`wss://wss-open-connection.dingtalk.com/connect?ticket=${REDACTED}`);
    expect(out.note).toBe(`用户发送：绑定 ${REDACTED}；令牌 ${REDACTED}`);
    expect(out.count).toBe(3);
    expect(out.empty).toBeNull();
    expect(redactText('axios: {"clientSecret":"s3cr3t","ua":""}')).not.toContain('s3cr3t');
    expect(redactText(format('config %o', { clientSecret: 'inspected1', access_token: 'inspected2' }))).not.toMatch(/inspected/);
    expect(redactText('Stream 连接断开 (code 1006)，1 秒后重连')).toBe('Stream 连接断开 (code 1006)，1 秒后重连');
    // A sign-in link in a logged reply or URL: the ticket goes, the rest stays.
    expect(redactText(`回复：打开我的任务：https://x.gov.cn/t/${'a1'.repeat(16)}`)).toBe(`回复：打开我的任务：https://x.gov.cn/t/${REDACTED}`);
    expect(redactText(`GET /auth/ticket?t=${'b2'.repeat(32)}&next=%2Fapp`)).toBe(`GET /auth/ticket?t=${REDACTED}&next=%2Fapp`);
  });

  it('an error is logged with its type, message and stack, its message redacted', () => {
    const c = capture();
    undo.push(c.restore);
    logger('api').error('未处理的错误', errorFields(new Error('POST https://x/?access_token=zzz9 failed')));
    const err = c.entries[0].fields.err as Record<string, string>;
    expect(err.type).toBe('Error');
    expect(err.message).toBe(`POST https://x/?access_token=${REDACTED} failed`);
    expect(err.stack).toContain('log.test.ts');
    // drizzle's failed-query message carries the bound values (message texts, hashes): not logged.
    expect(redactText('Failed query: select * from people where phone = ?\nparams: 13800138000')).toBe(`Failed query: select * from people where phone = ?\nparams: ${REDACTED}`);
    expect(JSON.stringify(c.entries)).not.toContain('zzz9');
  });

  it('off a terminal: one JSON line per entry with time, level, component and message', () => {
    const { out, stream } = lines();
    const previous = setLogSink(pinoSink({ pretty: false, destination: stream }).sink);
    undo.push(() => setLogSink(previous));
    const before = Date.now();
    logger('dingtalk').info('Stream 已连接', { clientId: 'dingx', clientSecret: 'nope' });
    logger('inbox').warn('消息处理失败');
    logger('inbox').debug('not at info level');
    expect(out).toHaveLength(2);
    const first = JSON.parse(out[0]);
    expect(first).toEqual({ level: 'info', time: expect.any(String), component: 'dingtalk', clientId: 'dingx', clientSecret: REDACTED, msg: 'Stream 已连接' });
    expect(Date.parse(first.time)).toBeGreaterThanOrEqual(before - 1000);
    expect(first.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(JSON.parse(out[1])).toMatchObject({ level: 'warn', component: 'inbox', msg: '消息处理失败' });
  });

  it('on a terminal: readable lines with time, level and [component], no JSON', () => {
    const { out, stream } = lines();
    const previous = setLogSink(pinoSink({ pretty: true, destination: stream }).sink);
    undo.push(() => setLogSink(previous));
    logger('jobs').info('定时任务已启动');
    const text = out.join('');
    expect(text).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] INFO: \[jobs\] 定时任务已启动\n/);
    expect(text).not.toContain('{');
  });

  it('the DingTalk SDK’s own console lines become Chinese entries of dingtalk-sdk; nothing reaches the console', () => {
    const c = capture();
    undo.push(c.restore);
    const printed: unknown[] = [];
    const realInfo = console.info;
    const realWarn = console.warn;
    console.info = (...a: unknown[]) => void printed.push(a);
    console.warn = (...a: unknown[]) => void printed.push(a);
    undo.push(() => { console.info = realInfo; console.warn = realWarn; });
    undo.push(routeConsole([dingtalkSdkConsole, wechatySdkConsole]));

    // The real SDK: disconnect() prints "Disconnecting." with console.info.
    new DWClient({ clientId: 'c', clientSecret: 'never-printed' }).disconnect();
    console.info(`[${new Date().toISOString()}] connect success`);
    console.warn('ERROR', new Error('connect ECONNREFUSED 127.0.0.1:1'));
    console.log('something else with ticket=t0ps3cret');
    expect(printed).toEqual([]);
    expect(c.entries.map((e) => [e.component, e.level, e.msg])).toEqual([
      ['dingtalk-sdk', 'debug', 'SDK：正在断开连接'],
      ['dingtalk-sdk', 'debug', 'SDK：WebSocket 已打开'],
      ['dingtalk-sdk', 'debug', 'SDK：连接出错（由重连机制处理）'],
      ['console', 'info', `something else with ticket=${REDACTED}`],
    ]);
    expect(c.entries[2].fields.raw).toContain('ECONNREFUSED');
  });

  it('wechaty’s log (brolog) becomes entries of wechaty at its own level', () => {
    const c = capture();
    undo.push(c.restore);
    undo.push(routeConsole([dingtalkSdkConsole, wechatySdkConsole]));
    wechatyLog.warn('PuppetMock', 'login(%s) token %s', 'bot', 'token=abc999');
    wechatyLog.error('Wechaty', 'start() failed');
    expect(c.entries.map((e) => [e.component, e.level])).toEqual([['wechaty', 'warn'], ['wechaty', 'error']]);
    expect(c.entries[0].msg).toBe(`PuppetMock login(bot) token token=${REDACTED}`);
  });

  it('line loggers drop the [tag] the component already names; a failing sink never throws into the caller', () => {
    const c = capture();
    undo.push(c.restore);
    lineLogger('dingtalk')('[钉钉] Stream 已停止');
    expect(c.entries[0]).toMatchObject({ component: 'dingtalk', level: 'info', msg: 'Stream 已停止' });
    setLogSink(() => { throw new Error('disk full'); }, 'debug');
    expect(() => logger('x').error('still fine')).not.toThrow();
  });
});
