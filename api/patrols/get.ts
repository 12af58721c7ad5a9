import { z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { attachments, enterprises, hazards, patrols, people } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { patrolScope } from '../core/scope.js';
import { notFound } from '../core/errors.js';
import { PatrolSchema, toPatrolView } from './view.js';

export const PatrolDetailSchema = PatrolSchema.extend({
  photoIds: z.array(z.number().int()),
  hazards: z.array(z.object({ id: z.number().int(), code: z.string(), level: z.string(), status: z.string(), description: z.string() })),
}).openapi('PatrolDetail');
export type PatrolDetail = z.infer<typeof PatrolDetailSchema>;

/** One patrol with its photos and the hazards it found; out of scope reads as not found. */
export async function getPatrol(ctx: Ctx, id: number): Promise<PatrolDetail> {
  const row = await ctx.db
    .select({ p: patrols, enterpriseName: enterprises.name, workerName: people.name })
    .from(patrols)
    .innerJoin(enterprises, eq(enterprises.id, patrols.enterpriseId))
    .innerJoin(people, eq(people.id, patrols.workerId))
    .where(and(eq(patrols.id, id), patrolScope(ctx.actor)))
    .get();
  if (!row) throw notFound('巡查记录');
  const [photos, found] = await Promise.all([
    ctx.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.patrolId, id)).orderBy(asc(attachments.id)),
    ctx.db
      .select({ id: hazards.id, code: hazards.code, level: hazards.level, status: hazards.status, description: hazards.description })
      .from(hazards)
      .where(eq(hazards.patrolId, id))
      .orderBy(asc(hazards.id)),
  ]);
  return { ...toPatrolView(row.p, row), photoIds: photos.map((p) => p.id), hazards: found };
}
