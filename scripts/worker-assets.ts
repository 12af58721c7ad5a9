// wrangler's [build] step: the files the Worker's static assets serve, so /docs needs no CDN there
// either. Swagger UI's two files are copied from the installed swagger-ui-dist (npm ci, no download)
// to dist/worker-assets/docs/assets/, the paths the /docs page asks for (web/docs-assets.ts).
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { DOCS_ASSETS } from '../web/docs-assets.js';

export const WORKER_ASSETS_DIR = resolve(import.meta.dirname, '..', 'dist', 'worker-assets');

export function buildWorkerAssets(out = WORKER_ASSETS_DIR): string {
  const from = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const to = join(out, 'docs', 'assets');
  mkdirSync(to, { recursive: true });
  for (const name of Object.keys(DOCS_ASSETS)) copyFileSync(join(from, name), join(to, name));
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(`Worker 静态文件已生成：${buildWorkerAssets()}`);
}
