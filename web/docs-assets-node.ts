import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DocsAssetReader } from './docs-assets.js';

/** Node: Swagger UI's files straight from node_modules/swagger-ui-dist (installed by npm ci, no CDN). */
export function nodeDocsAssets(): DocsAssetReader {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return async (name) => new Uint8Array(await readFile(join(dir, name)));
}
