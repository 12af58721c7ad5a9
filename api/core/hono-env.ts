import { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor, Ctx, Deps } from './context.js';
import { validationFailed, errorBody } from './errors.js';

export type AppEnv = { Variables: { actor: Actor; ctx: Ctx; deps: Deps } };

/** A router whose validation failures use the one error shape (details = zod issues). */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
        return c.json(errorBody(validationFailed(describeIssues(issues), issues)), 400);
      }
    },
  });
}

function describeIssues(issues: { path: string; code: string }[]): string {
  const first = issues[0];
  if (!first) return '请求参数不正确';
  if (first.code === 'unrecognized_keys') return '请求中含有不认识的字段';
  return `请求参数不正确：${first.path || '请求体'}`;
}
