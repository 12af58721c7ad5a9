import type { z } from '@hono/zod-openapi';
import { validationFailed } from '../../api/core/errors.js';

// Field names as a worker would call them, for the few inputs chat text flows into.
const FIELD_NAMES: Record<string, string> = {
  description: '隐患描述',
  note: '说明',
  reason: '原因',
  responsible: '责任人',
  photoIds: '照片',
  deadline: '整改期限',
  deadlineDays: '整改天数',
};

/**
 * Checks a verb's input with the verb's own schema, exactly as the HTTP route does, and turns a
 * failure into the API's validation_failed error with a Chinese message (the schema's own message
 * when it has one, e.g. "请提供整改说明或照片作为整改证据").
 */
export function validated<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
  const first = r.error.issues[0];
  const field = FIELD_NAMES[String(first?.path[0] ?? '')] ?? '输入';
  let message: string;
  if (first?.code === 'custom' && /[\u4e00-\u9fff]/.test(first.message)) message = first.message;
  else if (first?.code === 'too_big') message = `${field}过长，请精简后重试`;
  else if (first?.code === 'too_small') message = `${field}不能为空`;
  else message = `${field}不正确`;
  throw validationFailed(message, issues);
}
