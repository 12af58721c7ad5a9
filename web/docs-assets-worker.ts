import type { DocsAssetReader } from './docs-assets.js';

/** The Worker's static-assets binding (wrangler.toml [assets]), as far as /docs uses it. */
export type AssetsBinding = { fetch(input: string): Promise<Response> };

/**
 * Worker: Swagger UI's files from the static assets wrangler uploads (scripts/worker-assets.ts copies
 * them from swagger-ui-dist at build), so /docs needs no CDN and the Worker bundle stays small.
 * Cloudflare serves /docs/assets/* itself before the Worker runs; this reader is for the requests
 * that do reach the Worker (and for tests through miniflare's binding).
 */
export function workerDocsAssets(assets: AssetsBinding): DocsAssetReader {
  return async (name) => {
    const res = await assets.fetch(`https://assets.invalid/docs/assets/${name}`);
    if (!res.ok) throw new Error(`静态文件缺失：/docs/assets/${name}（先运行 npm run build:worker-assets）`);
    return new Uint8Array(await res.arrayBuffer());
  };
}
