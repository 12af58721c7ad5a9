import type { z } from '@hono/zod-openapi';
import { validationFailed } from '../core/errors.js';

/**
 * Verbs re-check their input: the API has validated it already, but the bot and jobs call verbs
 * in-process, and a rule such as "description is trimmed and not empty" must hold on every path.
 * Parsing is idempotent on already-parsed input.
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
  throw validationFailed(`请求参数不正确：${issues[0]?.message ?? ''}`, issues);
}
