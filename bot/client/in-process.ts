import type { Ctx, Deps } from '../../api/core/context.js';
import { ReportHazardInput, reportHazard } from '../../api/hazards/report.js';
import { CorrectReportInput, correctReport } from '../../api/hazards/correct.js';
import { noteUnrecognised } from '../../api/chat/unrecognised.js';
import { AssignHazardInput, assignHazard } from '../../api/hazards/assign.js';
import { RectifyHazardInput, rectifyHazard } from '../../api/hazards/rectify.js';
import { ReviewHazardInput, reviewHazard } from '../../api/hazards/review.js';
import { VoidHazardInput, voidHazard } from '../../api/hazards/void.js';
import { WhistleHazardInput, whistleHazard } from '../../api/hazards/whistle.js';
import { acknowledgeHazard } from '../../api/hazards/acknowledge.js';
import { AddHazardNoteInput, addHazardNote } from '../../api/hazards/add-note.js';
import { getHazard } from '../../api/hazards/get.js';
import { listHazards } from '../../api/hazards/list.js';
import { LogPatrolInput, logPatrol } from '../../api/patrols/log.js';
import { matchEnterprises } from '../../api/enterprises/match.js';
import { enterpriseNamesInScope } from '../../api/enterprises/names-in-scope.js';
import { ListEnterprisesInput, listEnterprises } from '../../api/enterprises/list-enterprises.js';
import { getEnterprise } from '../../api/enterprises/get-enterprise.js';
import { myTasks } from '../../api/stats/my-tasks.js';
import { StatsSummaryInput, statsSummary } from '../../api/stats/summary.js';
import { overdueList } from '../../api/stats/overdue.js';
import { majorOpen } from '../../api/stats/major-open.js';
import { AssessmentInput, assessment } from '../../api/stats/assessment.js';
import { listTowns } from '../../api/org/list-towns.js';
import { listGrids } from '../../api/org/list-grids.js';
import { listDepartments } from '../../api/org/list-departments.js';
import { StorePhotoInput, storePhoto } from '../../api/files/store-photo.js';
import { MSG as STATS_MSG } from '../../api/stats/messages.js';
import { validationFailed } from '../../api/core/errors.js';
import { parsePeriod } from '../../lib/period.js';
import type { HazardRef } from '../../api/hazards/load.js';
import type { ActorVerbs, PlaceQuery, StatsQuery, VerbClient } from './types.js';
import { validated } from './validate.js';

/**
 * The verbs called directly with a Ctx for the sender: the same functions the HTTP routes call,
 * with inputs checked by the same schemas, so chat and API obey the same rules.
 */
export function inProcessClient(deps: Deps): VerbClient {
  return { as: (actor, channel) => new InProcessVerbs({ ...deps, actor, channel }) };
}

/** As the route does: the period word is read where the request enters, with the route's message. */
function stats(ctx: Ctx, input: StatsQuery) {
  const period = parsePeriod(input.period, ctx.clock());
  if (!period) throw validationFailed(STATS_MSG.badPeriod);
  return statsSummary(ctx, validated(StatsSummaryInput, { townId: input.townId, gridId: input.gridId, from: period.from, to: period.to, label: period.label }));
}

/**
 * Methods on a prototype, not an object literal of arrows: one is built for every chat message,
 * and 22 fresh closures (each named at runtime by the tsx/esbuild transform) cost ~3 % of a report.
 */
class InProcessVerbs implements ActorVerbs {
  constructor(private readonly ctx: Ctx) {}
  get actor() { return this.ctx.actor; }
  report(input: Parameters<ActorVerbs['report']>[0]) { return reportHazard(this.ctx, validated(ReportHazardInput, input)); }
  patrol(input: Parameters<ActorVerbs['patrol']>[0]) { return logPatrol(this.ctx, validated(LogPatrolInput, input)); }
  rectify(ref: HazardRef, input: Parameters<ActorVerbs['rectify']>[1]) { return rectifyHazard(this.ctx, ref, validated(RectifyHazardInput, input)); }
  review(ref: HazardRef, input: Parameters<ActorVerbs['review']>[1]) { return reviewHazard(this.ctx, ref, validated(ReviewHazardInput, input)); }
  assign(ref: HazardRef, input: Parameters<ActorVerbs['assign']>[1]) { return assignHazard(this.ctx, ref, validated(AssignHazardInput, input)); }
  void(ref: HazardRef, input: Parameters<ActorVerbs['void']>[1]) { return voidHazard(this.ctx, ref, validated(VoidHazardInput, input)); }
  whistle(ref: HazardRef, input: Parameters<ActorVerbs['whistle']>[1]) { return whistleHazard(this.ctx, ref, validated(WhistleHazardInput, input)); }
  acknowledge(ref: HazardRef) { return acknowledgeHazard(this.ctx, ref, {}); }
  addNote(ref: HazardRef, input: Parameters<ActorVerbs['addNote']>[1]) { return addHazardNote(this.ctx, ref, validated(AddHazardNoteInput, input)); }
  noteUnrecognised(text: string) { return noteUnrecognised(this.ctx, { text }); }
  correct(ref: HazardRef, input: Parameters<ActorVerbs['correct']>[1]) { return correctReport(this.ctx, ref, validated(CorrectReportInput, input)); }
  getHazard(ref: HazardRef) { return getHazard(this.ctx, ref); }
  hazards(query: Parameters<ActorVerbs['hazards']>[0]) { return listHazards(this.ctx, query); }
  matchEnterprises(query: string, limit: number) { return matchEnterprises(this.ctx, query, limit); }
  enterpriseNames() { return enterpriseNamesInScope(this.ctx); }
  getEnterprise(id: number) { return getEnterprise(this.ctx, id); }
  enterprises(query: Parameters<ActorVerbs['enterprises']>[0]) { return listEnterprises(this.ctx, validated(ListEnterprisesInput, query)); }
  tasks() { return myTasks(this.ctx); }
  stats(input: StatsQuery) { return stats(this.ctx, input); }
  overdue(input: PlaceQuery) { return overdueList(this.ctx, input); }
  major(input: PlaceQuery) { return majorOpen(this.ctx, input); }
  ranking(input: Parameters<ActorVerbs['ranking']>[0]) { return assessment(this.ctx, validated(AssessmentInput, input)); }
  storePhoto(input: Parameters<ActorVerbs['storePhoto']>[0]) { return storePhoto(this.ctx, validated(StorePhotoInput, input)); }
  async departments() { return (await listDepartments(this.ctx)).items; }
  async towns() { return (await listTowns(this.ctx, { limit: 500, offset: 0 })).items; }
  async grids() { return (await listGrids(this.ctx, { limit: 500, offset: 0 })).items; }
}
