import type { Actor } from './context.js';
import { forbidden } from './errors.js';

// The enterprise safety contact's whole permission set, in one place (default deny): read their own
// enterprise's hazards and patrol results, submit rectification with evidence (and upload its photos),
// read their own tasks and notices. Every other verb refuses them here, whatever channel calls it.

export const ENTERPRISE_MSG = {
  denied: '企业联系人只能查看本企业的隐患和巡查结果并提交整改',
} as const;

export const isEnterpriseContact = (actor: Pick<Actor, 'role'>) => actor.role === 'enterprise';

/** Verbs an enterprise contact may not use call this first (report, review, whistle, note, patrol, stats…). */
export function denyEnterpriseContact(actor: Pick<Actor, 'role'>): void {
  if (isEnterpriseContact(actor)) throw forbidden(ENTERPRISE_MSG.denied);
}

/**
 * API routes (method + OpenAPI path) an enterprise contact may call; everything else answers 403
 * before the route runs (api/app.ts). The verbs check scope again (their own enterprise only).
 */
export const ENTERPRISE_API_ALLOW: ReadonlyArray<readonly [method: string, path: string]> = [
  ['GET', '/v1/me'],
  ['GET', '/v1/hazards'],
  ['GET', '/v1/hazards/{idOrCode}'],
  ['POST', '/v1/hazards/{id}/rectify'],
  ['GET', '/v1/patrols'],
  ['GET', '/v1/patrols/{id}'],
  ['POST', '/v1/photos'],
  ['GET', '/v1/photos/{id}'],
  ['GET', '/v1/me/tasks'],
  ['GET', '/v1/notifications'],
];

const toRegex = (path: string) => new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
const ALLOW = ENTERPRISE_API_ALLOW.map(([m, p]) => [m, toRegex(p)] as const);

export function enterpriseMayCall(method: string, path: string): boolean {
  return ALLOW.some(([m, re]) => m === method.toUpperCase() && re.test(path));
}

/** Pages (web/) an enterprise contact may open: tasks, their hazards, submitting 整改 there, photos. */
const PAGE_ALLOW: ReadonlyArray<readonly [string, RegExp]> = [
  ['GET', /^\/app\/?$/],
  ['GET', /^\/app\/hazards\/?$/],
  ['GET', /^\/app\/hazards\/[^/]+$/],
  ['POST', /^\/app\/hazards\/[^/]+\/rectify$/],
  ['GET', /^\/app\/photos\/[^/]+$/],
];

export function enterpriseMayOpen(method: string, path: string): boolean {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return PAGE_ALLOW.some(([pm, re]) => pm === m && re.test(path));
}
