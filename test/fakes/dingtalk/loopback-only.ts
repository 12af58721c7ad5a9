import nock from 'nock';

// nock 15 (through @mswjs/interceptors 0.45) calls Promise.withResolvers, which Node 20 lacks:
// without this every intercepted request fails with "Promise.withResolvers is not a function",
// and the DingTalk SDK silently retries forever. Test-only; Node 22 has it built in.
const P = Promise as unknown as { withResolvers?: unknown };
P.withResolvers ??= function withResolvers<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
};

/** Every request (http, ws upgrade, fetch) may reach loopback only; anything else fails at once. */
export function loopbackOnly(): () => void {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
  return () => {
    nock.cleanAll();
    nock.enableNetConnect();
  };
}
