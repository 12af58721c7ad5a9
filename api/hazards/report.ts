import { denyEnterpriseContact } from '../core/enterprise-role.js';
import { z } from '@hono/zod-openapi';
import { HAZARD_LEVELS } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { forbidden } from '../core/errors.js';
import { deadlineFields, oneDeadlineAtMost } from './deadline.js';
import { enqueueReport } from './intake-queue.js';
import { MSG } from './messages.js';
import { PhotoIds } from './photos.js';
import type { HazardView } from './view.js';
import { parseInput } from './input.js';

export const ReportHazardInput = z
  .object({
    enterpriseId: z.number().int().positive(),
    description: z.string().trim().min(1).max(500).openapi({ example: '二楼配电房堆放杂物' }),
    level: z.enum(HAZARD_LEVELS).optional().openapi({ description: '默认一般；检查项默认重大时为重大' }),
    checkItemId: z.number().int().positive().optional().openapi({ description: '不填时按描述中的关键词识别' }),
    ...deadlineFields,
    fixNow: z.literal(true).optional().openapi({ description: '立即整改：期限为今天 24:00' }),
    responsible: z.string().trim().min(1).max(100).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    photoIds: PhotoIds.optional(),
    patrolId: z.number().int().positive().optional(),
    source: z.object({ platform: z.string().min(1).max(20), messageId: z.string().min(1).max(200) }).strict().optional()
      .openapi({ description: '聊天消息来源；同一消息重复投递只产生一条隐患' }),
    force: z.boolean().optional().openapi({ description: '确认不是重复隐患，跳过查重' }),
  })
  .strict()
  .superRefine(oneDeadlineAtMost)
  .openapi('ReportHazardInput');
export type ReportHazardInputT = z.infer<typeof ReportHazardInput>;
export type ReportHazardResult = { hazard: HazardView; created: boolean };

/**
 * Reports a hazard (SPEC §4 "report"). Concurrent reports are checked and written together
 * (intake-queue.ts); each gets exactly the result or error it would get alone. A chat message seen
 * before returns its hazard with created: false.
 */
export async function reportHazard(ctx: Ctx, raw: ReportHazardInputT): Promise<ReportHazardResult> {
  const input = parseInput(ReportHazardInput, raw);
  denyEnterpriseContact(ctx.actor);
  if (ctx.actor.role === 'department') throw forbidden(MSG.departmentCannotReport);
  return enqueueReport(ctx, input);
}
