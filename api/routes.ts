import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './core/hono-env.js';
import { registerPeopleRoutes } from './people/routes.js';
import { registerOrgRoutes } from './org/routes.js';
import { registerEnterpriseRoutes } from './enterprises/routes.js';
import { registerImportRoutes } from './imports/routes.js';
import { registerFileRoutes } from './files/routes.js';
import { registerHazardRoutes } from './hazards/routes.js';
import { registerPatrolRoutes } from './patrols/routes.js';
import { registerStatsRoutes } from './stats/routes.js';
import { registerExportRoutes } from './exports/routes.js';
import { registerPolicyRoutes } from './policy/routes.js';
import { registerNotificationRoutes } from './notifications/routes.js';
import { registerChatRoutes } from './chat/routes.js';

export type RegisterRoutes = (app: OpenAPIHono<AppEnv>) => void;

/** Every domain's routes (all under /v1, behind authentication), mounted by createApp. */
export const routeModules: RegisterRoutes[] = [
  registerPeopleRoutes,
  registerOrgRoutes,
  registerEnterpriseRoutes,
  registerImportRoutes,
  registerFileRoutes,
  registerHazardRoutes,
  registerPatrolRoutes,
  registerStatsRoutes,
  registerExportRoutes,
  registerPolicyRoutes,
  registerNotificationRoutes,
  registerChatRoutes,
];
