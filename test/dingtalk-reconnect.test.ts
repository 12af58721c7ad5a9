import { describe, it, expect, afterEach, vi } from 'vitest';
import nock from 'nock';
import { DWClient } from 'dingtalk-stream';
import { createDingTalkAdapter, type DingTalkAdapter } from '../bot/adapters/dingtalk/index.js';
import { backoffDelay, DEFAULT_BACKOFF, superviseConnection, type BackoffOptions } from '../bot/adapters/dingtalk/reconnect.js';
import { OPEN_TIMEOUT_MS } from '../bot/adapters/dingtalk/stream-client.js';
import type { MessageHandler } from '../bot/port.js';
import { startFakeDingTalk, FAKE_CLIENT, settle, waitFor, type FakeDingTalk } from './fakes/dingtalk/fake-dingtalk.js';
import { robotMessage, textBody } from './fakes/dingtalk/robot-frames.js';

describe('DingTalk Stream adapter: connection loss and reconnects', () => {
  let fake: FakeDingTalk | undefined;
  let adapter: DingTalkAdapter | undefined;
  const logs: string[] = [];

  async function setup(handler: MessageHandler, reconnect?: Partial<BackoffOptions>) {
    fake = await startFakeDingTalk();
    // A shortened schedule drops the one-second floor between open calls too, unless it sets its own.
    const schedule = reconnect ? { minIntervalMs: 0, ...reconnect } : undefined;
    adapter = createDingTalkAdapter({ ...FAKE_CLIENT, apiBase: fake.apiBase, reconnect: schedule, log: (l) => logs.push(l) });
    adapter.onMessage(handler);
    await adapter.start();
    await fake.waitForConnections(1);
    return fake;
  }

  // The server sees a connection before the client's 'open' fires: wait for the client's own log.
  const connectedLogs = () => logs.filter((l) => l.includes('已连接')).length;
  const waitForConnected = (n: number) => waitFor(() => connectedLogs() >= n, `${n} connected log line(s)`);

  afterEach(async () => {
    await adapter?.stop();
    await fake?.close();
    adapter = undefined;
    fake = undefined;
    logs.length = 0;
  });

  it('reconnects after a server-initiated disconnect and loses no message', async () => {
    // A handler that records each message id once, as the inbox does.
    const handled = new Map<string, number>();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const f = await setup(async (msg) => {
      handled.set(msg.messageId, (handled.get(msg.messageId) ?? 0) + 1);
      if (msg.text === '慢') await gate;
      return null;
      // The reconnect waits long enough that the in-flight handler finishes while disconnected.
    }, { minDelayMs: 300 });
    const hook = f.api.sessionWebhook();
    // In flight when the server drops the connection: its ACK cannot reach the server.
    const slow = robotMessage({ staffId: 's1', sessionWebhook: hook, msgId: 'slow-1' }, textBody('慢', false));
    const slowFrame = f.pushRobot(slow);
    await waitFor(() => handled.has('slow-1'), 'slow message to reach the handler');

    await f.stream.disconnectAll('connection is expired');
    expect(f.stream.openSockets).toBe(0);
    release();
    await settle(20);
    expect(f.acks(slowFrame)).toHaveLength(0);

    await waitForConnected(2);
    expect(f.api.gatewayOpens).toBe(2);
    expect(f.stream.connections).toBe(2);
    expect(logs.some((l) => l.includes('服务器要求断开：connection is expired'))).toBe(true);
    expect(logs.some((l) => l.includes('连接断开'))).toBe(true);

    // DingTalk re-sends the unacknowledged message on the new connection; a new one follows.
    f.pushRobot(slow, slowFrame);
    const after = f.pushRobot(robotMessage({ staffId: 's1', sessionWebhook: hook, msgId: 'after-1' }, textBody('统计', false)));
    await f.waitForAcks(slowFrame);
    await f.waitForAcks(after);
    expect(handled.get('after-1')).toBe(1);
    expect(handled.get('slow-1')).toBe(2); // delivered twice; the inbox makes the second a no-op
  });

  it('still replies when the ACK cannot be sent because the socket is mid-reconnect', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const f = await setup(async (msg) => {
      await gate;
      return { title: '好', text: `已处理 ${msg.text}` };
    }, { minDelayMs: 20 });
    const frameId = f.pushRobot(robotMessage({ staffId: 's2', sessionWebhook: f.api.sessionWebhook() }, textBody('统计', false)));
    await settle(20);
    f.stream.holdUpgrades = true; // the next connection stays CONNECTING: ws throws on send
    await f.stream.disconnectAll();
    await waitFor(() => f.stream.connections === 2, 'the reconnect to reach the server');
    release();
    await f.waitForWebhooks(1);
    expect(f.api.webhookPosts[0].body).toEqual({ msgtype: 'text', text: { content: '已处理 统计' } });
    expect(logs.some((l) => l.includes(frameId) && l.includes('确认未送出'))).toBe(true);
    f.stream.releaseUpgrades();
    await waitForConnected(2);
  });

  it('keeps the keepAlive heartbeat to one timer across reconnects', async () => {
    // The SDK's heartbeat is a setInterval of 8 s set on every open; watch which stay alive.
    const live = new Set<unknown>();
    const realSet = globalThis.setInterval;
    const realClear = globalThis.clearInterval;
    const setSpy = vi.spyOn(globalThis, 'setInterval').mockImplementation(((fn: () => void, ms?: number) => {
      const id = realSet(fn, ms);
      if (ms === 8000) live.add(id);
      return id;
    }) as typeof setInterval);
    const clearSpy = vi.spyOn(globalThis, 'clearInterval').mockImplementation(((id?: ReturnType<typeof setInterval>) => {
      live.delete(id);
      realClear(id);
    }) as typeof clearInterval);
    try {
      const f = await setup(async () => null, { minDelayMs: 20 });
      expect(live.size).toBe(1);
      for (let i = 0; i < 3; i += 1) {
        await f.stream.disconnectAll();
        await waitForConnected(i + 2);
      }
      expect(f.api.gatewayOpens).toBe(4);
      expect(live.size).toBe(1);
      await adapter!.stop();
      expect(live.size).toBe(0);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
  });

  it('does not storm on a refused connection, unlike the SDK’s own reconnect', async () => {
    const f = await setup(async () => null); // default backoff: 1 s doubling to 60 s
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await f.stream.refuse(); // the Stream port now refuses connections; the gateway still answers
    const refusedPort = f.stream.port;

    // The bare SDK in the same situation: its gateway URL is hard-coded, so nock answers it.
    let sdkAttempts = 0;
    nock('https://api.dingtalk.com')
      .persist()
      .post('/v1.0/gateway/connections/open')
      .reply(200, () => {
        sdkAttempts += 1;
        return { endpoint: `ws://127.0.0.1:${refusedPort}`, ticket: `t${sdkAttempts}` };
      });
    const bare = new DWClient({ clientId: 'bare', clientSecret: 'bare-secret' });

    const opensBefore = f.api.gatewayOpens;
    void bare.connect();
    await settle(3000);
    const ours = f.api.gatewayOpens - opensBefore;
    const sdk = sdkAttempts;

    // Stop the bare client's retry chains: each ends at its next failure once autoReconnect is off.
    bare.config.autoReconnect = false;
    await settle(1200);
    const sdkFinal = sdkAttempts;
    await settle(300);
    warn.mockRestore();

    console.log('ATTEMPTS in 3 s: ours', ours, 'sdk', sdk);
    expect(ours).toBeGreaterThanOrEqual(1); // it does keep trying
    expect(ours).toBeLessThanOrEqual(3); // ~1 s, then ~2 s later: bounded
    expect(sdk).toBeGreaterThanOrEqual(6); // 1 + 2 + 4 …: every failure schedules two retries
    expect(sdkAttempts).toBe(sdkFinal);
    expect(logs.some((l) => /第 \d 次连接失败/.test(l))).toBe(true);
  }, 10_000);

  it('connects again once a refused Stream port comes back', async () => {
    const f = await setup(async () => null, { minDelayMs: 30 });
    const port = f.stream.port;
    await f.stream.refuse();
    await waitFor(() => logs.filter((l) => l.includes('连接失败')).length >= 2, 'two failed attempts');
    await f.stream.listen(port);
    await waitForConnected(2);
  });

  it('retries a failing gateway call with backoff and logs why', async () => {
    const f = await setup(async () => null, { minDelayMs: 30 });
    f.api.gatewayStatus = 500;
    await f.stream.disconnectAll();
    await waitFor(() => logs.filter((l) => l.includes('HTTP 500')).length >= 2, 'two refused gateway calls');
    f.api.gatewayStatus = 200;
    await waitForConnected(2);
    const failures = logs.filter((l) => l.includes('HTTP 500'));
    expect(failures.slice(0, 2).map((l) => l.match(/第 (\d+) 次/)?.[1])).toEqual(['1', '2']);
    // The waits grow: ~60 ms after the loss's ~30 ms, then ~120 ms (±20 % jitter).
    const waits = failures.map((l) => Number(l.match(/([\d.]+) 秒后重试/)?.[1]));
    expect(waits[1]).toBeGreaterThan(waits[0]);
  });

  it('stays stopped when stop() comes while a reconnect is pending', async () => {
    const f = await setup(async () => null, { minDelayMs: 200 });
    await f.stream.disconnectAll();
    await adapter!.stop();
    const opens = f.api.gatewayOpens;
    await settle(400);
    expect(f.api.gatewayOpens).toBe(opens);
    expect(f.stream.openSockets).toBe(0);
    expect(logs.at(-1)).toContain('已停止');
  });

  it('computes a capped exponential backoff with bounded jitter', () => {
    const mid = (n: number) => backoffDelay(n, DEFAULT_BACKOFF, () => 0.5);
    expect([1, 2, 3, 4, 5, 6].map(mid)).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(800);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0.999999)).toBe(1200);
    expect(backoffDelay(20, DEFAULT_BACKOFF, () => 0.999999)).toBe(8000);
  });

  it('after the gateway is down 30 s, reconnects ≤ 20 s after it returns with ≤ 1 open call a second (real sockets, schedule ÷20)', async () => {
    // Every duration of the default schedule divided by 20, so 30 s of outage take 1.5 s: the
    // assertions are the issue's, divided the same way (≤ 1 s after the return, open calls ≥ 50 ms apart).
    // RECONNECT_SCALE=1 runs it at full length (30 s down; about 45 s).
    const SCALE = Number(process.env.RECONNECT_SCALE ?? 20);
    const backoff: BackoffOptions = {
      minDelayMs: DEFAULT_BACKOFF.minDelayMs / SCALE,
      maxDelayMs: DEFAULT_BACKOFF.maxDelayMs / SCALE,
      stableAfterMs: DEFAULT_BACKOFF.stableAfterMs / SCALE,
      minIntervalMs: DEFAULT_BACKOFF.minIntervalMs! / SCALE,
    };
    // Open calls as the client makes them, refused ones included (the server cannot count those).
    const opens: number[] = [];
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/gateway/connections/open')) opens.push(Date.now());
      return realFetch(input, init);
    });
    try {
      const f = await setup(async () => null, backoff);
      const apiPort = Number(new URL(f.apiBase).port);
      const streamPort = f.stream.port;
      // The whole gateway goes away: the open-connection endpoint and the Stream endpoint.
      await f.api.close();
      await f.stream.refuse();
      await settle((30_000 / SCALE));
      await f.stream.listen(streamPort);
      await f.api.listen(apiPort);
      const returnedAt = Date.now();
      await waitFor(() => connectedLogs() >= 2, 'the reconnect', 100_000 / SCALE);
      const after = Date.now() - returnedAt;
      const gaps = opens.slice(1).map((t, i) => t - opens[i]);
      console.log(`RECONNECT ${after} ms after return (limit ${20_000 / SCALE}); ${opens.length} open calls, least gap ${Math.min(...gaps)} ms`);
      expect(after).toBeLessThanOrEqual(20_000 / SCALE);
      expect(opens.length).toBeGreaterThanOrEqual(4); // it kept trying during the outage
      // Timers may fire up to 1 ms early against Date.now()'s rounding.
      for (const g of gaps) expect(g).toBeGreaterThanOrEqual(1000 / SCALE - 1);
    } finally {
      spy.mockRestore();
    }
  }, 200_000 / Number(process.env.RECONNECT_SCALE ?? 20));
});

