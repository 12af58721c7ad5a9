import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { SqlText } from '../../db/sql-text.js';
import { checkItems, enterprises, hazards, patrols } from '../../db/schema/index.js';
import type { HazardLevel, HazardStatus } from '../../db/schema/index.js';
import { conflict, notFound, validationFailed } from '../core/errors.js';
import { coversPlace } from '../core/scope.js';
import { activeCheckItems, matchCheckItem, pickCheckItem, type CheckItem } from './check-item.js';
import { resolveDeadline } from './deadline.js';
import { duplicateError, findDuplicate, MAX_COMPARED, openHazardsOf, type OpenHazard } from './duplicate-guard.js';
import { initialStatus } from './lifecycle.js';
import { MSG } from './messages.js';
import { checkPhotos } from './photos.js';
import { hazardWithEnterprise, toHazardViews } from './view.js';
import { completeFollowUps } from './report-follow-ups.js';
import type { IntakeItem } from './intake-item.js';

// What a report needs of its enterprise: scope, denormalised place, name for the reply, colour for alerts.
type Enterprise = { id: number; name: string; gridId: number; townId: number; riskColor: (typeof enterprises.$inferSelect)['riskColor'] };

/** A report that passed every check, with everything its rows need. */
export type Admitted = {
  item: IntakeItem;
  ent: Enterprise;
  now: Date;
  check: CheckItem | undefined;
  level: HazardLevel;
  status: HazardStatus;
  deadlineAt: Date | undefined;
  /** A worker's deadline for a major hazard is a suggestion; an admin sets it on assign (SPEC §4). */
  suggestedOnly: boolean;
  photoIds: number[];
};
type Draft = Partial<Admitted> & { item: IntakeItem };

/**
 * Runs SPEC §4's report checks for a group of concurrent reports with one query per kind of fact
 * (enterprises, chat sources, checklist, patrols, open hazards) instead of one per report. Each
 * report meets the checks in the order a lone report would, so its error is the one it would get
 * alone. Refused reports and already-recorded chat messages are settled here; the rest come back,
 * admitted or deferred. The caller guarantees no two reports of the group share a chat source or a
 * photo. Reports of one enterprise may share a group: one that looks like a duplicate of an earlier
 * one in the group is deferred to the next group, where the earlier one is committed and it gets
 * the answer it would get had the two come one after another.
 */
export async function checkReports(items: IntakeItem[]): Promise<{ admitted: Admitted[]; deferred: IntakeItem[] }> {
  const { db } = items[0].ctx;
  let drafts: Draft[] = items.map((item) => ({ item }));
  const each = (check: (d: Draft) => void) => {
    drafts = drafts.filter((d) => {
      try {
        check(d);
        return true;
      } catch (e) {
        d.item.reject(e);
        return false;
      }
    });
  };

  const ents = await enterprisesById(db, drafts.map((d) => d.item.input.enterpriseId));
  each((d) => {
    const ent = ents.get(d.item.input.enterpriseId);
    if (!ent || !coversPlace(d.item.ctx.actor, ent)) throw notFound(MSG.enterprise);
    d.ent = ent;
  });

  drafts = await settleSeenSources(db, drafts);
  if (drafts.length === 0) return { admitted: [], deferred: [] };

  each((d) => {
    d.now = d.item.ctx.clock();
    d.deadlineAt = resolveDeadline(d.item.input, d.now);
  });

  // Items named by id are read from the database every time (another process may have just retired
  // or created one); the kept checklist only serves keyword detection.
  const namedIds = [...new Set(drafts.flatMap((d) => d.item.input.checkItemId ?? []))];
  const [checklist, named] = await Promise.all([
    activeCheckItems(db),
    namedIds.length ? db.select().from(checkItems).where(inArray(checkItems.id, namedIds)) : Promise.resolve([]),
  ]);
  each((d) => {
    const { checkItemId, description, level } = d.item.input;
    d.check = checkItemId ? pickCheckItem(named, checkItemId) : matchCheckItem(checklist, description);
    d.level = level ?? (d.check?.majorByDefault ? 'major' : 'general');
  });

  const patrolIds = drafts.flatMap((d) => d.item.input.patrolId ?? []);
  const patrolPlaces = patrolIds.length
    ? new Map((await db.select({ id: patrols.id, enterpriseId: patrols.enterpriseId }).from(patrols).where(inArray(patrols.id, patrolIds)))
      .map((p) => [p.id, p.enterpriseId]))
    : new Map<number, number>();
  each((d) => {
    const { patrolId } = d.item.input;
    if (patrolId && patrolPlaces.get(patrolId) !== d.ent!.id) {
      throw validationFailed(MSG.unknownPatrol, [{ path: 'patrolId', code: 'not_found' }]);
    }
  });

  // Photos are rare on this path and checked against their uploader: one small query each.
  const withPhotos: Draft[] = [];
  for (const d of drafts) {
    try {
      d.photoIds = await checkPhotos(d.item.ctx, d.item.input.photoIds, d.item.input.patrolId);
      withPhotos.push(d);
    } catch (e) {
      d.item.reject(e);
    }
  }
  drafts = withPhotos;

  const open = await openHazardsOf(db, drafts.filter((d) => !d.item.input.force).map((d) => d.ent!.id));
  // Each report is compared with the enterprise's open hazards and then with the group's earlier
  // reports of it: the list, in id order, it would meet alone once those were written. Matching an
  // earlier report of the group defers it (next group, that report committed, it gets the same
  // answer with the same code); matching an open hazard refuses it now.
  type Earlier = { description: string; checkItemId: number | null; inGroup: true };
  const deferred: IntakeItem[] = [];
  const earlier = new Map<number, Earlier[]>();
  drafts = drafts.filter((d) => {
    const before = earlier.get(d.ent!.id) ?? [];
    if (!d.item.input.force) {
      // Capped as openHazardsOf caps a lone report's list: the earliest MAX_COMPARED by id.
      const compared: (OpenHazard | Earlier)[] = [...(open.get(d.ent!.id) ?? []), ...before].slice(0, MAX_COMPARED);
      const hit = findDuplicate(compared, candidate(d));
      if (hit && 'inGroup' in hit) {
        deferred.push(d.item);
        return false;
      }
      if (hit) {
        d.item.reject(duplicateError(hit));
        return false;
      }
    }
    earlier.set(d.ent!.id, [...before, { description: d.item.input.description, checkItemId: d.check?.id ?? null, inGroup: true }]);
    return true;
  });

  const admitted = drafts.map((d) => {
    const suggestedOnly = d.level === 'major' && d.item.ctx.actor.role === 'worker' && d.deadlineAt !== undefined;
    return { ...(d as Admitted), suggestedOnly, status: initialStatus(d.deadlineAt !== undefined && !suggestedOnly) };
  });
  return { admitted, deferred };
}

