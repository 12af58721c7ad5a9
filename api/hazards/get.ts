import { z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { attachments, hazardEvents, people, HAZARD_ACTIONS } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { loadVisibleHazard, type HazardRef } from './load.js';
import { HazardViewSchema, toHazardViews } from './view.js';

export const HazardEventSchema = z.object({
  id: z.number().int(),
  action: z.enum(HAZARD_ACTIONS),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actor: z.object({ id: z.number().int(), name: z.string() }),
  at: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  channel: z.string(),
});

export const HazardPhotoSchema = z.object({
  id: z.number().int(),
  eventId: z.number().int().nullable(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  receivedAt: z.string(),
});

export const HazardDetailSchema = HazardViewSchema.extend({
  timeline: z.array(HazardEventSchema),
  photos: z.array(HazardPhotoSchema),
}).openapi('HazardDetail');
export type HazardDetail = z.infer<typeof HazardDetailSchema>;

/** One hazard with its timeline (查询 YH…) and photos; out of scope reads as not found. */
export async function getHazard(ctx: Ctx, ref: HazardRef): Promise<HazardDetail> {
  const h = await loadVisibleHazard(ctx, ref);
  const [[view], events, photos] = await Promise.all([
    toHazardViews(ctx.db, [h], ctx.clock()),
    ctx.db
      .select({ e: hazardEvents, actorName: people.name })
      .from(hazardEvents)
      .leftJoin(people, eq(people.id, hazardEvents.actorId))
      .where(eq(hazardEvents.hazardId, h.id))
      .orderBy(asc(hazardEvents.at), asc(hazardEvents.id)),
    ctx.db
      .select({
        id: attachments.id, eventId: attachments.eventId, mime: attachments.mime,
        size: attachments.size, sha256: attachments.sha256, receivedAt: attachments.receivedAt,
      })
      .from(attachments)
      .where(eq(attachments.hazardId, h.id))
      .orderBy(asc(attachments.id)),
  ]);
  return {
    ...view,
    timeline: events.map(({ e, actorName }) => ({
      id: e.id,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actor: { id: e.actorId, name: actorName ?? '' },
      at: e.at.toISOString(),
      note: e.note,
      data: e.data ?? null,
      channel: e.channel,
    })),
    photos: photos.map((p) => ({ ...p, receivedAt: p.receivedAt.toISOString() })),
  };
}
