import { denyEnterpriseContact } from '../core/enterprise-role.js';
import { z } from '@hono/zod-openapi';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { attachments, checkItems, enterprises, hazards, patrols } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { coversPlace } from '../core/scope.js';
import { conflict, forbidden, notFound, validationFailed } from '../core/errors.js';
import { ReportHazardInput, reportHazard, type ReportHazardInputT } from '../hazards/report.js';
import { resolveDeadline } from '../hazards/deadline.js';
import { loadCheckItem } from '../hazards/check-item.js';
import { hazardWithEnterprise, toHazardViews, type HazardView } from '../hazards/view.js';
import { getPatrol, type PatrolDetail } from './get.js';
import { dueDay, loadPolicy } from './policy.js';
import { shanghaiIsoDay } from '../../lib/time.js';
import { MSG } from './messages.js';
import { patrolDueAtSql } from './due-at.js';
import { keySource, resourceSql } from '../core/idempotency.js';

// Device clocks drift a little; a patrol stamped a moment "in the future" is not an error.
const CLOCK_SKEW_MS = 2 * 60_000;

/** A hazard found on the patrol; checked in full against ReportHazardInput before anything is written. */
const FoundHazard = z
  .object({
    description: z.string(),
    level: z.enum(['general', 'major']).optional(),
    checkItemId: z.number().int().positive().optional(),
    deadline: z.string().optional(),
    deadlineDays: z.number().int().optional(),
    fixNow: z.literal(true).optional(),
  })
  .strict();

export const LogPatrolInput = z
  .object({
    enterpriseId: z.number().int().positive(),
    result: z.enum(['normal', 'issues']).optional(),
    note: z.string().trim().max(2000).optional(),
    patrolledAt: z.iso.datetime({ offset: true }).optional().openapi({ description: '巡查时间，默认当前时间' }),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    checklist: z
      .array(z.object({ checkItemId: z.number().int().positive(), ok: z.boolean(), note: z.string().max(500).optional() }).strict())
      .max(200)
      .optional(),
    photoIds: z.array(z.number().int().positive()).max(9).optional(),
    hazards: z.array(FoundHazard).max(10).optional(),
    source: z.object({ platform: z.string().min(1).max(20), messageId: z.string().min(1).max(200) }).strict().optional(),
  })
  .strict()
  .openapi('LogPatrolInput');
export type LogPatrolInputT = z.infer<typeof LogPatrolInput>;

export type LogPatrolResult = { patrol: PatrolDetail; hazards: HazardView[]; created: boolean; nextDueDay: string };

/**
 * Records a patrol: the patrol row, the enterprise's last-patrol cache (never moved backwards by a
 * late-entered older patrol) and the photo claims in one batch; then each hazard found goes through
 * the ordinary report verb, linked to the patrol, so the lifecycle rules live in one place.
 */
