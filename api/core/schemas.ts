import { z } from '@hono/zod-openapi';

// Shared OpenAPI schemas: the error shape, ids, pagination.
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_transition' }),
      message: z.string().openapi({ example: '当前状态不能执行该操作' }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  400: { description: '参数错误', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: '未认证', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: '无权限', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: '不存在', content: { 'application/json': { schema: ErrorSchema } } },
  409: { description: '冲突或状态不允许', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const json = <T extends z.ZodTypeAny>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const bearer = [{ bearerAuth: [] as string[] }];
