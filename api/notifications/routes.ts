import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';

export function registerNotificationRoutes(_app: OpenAPIHono<AppEnv>) {}
