import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './core/hono-env.js';
import { registerMeRoutes } from './people/routes.js';

export type RegisterRoutes = (app: OpenAPIHono<AppEnv>) => void;

/** Every domain's routes, mounted under /v1 by createApp. */
export const routeModules: RegisterRoutes[] = [registerMeRoutes];
