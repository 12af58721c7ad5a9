import { ENTERPRISE_MSG, enterpriseMayCall, isEnterpriseContact } from './core/enterprise-role.js';
import { HTTPException } from 'hono/http-exception';
import type { Deps } from './core/context.js';
import { newRouter } from './core/hono-env.js';
import { authenticate } from './core/auth.js';
import { limitBody } from './core/body-limit.js';
import { IMPORT_BODY_LIMIT } from './imports/upload-limit.js';
import { idempotency } from './core/idempotency.js';
import { DomainError, domainErrorOf, errorBody, forbidden, isRetryable, validationFailed } from './core/errors.js';
import { routeModules } from './routes.js';
import { errorFields, logger } from '../lib/log.js';
import type { CallbackHandler } from '../bot/callbacks/handler.js';
import { createWeb } from '../web/app.js';
import type { WebOptions } from '../web/env.js';

export const MAX_JSON_BYTES = 256 * 1024;
// Photos are at most 10 MB each (SPEC §4); imports may carry a whole district's spreadsheet.
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type AppOptions = {
  logError?: (e: unknown) => void;
  /** Chat platform callbacks (bot/callbacks/*), mounted at POST /callbacks/<name>: signed by the platform, outside bearer auth. */
  callbacks?: Record<string, CallbackHandler>;
  /** The pages (web/): public address, offline docs assets, DingTalk 免登 settings. */
  web?: WebOptions;
};

/** Builds the HTTP API over the given dependencies; no globals, no environment reads. */
export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = newRouter();
  const logError = options.logError ?? ((e) => logger('api').error('未处理的错误', errorFields(e)));

  app.onError((err, c) => {
    // A domain error raised below the ORM (a database timeout) arrives wrapped in drizzle's error.
    const domain = domainErrorOf(err);
    if (domain) return c.json(errorBody(domain), domain.status as 400, isRetryable(domain) ? { 'retry-after': '1' } : undefined);
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

  for (const [name, handle] of Object.entries(options.callbacks ?? {})) {
    app.post(`/callbacks/${name}`, (c) => handle(c.req.raw, (work) => {
      // A Worker keeps running work handed to waitUntil; on Node, a detached promise does.
      try {
        c.executionCtx.waitUntil(work);
      } catch {
        void work;
      }
    }));
  }

  app.use('/v1/*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('/v1/*', limitBody((type, path) =>
    path.startsWith('/v1/imports/') ? IMPORT_BODY_LIMIT
    : type.startsWith('multipart/') || type.startsWith('text/csv') || type.includes('spreadsheet') || type.startsWith('image/')
      ? MAX_UPLOAD_BYTES
      : MAX_JSON_BYTES));
  app.use('/v1/*', authenticate(deps));
  // Default deny for enterprise contacts: only their few routes run at all (api/core/enterprise-role.ts).
  app.use('/v1/*', async (c, next) => {
    if (isEnterpriseContact(c.get('actor')) && !enterpriseMayCall(c.req.method, c.req.path)) throw forbidden(ENTERPRISE_MSG.denied);
    await next();
  });
  app.use('/v1/*', idempotency);

  for (const register of routeModules) register(app);
  // The pages (web/): same verbs and scope checks, a session cookie instead of a bearer token.
  app.route('/', createWeb(deps, options.web));
  return app;
}

export type App = ReturnType<typeof createApp>;