describe('reconnect schedule over long outages (the supervisor on a fake clock)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // The supervisor with a client whose gateway, while down, hangs each call until the open timeout:
  // the worst case, since an attempt started just before the return still fails after it.
  function harness(random: () => number = () => 0.999999) {
    let down = false;
    const calls: number[] = [];
    let connections = 0;
    const client = {
      async getEndpoint() {
        calls.push(Date.now());
        if (down) {
          await new Promise((r) => setTimeout(r, OPEN_TIMEOUT_MS));
          throw new Error('The operation was aborted due to timeout');
        }
        return client as never;
      },
      async _connect() {
        connections += 1;
      },
      async close() {},
    };
    const supervisor = superviseConnection({
      client, clientId: 'c', backoff: DEFAULT_BACKOFF, log: () => {}, random,
    });
    return { supervisor, calls, connections: () => connections, setDown: (d: boolean) => void (down = d) };
  }

  for (const outageMs of [30_000, 45_000, 5 * 60_000, 3 * 3600_000]) {
    it.each([0, 0.5, 0.999999])(`gateway down ${outageMs / 1000} s, jitter %s: connected ≤ 20 s after its return, open calls ≥ 1 s apart`, async (jitter) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-12-01T00:00:00Z') });
      const h = harness(() => jitter);
      await h.supervisor.start();
      expect(h.connections()).toBe(1);
      // Long enough that the loss starts the backoff afresh, then the connection drops.
      await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF.stableAfterMs);
      h.setDown(true);
      h.supervisor.lost(1006);
      await vi.advanceTimersByTimeAsync(outageMs);
      h.setDown(false);
      const returnedAt = Date.now();
      while (h.connections() < 2 && Date.now() - returnedAt < 60_000) await vi.advanceTimersByTimeAsync(50);
      expect(h.connections()).toBe(2);
      expect(Date.now() - returnedAt).toBeLessThanOrEqual(20_000);
      const gaps = h.calls.slice(1).map((t, i) => t - h.calls[i]);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
      await h.supervisor.stop();
    });
  }

  it('keeps open calls a second apart even when a connection dies right after opening', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-12-01T00:00:00Z') });
    const h = harness();
    const s = superviseConnection({
      client: { getEndpoint: async () => (h.calls.push(Date.now()), null as never), _connect: async () => {}, close: async () => {} },
      clientId: 'c', backoff: DEFAULT_BACKOFF, log: () => {}, random: () => 0, // jitter at its lowest: 0.8 s
    });
    await s.start();
    for (let i = 0; i < 5; i += 1) {
      s.lost(1006); // lost at once: a short-lived connection keeps the backoff counting
      await vi.advanceTimersByTimeAsync(20_000);
    }
    const gaps = h.calls.slice(1).map((t, i) => t - h.calls[i]);
    expect(gaps).toHaveLength(5);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    await s.stop();
  });
});
