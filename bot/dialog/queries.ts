import type { Reply } from '../present/reply.js';
import { clip } from '../present/reply.js';
import { enterpriseReply, hazardDetailReply, majorReply, overdueReply, tasksReply } from '../present/lists.js';
import { completionPicture, rankingReply, statsReply } from '../present/stats.js';
import { parsePeriod } from '../../lib/period.js';
import { shanghaiIsoDay } from '../../lib/time.js';
import type { IntentOf } from './intents.js';
import { needEnterprise, resolveEnterprise, type PickedEnterprise } from './enterprise.js';
import { attempt, errorReply, type Slots, type Turn } from './turn.js';
import { M } from './messages.js';
import { gridNames, gridsToName } from './places.js';
import { U } from './understand-messages.js';
import { dashboardPage, enterprisePage, hazardListPage, hazardPage, ownHazardsPage, tasksPage, withLink } from './page-links.js';

// Read-only questions. Scope is the verbs' business: they answer within the sender's scope or
// refuse with their own Chinese message, so nothing here can show another grid's data.

export const tasks = (t: Turn) =>
  attempt(() => t.verbs.tasks(), (r) => withLink(tasksReply(r), r.role === 'enterprise' ? ownHazardsPage : tasksPage));

export const queryHazard = (t: Turn, p: IntentOf<'query_hazard'>) =>
  attempt(() => t.verbs.getHazard({ code: p.code }), (h) => withLink(hazardDetailReply(h, t.actor.role), hazardPage(h.code)));

export const startQueryEnterprise = (t: Turn, p: IntentOf<'query_enterprise'>) => continueQueryEnterprise(t, { enterpriseText: p.enterprise, period: p.period });

/**
 * What a figure question asked of an enterprise counts (华美这个月报了几条隐患 → reported in the period,
 * 华美逾期几条 → overdue now): kept in the slots, so it is still answered after a choice of enterprise.
 */
type Figure = 'reported' | 'overdue';

export async function continueQueryEnterprise(t: Turn, slots: Slots): Promise<Reply> {
  const e = await needEnterprise(t, 'query_enterprise', slots);
  if ('reply' in e) return e.reply;
  const { id } = e.slots.enterprise as PickedEnterprise;
  const period = typeof e.slots.period === 'string' ? e.slots.period : undefined;
  const figure = e.slots.figure as Figure | undefined;
  const within = figure === 'reported' ? parsePeriod(period, t.now) : null;
  const counted = figure === 'overdue'
    ? { overdue: true as const }
    : within ? { from: shanghaiIsoDay(within.from), to: shanghaiIsoDay(within.to.getTime() - 1) } : null;
  return attempt(
    () => Promise.all([
      t.verbs.getEnterprise(id), t.verbs.hazards({ enterpriseId: id, status: 'open', limit: 5 }),
      counted ? t.verbs.hazards({ enterpriseId: id, ...counted, limit: 1 }) : Promise.resolve(null),
    ]),
    ([ent, open, figures]) => {
      const reply = withLink(enterpriseReply(ent, open.items, open.total), enterprisePage(id));
      if (figures) {
        const line = figure === 'overdue' ? U.enterpriseOverdue(figures.total) : U.enterpriseReported(within!.label, figures.total);
        return { ...reply, lines: [line, ...reply.lines] };
      }
      // The view is the enterprise now: a period asked with it is named, not silently dropped.
      return period ? { ...reply, lines: [U.enterprisePeriod(period), ...reply.lines] } : reply;
    },
  );
}

/**
 * A place that is no town in the sender's scope may still be an enterprise in it (the parser reads
 * 华美这个月报了几条隐患 as statistics of a place 华美): answered with that enterprise's view and the
 * figure asked. The match verb is scoped, so another grid's enterprise is not found and not named.
 */
