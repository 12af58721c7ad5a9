import { Agent, request } from 'node:http';

export type LoadRequest = { method?: string; path: string; headers?: Record<string, string>; body?: string };
export type LoadOptions = {
  /** Base URL; loopback only (benchmarks never leave the machine). */
  url: string;
  /** Concurrent workers, each with its own keep-alive connection. */
  concurrency: number;
  /** Stop after this long (ms) … */
  durationMs?: number;
  /** … or after this many requests, whichever comes first. At least one of the two is required. */
  count?: number;
  /** Builds request i (0-based, counting the warm-up) for worker w; called once per request. */
  next: (i: number, worker: number) => LoadRequest;
  /** Counted as success; default 2xx. */
  ok?: (status: number) => boolean;
  /** Pause of each worker between its requests (a person reading the answer); default none: closed loop. */
  thinkMs?: number;
  /** Requests before measuring starts (connections opened, JIT warm). */
  warmup?: number;
};
export type LoadResult = {
  requests: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  /** Successful requests per second. */
  rps: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  sampleError?: string;
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * A small concurrent HTTP load loop over keep-alive connections: N workers, each sending its next
 * request as soon as the previous one is answered (closed loop), for a fixed time or count. Latency
 * is measured per request with hrtime; percentiles over all requests of the measured phase.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const base = new URL(opts.url);
  if (!LOOPBACK.has(base.hostname)) throw new Error(`load generator is loopback-only, got ${base.hostname}`);
  if (opts.durationMs === undefined && opts.count === undefined) throw new Error('durationMs or count is required');
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency, maxFreeSockets: opts.concurrency });
  const ok = opts.ok ?? ((s) => s >= 200 && s < 300);
  try {
    if (opts.warmup) await phase({ ...opts, durationMs: undefined, count: opts.warmup }, base, agent, ok, 0);
    return await phase(opts, base, agent, ok, opts.warmup ?? 0);
  } finally {
    agent.destroy();
  }
}

// Request indexes continue after the warm-up's, so generated requests never repeat across phases.
async function phase(opts: LoadOptions, base: URL, agent: Agent, ok: (s: number) => boolean, first: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let issued = 0;
  let good = 0;
  let sampleError: string | undefined;
  const started = performance.now();
  const deadline = opts.durationMs === undefined ? Infinity : started + opts.durationMs;
  const limit = opts.count ?? Infinity;

  const worker = async (w: number) => {
    while (issued < limit && performance.now() < deadline) {
      const req = opts.next(first + issued++, w);
      const t0 = performance.now();
      const { status, body } = await send(base, agent, req).catch((e: Error) => ({ status: 0, body: e.message }));
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (ok(status)) good++;
      else sampleError ??= `${status} ${body.slice(0, 300)}`;
      if (opts.thinkMs) await new Promise((r) => setTimeout(r, opts.thinkMs));
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : 0);
  return {
    requests: latencies.length, ok: good, failed: latencies.length - good, statuses, elapsedMs,
    rps: (good / elapsedMs) * 1000, p50: pct(0.5), p90: pct(0.9), p95: pct(0.95), p99: pct(0.99), max: latencies.at(-1) ?? 0, sampleError,
  };
}

function send(base: URL, agent: Agent, r: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...r.headers };
    if (r.body !== undefined) headers['content-length'] = Buffer.byteLength(r.body);
    const req = request({ host: base.hostname, port: base.port, path: r.path, method: r.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

export const fmtLoad = (r: LoadResult) =>
  `${r.rps.toFixed(0)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  (${r.ok}/${r.requests} ok${r.failed ? `, statuses ${JSON.stringify(r.statuses)}, e.g. ${r.sampleError}` : ''})`;
