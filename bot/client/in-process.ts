import type { Ctx, Deps } from '../../api/core/context.js';
import { ReportHazardInput, reportHazard } from '../../api/hazards/report.js';
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
import { getEnterprise } from '../../api/enterprises/get-enterprise.js';
import { myTasks } from '../../api/stats/my-tasks.js';
import { StatsSummaryInput, statsSummary } from '../../api/stats/summary.js';
import { overdueList } from '../../api/stats/overdue.js';
import { majorOpen } from '../../api/stats/major-open.js';
import { AssessmentInput, assessment } from '../../api/stats/assessment.js';
import { listTowns } from '../../api/org/list-towns.js';
import { listDepartments } from '../../api/org/list-departments.js';
import { StorePhotoInput, storePhoto } from '../../api/files/store-photo.js';
import { MSG as STATS_MSG } from '../../api/stats/messages.js';
import { validationFailed } from '../../api/core/errors.js';
import { parsePeriod } from '../../lib/period.js';
import type { ActorVerbs, StatsQuery, VerbClient } from './types.js';
import { validated } from './validate.js';

/**
 * The verbs called directly with a Ctx for the sender: the same functions the HTTP routes call,
 * with inputs checked by the same schemas, so chat and API obey the same rules.
 */
export function inProcessClient(deps: Deps): VerbClient {
  return { as: (actor, channel) => actorVerbs({ ...deps, actor, channel }) };
}

/** As the route does: the period word is read where the request enters, with the route's message. */
function stats(ctx: Ctx, input: StatsQuery) {
  const period = parsePeriod(input.period, ctx.clock());
  if (!period) throw validationFailed(STATS_MSG.badPeriod);
  return statsSummary(ctx, validated(StatsSummaryInput, { townId: input.townId, from: period.from, to: period.to, label: period.label }));
}

function actorVerbs(ctx: Ctx): ActorVerbs {
  return {
    actor: ctx.actor,
    report: (input) => reportHazard(ctx, validated(ReportHazardInput, input)),
    patrol: (input) => logPatrol(ctx, validated(LogPatrolInput, input)),
    rectify: (ref, input) => rectifyHazard(ctx, ref, validated(RectifyHazardInput, input)),
    review: (ref, input) => reviewHazard(ctx, ref, validated(ReviewHazardInput, input)),
    assign: (ref, input) => assignHazard(ctx, ref, validated(AssignHazardInput, input)),
    void: (ref, input) => voidHazard(ctx, ref, validated(VoidHazardInput, input)),
    whistle: (ref, input) => whistleHazard(ctx, ref, validated(WhistleHazardInput, input)),
    acknowledge: (ref) => acknowledgeHazard(ctx, ref, {}),
    addNote: (ref, input) => addHazardNote(ctx, ref, validated(AddHazardNoteInput, input)),
    getHazard: (ref) => getHazard(ctx, ref),
    hazards: (query) => listHazards(ctx, query),
    matchEnterprises: (query, limit) => matchEnterprises(ctx, query, limit),
    getEnterprise: (id) => getEnterprise(ctx, id),
    tasks: () => myTasks(ctx),
    stats: (input) => stats(ctx, input),
    overdue: (input) => overdueList(ctx, input),
    major: (input) => majorOpen(ctx, input),
    ranking: (input) => assessment(ctx, validated(AssessmentInput, input)),
    storePhoto: (input) => storePhoto(ctx, validated(StorePhotoInput, input)),
    departments: async () => (await listDepartments(ctx)).items,
    towns: async () => (await listTowns(ctx, { limit: 500, offset: 0 })).items,
  };
}
