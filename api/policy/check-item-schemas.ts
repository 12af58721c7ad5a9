import { z } from '@hono/zod-openapi';

// The district's checklist (检查纲要): everyone reads it (patrol forms, the bot's keyword matching),
// only the district safety office edits it. Items are deactivated, never deleted: hazards and
// patrol checklists keep pointing at them.

export const CheckItemSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    category: z.string(),
    title: z.string(),
    keywords: z.array(z.string()),
    majorByDefault: z.boolean(),
    active: z.boolean(),
    sort: z.number().int(),
  })
  .openapi('CheckItem');
export type CheckItemView = z.infer<typeof CheckItemSchema>;

export const CreateCheckItemInput = z
  .object({
    code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/),
    category: z.string().trim().min(1).max(40),
    title: z.string().trim().min(1).max(200),
    keywords: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
    majorByDefault: z.boolean().default(false),
    sort: z.number().int().min(0).max(100000).optional(),
  })
  .strict()
  .openapi('CreateCheckItemInput');
export type CreateCheckItemInputT = z.input<typeof CreateCheckItemInput>;

export const UpdateCheckItemInput = z
  .object({
    category: z.string().trim().min(1).max(40),
    title: z.string().trim().min(1).max(200),
    keywords: z.array(z.string().trim().min(1).max(40)).max(50),
    majorByDefault: z.boolean(),
    sort: z.number().int().min(0).max(100000),
    active: z.boolean(),
  })
  .partial()
  .strict()
  .openapi('UpdateCheckItemInput');
export type UpdateCheckItemInputT = z.infer<typeof UpdateCheckItemInput>;
