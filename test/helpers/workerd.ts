import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

/**
 * The Worker as Cloudflare runs it: entry/worker.ts bundled with esbuild (as wrangler bundles it) and run
 * by workerd inside miniflare, on a local D1 bound as DB with no migrations applied.
 */
export async function workerdWorker(bindings: Record<string, string> = {}): Promise<Miniflare> {
  const bundle = await build({
    entryPoints: ['entry/worker.ts'], bundle: true, write: false, format: 'esm', target: 'es2022',
    platform: 'browser', conditions: ['workerd', 'worker', 'browser'], external: ['node:*', 'cloudflare:*'], logLevel: 'error',
  });
  return new Miniflare({
    modules: true, script: bundle.outputFiles[0].text, compatibilityDate: '2026-04-28', compatibilityFlags: ['nodejs_compat'],
    d1Databases: ['DB'], bindings,
  });
}
