import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';

export function registerExportRoutes(_app: OpenAPIHono<AppEnv>) {}
