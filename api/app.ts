import { HTTPException } from 'hono/http-exception';
import type { Deps } from './core/context.js';
import { newRouter } from './core/hono-env.js';
import { authenticate } from './core/auth.js';
import { limitBody } from './core/body-limit.js';
import { idempotency } from './core/idempotency.js';
import { DomainError, errorBody, validationFailed } from './core/errors.js';
import { routeModules } from './routes.js';
import { createWeb } from '../web/app.js';
import type { WebOptions } from '../web/env.js';

export const MAX_JSON_BYTES = 256 * 1024;
// Photos are at most 10 MB each (SPEC §4); imports may carry a whole district's spreadsheet.
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type AppOptions = { logError?: (e: unknown) => void; web?: WebOptions };

/** Builds the HTTP API over the given dependencies; no globals, no environment reads. */
export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = newRouter();
  const logError = options.logError ?? ((e) => console.error('[api] unhandled error:', e));

  app.onError((err, c) => {
    if (err instanceof DomainError) return c.json(errorBody(err), err.status as 400);
    if (err instanceof HTTPException) {
      if (err.status === 413) return c.json(errorBody(new DomainError('payload_too_large', '请求体过大')), 413);
      if (err.status === 400) return c.json(errorBody(validationFailed('请求体不是合法的 JSON')), 400);
      return c.json(errorBody(new DomainError('internal', '请求无法处理')), err.status);
    }
    // Never leak stack traces or SQL: log on the server, generic Chinese message to the client.
    logError(err);
    return c.json(errorBody(new DomainError('internal', '服务器内部错误，请稍后重试')), 500);
  });
  app.notFound((c) => c.json(errorBody(new DomainError('not_found', '接口不存在')), 404));

  app.get('/health', (c) => c.json({ ok: true, service: 'gridsafe', time: deps.clock().toISOString() }));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'gridsafe API', version: '0.1.0', description: '安全生产网格化监管：隐患、巡查、企业、组织与统计' },
  });

  app.use('/v1/*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('/v1/*', limitBody((type) =>
    type.startsWith('multipart/') || type.startsWith('text/csv') || type.includes('spreadsheet') || type.startsWith('image/')
      ? MAX_UPLOAD_BYTES
      : MAX_JSON_BYTES));
  app.use('/v1/*', authenticate(deps));
  app.use('/v1/*', idempotency);

  for (const register of routeModules) register(app);
  // The pages (web/): same verbs and scope checks, a session cookie instead of a bearer token.
  app.route('/', createWeb(deps, options.web));
  return app;
}

export type App = ReturnType<typeof createApp>;
