import { and, eq } from 'drizzle-orm';
import { attachments, hazards, patrols } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { notFound } from '../core/errors.js';
import { hazardScope, patrolScope } from '../core/scope.js';
import { FILE_MSG } from './messages.js';

/**
 * A photo's bytes for whoever may see it: its uploader, or anyone whose scope covers the hazard or
 * patrol that claimed it. Anything else reads as not found, so ids cannot be probed.
 */
export async function readPhoto(ctx: Ctx, attachmentId: number): Promise<{ bytes: Uint8Array; mime: string; sha256: string }> {
  const a = await ctx.db.select().from(attachments).where(eq(attachments.id, attachmentId)).get();
  if (!a || !(await maySee(ctx, a))) throw notFound(FILE_MSG.photo);
  return { bytes: await ctx.files.get(a.path), mime: a.mime, sha256: a.sha256 };
}

async function maySee(ctx: Ctx, a: typeof attachments.$inferSelect): Promise<boolean> {
  if (a.uploaderId === ctx.actor.personId) return true;
  if (a.hazardId != null) {
    const h = await ctx.db.select({ id: hazards.id }).from(hazards).where(and(eq(hazards.id, a.hazardId), hazardScope(ctx.actor))).get();
    if (h) return true;
  }
  if (a.patrolId != null) {
    const p = await ctx.db.select({ id: patrols.id }).from(patrols).where(and(eq(patrols.id, a.patrolId), patrolScope(ctx.actor))).get();
    if (p) return true;
  }
  return false;
}