const candidate = (d: Draft) => ({
  description: d.item.input.description, checkItemId: d.check?.id ?? null, checkItemCode: d.check?.code ?? null,
});

// SqlText rather than drizzle's select builder: on the intake hot path, building and mapping this
// 32-row read through the builder cost twice what SQLite spent on it.
async function enterprisesById(db: Db, ids: number[]): Promise<Map<number, Enterprise>> {
  const q = new SqlText().raw('select id, name, grid_id as gridId, town_id as townId, risk_color as riskColor from enterprises where id in (')
    .ints([...new Set(ids)]).raw(')');
  const rows = await db.all<Enterprise>(q.toSQL());
  return new Map(rows.map((e) => [e.id, e]));
}

/** A chat message already recorded answers with its hazard (created: false); the rest go on. */
async function settleSeenSources(db: Db, drafts: Draft[]): Promise<Draft[]> {
  const sources = drafts.flatMap((d) => d.item.input.source ?? []);
  if (sources.length === 0) return drafts;
  // Two bound parameters a source: 40 at a time stays under D1's 100 per statement.
  const seen: Awaited<ReturnType<typeof findBySources>> = [];
  for (let i = 0; i < sources.length; i += 40) seen.push(...await findBySources(db, sources.slice(i, i + 40)));
  const rest: Draft[] = [];
  for (const d of drafts) {
    const { source } = d.item.input;
    const row = source && seen.find((h) => h.sourcePlatform === source.platform && h.sourceMessageId === source.messageId);
    if (!row) rest.push(d);
    else await answerSeen(d.item, row).catch((e) => d.item.reject(e));
  }
  return rest;
}

type Source = { platform: string; messageId: string };

export function findBySources(db: Db, sources: Source[]) {
  return db
    .select(hazardWithEnterprise)
    .from(hazards)
    .innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
    .where(or(...sources.map((s) => and(eq(hazards.sourcePlatform, s.platform), eq(hazards.sourceMessageId, s.messageId)))));
}

/** Settles a report whose chat message already made a hazard: that hazard, if the message is the reporter's own. */
export async function answerSeen(item: IntakeItem, row: Awaited<ReturnType<typeof findBySources>>[number]): Promise<void> {
  // A source id is the reporter's own chat message: another person's is not theirs to see or reuse.
  if (row.reporterId !== item.ctx.actor.personId) throw conflict(MSG.sourceTaken);
  // The first delivery may have stopped between its commit and its alert: complete it (deduplicated).
  await completeFollowUps(item.ctx, row.id);
  const [hazard] = await toHazardViews(item.ctx.db, [row], item.ctx.clock());
  item.resolve({ hazard, created: false });
}
