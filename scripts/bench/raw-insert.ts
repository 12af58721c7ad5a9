import type { Client, InArgs } from '@libsql/client';

export type RawInsertOptions = {
  client: Client;
  /** One single-row INSERT; run in autocommit, so every row is its own transaction and commit. */
  sql: string;
  args: (i: number) => InArgs;
  durationMs?: number;
  count?: number;
  warmup?: number;
};
export type RawInsertResult = { rows: number; elapsedMs: number; rate: number; p50: number; p99: number; cpuMsPerRow: number };

/**
 * The baseline the intake figures are measured against (SPEC §9): how many single-row autocommit
 * INSERTs per second this database, with these settings, takes from one sequential caller. An API
 * write can do no better per commit, so "report rate ÷ raw rate" is the share of it the API keeps.
 */
export async function rawInsertRate(opts: RawInsertOptions): Promise<RawInsertResult> {
  let i = 0;
  for (let w = 0; w < (opts.warmup ?? 0); w++) await opts.client.execute({ sql: opts.sql, args: opts.args(i++) });
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = opts.durationMs === undefined ? Infinity : started + opts.durationMs;
  const limit = opts.count ?? Infinity;
  while (latencies.length < limit && performance.now() < deadline) {
    const t0 = performance.now();
    await opts.client.execute({ sql: opts.sql, args: opts.args(i++) });
    latencies.push(performance.now() - t0);
  }
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { rows: latencies.length, elapsedMs, rate: (latencies.length / elapsedMs) * 1000, p50: pct(0.5), p99: pct(0.99), cpuMsPerRow: (used.user + used.system) / 1000 / latencies.length };
}