async function enterpriseInstead(t: Turn, phrase: string, figure: Figure, period: string | undefined): Promise<Reply> {
  const r = await resolveEnterprise(t, phrase);
  if (r.kind === 'none') return { title: M.errorTitle, lines: [M.noPlace(clip(phrase, 20))] };
  const slots: Slots = { ...(r.kind === 'one' ? { enterprise: r.enterprise } : { enterpriseText: phrase }), period, figure };
  const reply = await continueQueryEnterprise(t, slots);
  // The answer names the enterprise: in a group it goes to the sender privately (handle.ts).
  return reply.title === '请选择企业' || reply.title === M.errorTitle ? reply : { ...reply, names: true };
}

/**
 * '横林镇' / '横林' → the town, '崔桥村' / '崔桥村网格' → the grid, among those the sender may see;
 * '全区' or nothing → whole scope; anything else is `missing` (maybe an enterprise, see below).
 */
type Scope = { townId?: number; gridId?: number; ownGridsOf?: string };

/** The figures of a worker's own grids, given for the town they named: the first line says so. */
const ownGrids = (scope: Scope, reply: Reply): Reply =>
  scope.ownGridsOf ? { ...reply, lines: [U.ownGridsFigures(scope.ownGridsOf), ...reply.lines] } : reply;

async function townFor(t: Turn, place: string | undefined): Promise<Scope | { missing: string }> {
  const q = place?.replace(/\s+/g, '') ?? '';
  if (!q || q === '全区' || q === '本区') return {};
  // 横林 and 横林镇 are the same place; 横林 and 横林东 are not.
  const bare = (s: string) => s.replace(/(?:镇|街道|乡)$/, '');
  const hit = (await t.verbs.towns()).find((x) => x.name === q || bare(x.name) === bare(q));
  // A worker sees their own grids' figures only (the verb refuses a town): a worker naming the town their
  // grids lie in is answered for those grids, and the reply says so; another town is refused by the verb.
  if (hit && t.actor.role === 'worker' && (await t.verbs.grids()).some((g) => g.townId === hit.id)) return { ownGridsOf: hit.name };
  if (hit) return { townId: hit.id };
  const grid = (await gridsToName(t)).find((g) => gridNames(g).includes(q));
  return grid ? { gridId: grid.id } : { missing: q };
}

export async function stats(t: Turn, p: IntentOf<'stats'>): Promise<Reply> {
  try {
    const town = await townFor(t, p.place);
    if ('missing' in town) return await enterpriseInstead(t, town.missing, 'reported', p.period);
    const summary = await t.verbs.stats({ townId: town.townId, gridId: town.gridId, period: p.period });
    // The dashboard page takes a town only: a grid's figures link to the sender's own dashboard.
    const reply = ownGrids(town, withLink(statsReply(summary), dashboardPage({ townId: town.townId, period: p.period })));
    return p.chart ? { ...reply, image: completionPicture(summary) } : reply;
  } catch (e) {
    return errorReply(e);
  }
}

export async function overdue(t: Turn, p: IntentOf<'overdue'>): Promise<Reply> {
  try {
    const town = await townFor(t, p.place);
    if ('missing' in town) return await enterpriseInstead(t, town.missing, 'overdue', undefined);
    const reply = ownGrids(town, withLink(overdueReply(await t.verbs.overdue({ townId: town.townId, gridId: town.gridId })), hazardListPage({ overdue: 'true' })));
    // Overdue is a state now, not a count over a period: say so rather than silently drop the period.
    return p.period ? { ...reply, lines: [U.overduePeriod(p.period), ...reply.lines] } : reply;
  } catch (e) {
    return errorReply(e);
  }
}

export const major = (t: Turn) => attempt(() => t.verbs.major({}), (m) => withLink(majorReply(m), hazardListPage({ level: 'major' })));

/** 排名 本月: the assessment is monthly, so any period means the month it starts in. */
export async function ranking(t: Turn, p: IntentOf<'ranking'>): Promise<Reply> {
  const period = parsePeriod(p.period, t.now);
  if (!period) return { title: M.errorTitle, lines: [M.badPeriod] };
  const month = shanghaiIsoDay(period.from).slice(0, 7);
  return attempt(() => t.verbs.ranking({ month }), (a) => withLink(rankingReply(a, `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`), dashboardPage()));
}
