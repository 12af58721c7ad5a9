import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchServerConfig } from './server.js';

export type BenchServer = { url: string; pid: number; stop: () => Promise<void> };

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

/** Starts scripts/bench/server.ts in its own process and waits for its port. */
export function startBenchServer(config: BenchServerConfig): Promise<BenchServer> {
  return startBenchProcess(SERVER, [JSON.stringify(config)]);
}

/**
 * Starts a bench server script (tsx) with arguments in its own process and waits for "READY <port>".
 * `nodeFlags` go to the server's node (e.g. --cpu-prof: the profile is written when it is stopped).
 */
export function startBenchProcess(script: string, args: string[], nodeFlags: string[] = []): Promise<BenchServer> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}: ${out}`)));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /READY (\d+)/.exec(out);
      if (!m) return;
      child.removeAllListeners('exit');
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        pid: child.pid!,
        stop: () => new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
      });
    });
  });
}
