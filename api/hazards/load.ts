import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { enterprises, hazards } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { notFound } from '../core/errors.js';
import { hazardScope } from '../core/scope.js';
import { MSG } from './messages.js';
import { hazardWithEnterprise, toHazardViews, type HazardView, type HazardWithEnterprise } from './view.js';

/** A hazard named by id (API paths) or by code (what people type in chat). */
export type HazardRef = { id: number } | { code: string };

/** Path segment → ref: digits are an id, anything else a code. */
export function parseHazardRef(s: string): HazardRef {
  return /^\d+$/.test(s) ? { id: Number(s) } : { code: s };
}

export const HazardRefParam = z.object({
  idOrCode: z.string().min(1).max(40).openapi({ param: { name: 'idOrCode', in: 'path' }, example: 'YH20261122-0007' }),
});

/**
 * The hazard if the actor may see it. Out of scope reads exactly like absent: a worker of another
 * grid must not learn that a code exists. For a department, "in scope" means whistled to it.
 */
export async function loadVisibleHazard(ctx: Ctx, ref: HazardRef): Promise<HazardWithEnterprise> {
  const byRef = 'id' in ref ? eq(hazards.id, ref.id) : eq(hazards.code, ref.code.trim().toUpperCase());
  const row = await ctx.db
    .select(hazardWithEnterprise)
    .from(hazards)
    .innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
    .where(and(byRef, hazardScope(ctx.actor)))
    .get();
  if (!row) throw notFound(MSG.hazard);
  return row;
}

/** The current view of a hazard the verb has just written (its scope was checked before the write). */
export async function reloadView(ctx: Ctx, id: number): Promise<HazardView> {
  const row = await ctx.db
    .select(hazardWithEnterprise)
    .from(hazards)
    .innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
    .where(eq(hazards.id, id))
    .get();
  if (!row) throw notFound(MSG.hazard);
  const [view] = await toHazardViews(ctx.db, [row], ctx.clock());
  return view;
}
