import { FakeApiServer } from './api-server.js';
import { FakeStreamServer, type ClientFrame } from './stream-server.js';
import { callbackFrame } from './robot-frames.js';
import { loopbackOnly } from './loopback-only.js';

export const FAKE_CLIENT = { clientId: 'dingfakeclient', clientSecret: 'fake-secret-never-logged' };

export type FakeDingTalk = Awaited<ReturnType<typeof startFakeDingTalk>>;

/** A DingTalk on loopback: gateway + OpenAPI + webhooks over HTTP, the Stream over ws. */
export async function startFakeDingTalk() {
  const restoreNet = loopbackOnly();
  const stream = new FakeStreamServer();
  await stream.listen();
  const api = new FakeApiServer(stream, FAKE_CLIENT);
  await api.listen();

  const acks = (frameId: string) => stream.received.filter((f) => f.headers?.messageId === frameId && f.code === 200);

  return {
    api,
    stream,
    apiBase: api.base,
    /** Pushes a robot message in a CALLBACK frame; returns the frame's messageId (what the ACK names). */
    pushRobot(message: Record<string, unknown> | string, frameId?: string): string {
      const frame = callbackFrame(message, frameId);
      if (stream.push(frame) === 0) throw new Error('no open Stream connection to push to');
      return frame.headers.messageId;
    },
    acks,
    /** The parsed `data` of the first ACK of a frame. */
    ackData(frameId: string): unknown {
      const f: ClientFrame | undefined = acks(frameId)[0];
      return f?.data ? JSON.parse(f.data) : undefined;
    },
    waitForAcks: (frameId: string, n = 1) => waitFor(() => acks(frameId).length >= n, `${n} ACK(s) of ${frameId}`),
    waitForConnections: (n: number) => waitFor(() => stream.openSockets >= n, `${n} open connection(s)`),
    waitForWebhooks: (n: number) => waitFor(() => api.webhookPosts.length >= n, `${n} webhook POST(s)`),
    async close() {
      await stream.close();
      await api.close();
      restoreNet();
    },
  };
}

/** Polls a condition every few ms; fails with a named reason instead of hanging the test. */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Lets pending I/O settle for a short while, to show that something did NOT happen. */
export const settle = (ms = 100) => new Promise((r) => setTimeout(r, ms));
