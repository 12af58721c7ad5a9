import type { WebApp } from './env.js';
export function registerDocsAssets(_web: WebApp) {}