export async function logPatrol(ctx: Ctx, raw: LogPatrolInputT): Promise<LogPatrolResult> {
  // In-process callers (bot, jobs) skip the route's validation: same schema, same error shape.
  const parsedInput = LogPatrolInput.safeParse(raw);
  if (!parsedInput.success) throw validationFailed(MSG.badInput, parsedInput.error.issues);
  const input = parsedInput.data;
  const { actor } = ctx;
  denyEnterpriseContact(actor);
  if (actor.role === 'department') throw forbidden(MSG.departmentCannotPatrol);
  const ent = await ctx.db.select().from(enterprises).where(eq(enterprises.id, input.enterpriseId)).get();
  if (!ent || !coversPlace(actor, ent)) throw notFound(MSG.enterprise);

  const now = ctx.clock();
  const patrolledAt = input.patrolledAt ? new Date(input.patrolledAt) : now;
  if (patrolledAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw validationFailed(MSG.futureTime);

  const found = input.hazards ?? [];
  // A patrol and its hazards are separate batches (the hazards go through the report verb), and the
  // request's Idempotency-Key commits with the first. Without a chat source, the key gives the patrol
  // one: a retry after a crash in between finds the patrol and reports only the missing hazards
  // (api/core/idempotency.ts resumes 'patrol' claims), as a redelivered chat message does.
  const claim = ctx.idempotency;
  const byKey = !input.source && !!claim;
  const source = input.source ?? (claim ? keySource(claim) : undefined);
  if (claim && source) {
    claim.resource = resourceSql('patrol', sql`(select id from ${patrols} where ${patrols.sourcePlatform} = ${source.platform} and ${patrols.sourceMessageId} = ${source.messageId})`);
  }
  const reports = found.map((h, i) => {
    const parsed = ReportHazardInput.safeParse({
      ...h,
      enterpriseId: ent.id,
      force: true,
      source: source ? { platform: source.platform, messageId: `${source.messageId}#${i}` } : undefined,
    });
    if (!parsed.success) throw validationFailed(MSG.badHazard(i), parsed.error.issues);
    return parsed.data;
  });
  if (source) {
    const existing = await findBySource(ctx, source);
    // Found by the request's own key: this request created it, before the crash.
    if (existing) return replay(ctx, existing, ent, reports, byKey);
  }
  // The report verb's own rules that can refuse a hazard, checked now so a bad one writes nothing.
  for (const r of reports) {
    resolveDeadline(r, now);
    if (r.checkItemId) await loadCheckItem(ctx.db, r.checkItemId);
  }
  await checkChecklist(ctx, input.checklist ?? []);
  const photoIds = [...new Set(input.photoIds ?? [])];
  await checkPhotos(ctx, photoIds);

  const failedItem = (input.checklist ?? []).some((c) => !c.ok);
  const result = found.length > 0 ? 'issues' : input.result ?? (failedItem ? 'issues' : 'normal');
  const insert = ctx.db.insert(patrols).values({
    enterpriseId: ent.id, gridId: ent.gridId, townId: ent.townId, workerId: actor.personId, patrolledAt, result,
    dueAt: patrolDueAtSql(ent.id, patrolledAt),
    note: input.note || null, lat: input.lat ?? null, lng: input.lng ?? null, checklist: input.checklist ?? null,
    sourcePlatform: source?.platform ?? null, sourceMessageId: source?.messageId ?? null, createdAt: now,
  }).returning({ id: patrols.id });
  const touch = ctx.db.update(enterprises)
    .set({ lastPatrolAt: sql`max(coalesce(${enterprises.lastPatrolAt}, 0), ${patrolledAt.getTime()})` })
    .where(eq(enterprises.id, ent.id));
  let patrolId: number;
  try {
    const [inserted] = photoIds.length
      ? await ctx.writer.batch([insert, claimPhotos(ctx, photoIds), touch])
      : await ctx.writer.batch([insert, touch]);
    patrolId = inserted[0].id;
  } catch (e) {
    // A concurrent delivery of the same chat message won the unique (platform, message id) race.
    const winner = source ? await findBySource(ctx, source) : undefined;
    if (winner) return replay(ctx, winner, ent, reports, byKey);
    throw e;
  }

  const reported: HazardView[] = [];
  for (const r of reports) reported.push((await reportHazard(ctx, { ...r, patrolId })).hazard);
  return { patrol: await getPatrol(ctx, patrolId), hazards: reported, created: true, nextDueDay: await nextDue(ctx, ent.id) };
}

function claimPhotos(ctx: Ctx, photoIds: number[]) {
  // Runs right after the patrol insert in the same batch, so last_insert_rowid() is that patrol:
  // the batch cannot carry the new id from one statement to the next any other way.
  return ctx.db.update(attachments)
    .set({ patrolId: sql`last_insert_rowid()` })
    .where(and(inArray(attachments.id, photoIds), isNull(attachments.patrolId), isNull(attachments.hazardId)));
}

async function checkChecklist(ctx: Ctx, checklist: { checkItemId: number }[]) {
  if (!checklist.length) return;
  const ids = [...new Set(checklist.map((c) => c.checkItemId))];
  const known = await ctx.db.select({ id: checkItems.id }).from(checkItems)
    .where(and(inArray(checkItems.id, ids), eq(checkItems.active, true)));
  const missing = ids.find((id) => !known.some((k) => k.id === id));
  if (missing !== undefined) throw validationFailed(MSG.unknownCheckItem(missing));
}

async function checkPhotos(ctx: Ctx, photoIds: number[]) {
  if (!photoIds.length) return;
  const rows = await ctx.db.select().from(attachments).where(inArray(attachments.id, photoIds));
  for (const id of photoIds) {
    const a = rows.find((r) => r.id === id);
    if (!a || a.uploaderId !== ctx.actor.personId || a.patrolId != null || a.hazardId != null) throw validationFailed(MSG.badPhoto(id));
  }
}

async function findBySource(ctx: Ctx, source: { platform: string; messageId: string }) {
  const row = await ctx.db.select({ id: patrols.id, workerId: patrols.workerId }).from(patrols)
    .where(and(eq(patrols.sourcePlatform, source.platform), eq(patrols.sourceMessageId, source.messageId)))
    .get();
  // A source id is the worker's own chat message: another person's is not theirs to replay.
  if (row && row.workerId !== ctx.actor.personId) throw conflict(MSG.sourceTaken);
  return row;
}

/**
 * The same answer as the first delivery got, so a re-sent chat message gets the same reply. The
 * patrol and its hazards are separate batches: if the process died between them, the redelivery
 * (or the inbox's replay at start) completes the hazards. Each hazard's source id is deterministic
 * (`<message>#<i>`), so those already reported are found, never made twice.
 */
async function replay(ctx: Ctx, existing: { id: number }, ent: { id: number }, reports: ReportHazardInputT[], created = false): Promise<LogPatrolResult> {
  for (const r of reports) if (r.source) await reportHazard(ctx, { ...r, patrolId: existing.id });
  const patrol = await getPatrol(ctx, existing.id);
  const rows = await ctx.db.select(hazardWithEnterprise).from(hazards)
    .innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
    .where(eq(hazards.patrolId, existing.id))
    .orderBy(asc(hazards.id));
  return { patrol, hazards: await toHazardViews(ctx.db, rows, ctx.clock()), created, nextDueDay: await nextDue(ctx, ent.id) };
}

async function nextDue(ctx: Ctx, enterpriseId: number): Promise<string> {
  const [policy, ent] = await Promise.all([
    loadPolicy(ctx.db),
    ctx.db.select().from(enterprises).where(eq(enterprises.id, enterpriseId)).get(),
  ]);
  return shanghaiIsoDay(dueDay(policy, ent!));
}
