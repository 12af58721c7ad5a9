import { z } from '@hono/zod-openapi';
import type { patrols } from '../../db/schema/index.js';

export const PatrolSchema = z
  .object({
    id: z.number().int(),
    enterpriseId: z.number().int(),
    enterpriseName: z.string(),
    gridId: z.number().int(),
    townId: z.number().int(),
    workerId: z.number().int(),
    workerName: z.string(),
    patrolledAt: z.string().openapi({ example: '2026-11-23T02:00:00.000Z' }),
    result: z.enum(['normal', 'issues']),
    note: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    checklist: z.array(z.object({ checkItemId: z.number().int(), ok: z.boolean(), note: z.string().optional() })).nullable(),
    source: z.object({ platform: z.string(), messageId: z.string() }).nullable(),
  })
  .openapi('Patrol');
export type PatrolView = z.infer<typeof PatrolSchema>;

type PatrolRow = typeof patrols.$inferSelect;

export function toPatrolView(p: PatrolRow, names: { enterpriseName: string; workerName: string }): PatrolView {
  return {
    id: p.id,
    enterpriseId: p.enterpriseId,
    enterpriseName: names.enterpriseName,
    gridId: p.gridId,
    townId: p.townId,
    workerId: p.workerId,
    workerName: names.workerName,
    patrolledAt: p.patrolledAt.toISOString(),
    result: p.result,
    note: p.note,
    lat: p.lat,
    lng: p.lng,
    checklist: p.checklist ?? null,
    source: p.sourcePlatform && p.sourceMessageId ? { platform: p.sourcePlatform, messageId: p.sourceMessageId } : null,
  };
}
