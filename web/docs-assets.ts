import { swaggerUI } from '@hono/swagger-ui';
import type { WebApp, WebOptions } from './env.js';

/** Swagger UI's two files, read from the installed swagger-ui-dist package (see web/docs-assets-node.ts). */
export type DocsAssetReader = (name: DocsAsset) => Promise<Uint8Array>;
export const DOCS_ASSETS = { 'swagger-ui.css': 'text/css; charset=utf-8', 'swagger-ui-bundle.js': 'text/javascript; charset=utf-8' } as const;
export type DocsAsset = keyof typeof DOCS_ASSETS;

// No inline script: the page's CSP allows only files from the app itself.
const INIT_JS = `window.onload = function () { window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' }); };`;
const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>gridsafe API 文档</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"><noscript>接口说明见 <a href="/openapi.json">/openapi.json</a></noscript></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/assets/init.js"></script></body></html>`;
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'";

/**
 * /docs works offline: Swagger UI from the app itself when a reader is given (Node reads the
 * swagger-ui-dist package, the Worker its static assets: web/docs-assets-worker.ts). Only a Worker
 * deployed without its [assets] falls back to the CDN page.
 */
export function registerDocsAssets(web: WebApp, options: WebOptions) {
  const read = options.docsAssets;
  if (!read) {
    web.get('/docs', swaggerUI({ url: '/openapi.json' }));
    return;
  }
  const cache = new Map<string, Promise<Uint8Array>>();
  web.get('/docs', (c) => c.html(PAGE, 200, { 'content-security-policy': CSP }));
  web.get('/docs/assets/init.js', (c) => c.body(INIT_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  web.get('/docs/assets/:name', async (c) => {
    const name = c.req.param('name');
    if (!(name in DOCS_ASSETS)) return c.notFound();
    let bytes = cache.get(name);
    if (!bytes) cache.set(name, (bytes = read(name as DocsAsset)));
    return c.body((await bytes) as Uint8Array<ArrayBuffer>, 200, {
      'content-type': DOCS_ASSETS[name as DocsAsset], 'cache-control': 'public, max-age=86400',
    });
  });
}
