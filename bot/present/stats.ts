import type { Assessment, StatsSummary } from '../client/types.js';
import type { ChartPicture } from '../port.js';
import { clip, type Reply } from './reply.js';
import { firstFew, percent } from './format.js';

const SHOWN = 5;

/** 统计: the figures of SPEC §6 for one scope and period, then the weakest few places. */
export function statsReply(s: StatsSummary): Reply {
  const p = s.patrols;
  const h = s.hazards;
  const lines = [
    `巡查：应巡 ${p.due}，已巡 ${p.done}，按时 ${p.onTime}，完成率 ${percent(p.completionRate)}`,
    `隐患：新发现 ${h.found}，已销号 ${h.closed}，未销号 ${h.open}，逾期 ${h.overdue}`,
    `重大隐患未销号：${h.majorOpen}`,
  ];
  if (s.rows.length > 1) {
    // The places that need attention first: lowest completion, then most overdue.
    const worst = [...s.rows].sort((a, b) => a.patrols.completionRate - b.patrols.completionRate || b.hazards.overdue - a.hazards.overdue);
    lines.push(s.breakdown === 'town' ? '各镇（完成率由低到高）：' : '各网格（完成率由低到高）：');
    lines.push(...firstFew(worst, SHOWN, (r) =>
      `· ${clip(r.name, 16)}：完成率 ${percent(r.patrols.completionRate)}，逾期隐患 ${r.hazards.overdue}`, (k) => `……另有 ${k} 个`));
  }
  return {
    title: `统计（${clip(s.scope.label, 20)}，${s.period.label}）`,
    lines,
    actions: [{ label: '逾期清单', command: '逾期' }, ...(h.majorOpen ? [{ label: '重大隐患', command: '重大隐患' }] : [])],
  };
}

/** 排名: the monthly assessment, transparent about how the score is made. */
export function rankingReply(a: Assessment, label: string): Reply {
  const w = a.weights;
  const lines = [
    `共 ${a.rows.length} 名网格员。得分 = 巡查完成率×${w.completion} + 核实重大隐患×${w.majorBonus} − 不属实上报×${w.falsePenalty}`,
    ...firstFew(a.rows, 10, (r, i) =>
      `${i + 1}. ${clip(r.name, 10)} ${r.score} 分（应巡 ${r.patrolsDue}，按时 ${r.patrolsOnTime}，完成率 ${percent(r.completionRate)}）`, (k) => `……另有 ${k} 名`),
  ];
  return { title: `网格员考核（${label}）`, lines };
}

/** The dashboard's completion chart for a summary, as a chat picture (统计图, the weekly summary). */
export function completionPicture(s: StatsSummary): ChartPicture {
  return {
    chart: 'completion',
    subtitle: `${clip(s.scope.label, 20)} · ${s.period.label}`,
    by: s.breakdown === 'town' ? '镇' : '网格',
    rows: s.rows.map((r) => ({ name: clip(r.name, 12), rate: r.patrols.completionRate })),
  };
}
