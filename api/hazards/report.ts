import { z } from '@hono/zod-openapi';
import { and, eq, sql } from 'drizzle-orm';
import { enterprises, hazardCodeCounters, hazardEvents, hazards, patrols, HAZARD_LEVELS } from '../../db/schema/index.js';
import type { HazardStatus } from '../../db/schema/index.js';
import { shanghaiDayKey } from '../../lib/time.js';
import type { Ctx } from '../core/context.js';
import { conflict, forbidden, notFound, validationFailed } from '../core/errors.js';
import { coversPlace } from '../core/scope.js';
import { alertSafely } from './alerts.js';
import { detectCheckItem, loadCheckItem } from './check-item.js';
import { deadlineFields, oneDeadlineAtMost, resolveDeadline } from './deadline.js';
import { assertNotDuplicate } from './duplicate-guard.js';
import { initialStatus } from './lifecycle.js';
import { MSG } from './messages.js';
import { checkPhotos, claimPhotosForLastEvent, PhotoIds } from './photos.js';
import { toHazardView, toHazardViews, type HazardView } from './view.js';
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
 * Reports a hazard (SPEC §4 "report"). The code's per-day sequence is taken in the same batch as the
 * insert (counter upsert, then a subquery on it), so concurrent reports get distinct codes without
 * an interactive transaction. A chat message seen before returns its hazard with created: false.
 */
export async function reportHazard(ctx: Ctx, raw: ReportHazardInputT): Promise<ReportHazardResult> {
  const input = parseInput(ReportHazardInput, raw);
  const { actor } = ctx;
  if (actor.role === 'department') throw forbidden(MSG.departmentCannotReport);
  const ent = await ctx.db.select().from(enterprises).where(eq(enterprises.id, input.enterpriseId)).get();
  if (!ent || !coversPlace(actor, ent)) throw notFound(MSG.enterprise);

  if (input.source) {
    const seen = await findBySource(ctx, input.source);
    if (seen) return { hazard: seen, created: false };
  }

  const now = ctx.clock();
  const deadlineAt = resolveDeadline(input, now);
  const item = input.checkItemId ? await loadCheckItem(ctx.db, input.checkItemId) : await detectCheckItem(ctx.db, input.description);
  const level = input.level ?? (item?.majorByDefault ? 'major' : 'general');
  if (input.patrolId) await checkPatrol(ctx, input.patrolId, ent.id);
  const photoIds = await checkPhotos(ctx, input.photoIds, input.patrolId);
  if (!input.force) {
    await assertNotDuplicate(ctx.db, {
      enterpriseId: ent.id, description: input.description, checkItemId: item?.id ?? null, checkItemCode: item?.code ?? null,
    });
  }

  // A worker only suggests the deadline of a major hazard; an admin sets it on assign (SPEC §4).
  const suggestedOnly = level === 'major' && actor.role === 'worker' && deadlineAt !== undefined;
  const status: HazardStatus = initialStatus(deadlineAt !== undefined && !suggestedOnly);
  const day = shanghaiDayKey(now);
  const counter = ctx.db
    .insert(hazardCodeCounters)
    .values({ day, seq: 1 })
    .onConflictDoUpdate({ target: hazardCodeCounters.day, set: { seq: sql`${hazardCodeCounters.seq} + 1` } });
  const insert = ctx.db.insert(hazards).values({
    code: sql`'YH' || ${day} || '-' || printf('%04d', (select seq from hazard_code_counters where day = ${day}))`,
    enterpriseId: ent.id, gridId: ent.gridId, townId: ent.townId, reporterId: actor.personId,
    patrolId: input.patrolId ?? null, sourcePlatform: input.source?.platform ?? null, sourceMessageId: input.source?.messageId ?? null,
    description: input.description, checkItemId: item?.id ?? null, level, status,
    deadlineAt: suggestedOnly ? null : deadlineAt ?? null, responsible: input.responsible ?? null,
    lat: input.lat ?? null, lng: input.lng ?? null, reportedAt: now, updatedAt: now,
  }).returning();
  const event = ctx.db.insert(hazardEvents).values({
    hazardId: sql`last_insert_rowid()`, action: 'report', fromStatus: null, toStatus: status, actorId: actor.personId, at: now,
    note: null, channel: ctx.channel,
    data: {
      level, checkItemId: item?.id ?? null, photoIds, patrolId: input.patrolId ?? null, source: input.source ?? null,
      deadline: deadlineAt && !suggestedOnly ? deadlineAt.toISOString() : null,
      ...(suggestedOnly ? { suggestedDeadline: deadlineAt!.toISOString() } : {}),
      ...(input.force ? { forced: true } : {}),
    },
  });

  let row: typeof hazards.$inferSelect;
  try {
    const results = photoIds.length
      ? await ctx.writer.batch([counter, insert, event, claimPhotosForLastEvent(ctx, photoIds)])
      : await ctx.writer.batch([counter, insert, event]);
    row = results[1][0];
  } catch (e) {
    // A concurrent delivery of the same chat message won the unique (platform, message id) race.
    const winner = input.source ? await findBySource(ctx, input.source) : undefined;
    if (winner) return { hazard: winner, created: false };
    throw e;
  }

  // A hazard just reported has no departments yet: no need to ask the database.
  const hazard = toHazardView({ ...row, enterpriseName: ent.name }, [], now);
  if (level === 'major') await alertSafely(ctx, { kind: 'major_hazard', hazardId: row.id });
  else if (ent.riskColor === 'red') await alertSafely(ctx, { kind: 'red_enterprise_hazard', hazardId: row.id });
  return { hazard, created: true };
}

async function findBySource(ctx: Ctx, source: { platform: string; messageId: string }): Promise<HazardView | undefined> {
  const row = await ctx.db
    .select()
    .from(hazards)
    .innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
    .where(and(eq(hazards.sourcePlatform, source.platform), eq(hazards.sourceMessageId, source.messageId)))
    .get();
  if (!row) return undefined;
  // A source id is the reporter's own chat message: another person's is not theirs to see or reuse.
  if (row.hazards.reporterId !== ctx.actor.personId) throw conflict(MSG.sourceTaken);
  const [view] = await toHazardViews(ctx.db, [{ ...row.hazards, enterpriseName: row.enterprises.name }], ctx.clock());
  return view;
}

async function checkPatrol(ctx: Ctx, patrolId: number, enterpriseId: number) {
  const p = await ctx.db.select({ enterpriseId: patrols.enterpriseId }).from(patrols).where(eq(patrols.id, patrolId)).get();
  if (!p || p.enterpriseId !== enterpriseId) throw validationFailed(MSG.unknownPatrol, [{ path: 'patrolId', code: 'not_found' }]);
}
