import type { MyTasks, OverdueList, MajorOpen, HazardDetail, EnterpriseView, HazardView } from '../client/types.js';
import type { HazardStatus, Role } from '../../db/schema/index.js';
import { ACTION_NAMES, STATUS_NAMES } from '../dialog/messages.js';
import { clip, type Reply } from './reply.js';
import { dayLabel, firstFew, timeLabel } from './format.js';
import { hazardBody, nextActions, statusLine } from './hazard.js';
import { shanghaiIsoDay } from '../../lib/time.js';

// Lists for supervisors and workers: counts first, then the most urgent few by name with codes.

const SHOWN = 5;
const more = (k: number) => `……另有 ${k} 条`;
const deadlineDayOf = (iso: string | null) => (iso ? dayLabel(shanghaiIsoDay(new Date(iso).getTime() - 1)) : '');

type TaskHazard = MyTasks['reviews']['items'][number];
const taskLine = (h: TaskHazard) =>
  `${h.code} ${h.level === 'major' ? '【重大】' : ''}${clip(h.enterpriseName, 16)}：${clip(h.description, 20)}` +
  (h.deadlineAt ? `（${h.overdue ? '已逾期，' : ''}期限 ${deadlineDayOf(h.deadlineAt)}）` : '');

export function tasksReply(t: MyTasks): Reply {
  // An enterprise contact has no tasks of a grid worker: the list is its own enterprise's hazards.
  if (t.role === 'enterprise') return ownHazardsReply(t);
  const sections: [string, { total: number; items: TaskHazard[] }][] = [
    ['待整改（期限两天内或已逾期）', t.hazardsDueSoon],
    ['待复查', t.reviews],
    ['待交办', t.toAssign],
    ['待报到', t.toAcknowledge],
  ];
  const lines: string[] = [];
  if (t.patrolsDue.total > 0) {
    lines.push(`待巡查企业 ${t.patrolsDue.total} 家：`);
    lines.push(...firstFew(t.patrolsDue.items, SHOWN, (p) => `· ${clip(p.enterpriseName, 20)}（${p.overdueDays > 0 ? `逾期 ${p.overdueDays} 天` : '今天到期'}）`, more));
  }
  for (const [label, s] of sections) {
    if (s.total === 0) continue;
    lines.push(`${label} ${s.total} 条：`);
    lines.push(...firstFew(s.items, SHOWN, (h) => `· ${taskLine(h)}`, more));
  }
  // The lists hold only what needs action now; the whole open count answers 还有几条没销号 without making a
  // hazard whose deadline is a week away look closed.
  if (t.openHazards) lines.unshift(lines.length ? `未销号隐患共 ${t.openHazards} 条，现在要办的如下：` : `未销号隐患共 ${t.openHazards} 条，眼下没有需要办理的。`);
  if (lines.length === 0) lines.push('暂无待办事项。');
  const first = t.reviews.items[0] ?? t.hazardsDueSoon.items[0];
  const actions = first ? [{ label: '查看详情', command: `查询 ${first.code}` }] : undefined;
  return { title: '我的待办', lines, actions };
}

function ownHazardsReply(t: MyTasks): Reply {
  const s = t.hazardsDueSoon;
  const lines = s.total === 0 ? ['本企业暂无待整改的隐患。']
    : [`本企业待整改隐患 ${s.total} 条：`, ...firstFew(s.items, SHOWN, (h) => `· ${taskLine(h)}`, more), '整改完成后发送“整改 编号 整改情况”并附照片。'];
  const waiting = (t.openHazards ?? 0) - s.total;
  if (waiting > 0) lines.push(`另有 ${waiting} 条已提交整改，等待复查。`);
  const first = s.items[0];
  return { title: '本企业隐患', lines, actions: first ? [{ label: '查看详情', command: `查询 ${first.code}` }] : undefined };
}

export function overdueReply(o: OverdueList): Reply {
  const lines = [`${o.scope.label}：逾期隐患 ${o.hazards.total} 条，逾期未巡查企业 ${o.patrols.total} 家。`];
  if (o.hazards.total) {
    lines.push('逾期隐患：');
    lines.push(...firstFew(o.hazards.items, SHOWN, (h) =>
      `· ${h.code} ${h.level === 'major' ? '【重大】' : ''}${clip(h.enterpriseName, 16)}：${clip(h.description, 20)}（逾期 ${h.overdueDays} 天）`, more));
  }
  if (o.patrols.total) {
    lines.push('逾期未巡查：');
    lines.push(...firstFew(o.patrols.items, SHOWN, (p) => `· ${clip(p.enterpriseName, 20)}（逾期 ${p.overdueDays} 天）`, more));
  }
  const first = o.hazards.items[0];
  return { title: `逾期清单（${o.scope.label}）`, lines, actions: first ? [{ label: '查看详情', command: `查询 ${first.code}` }] : undefined };
}

export function majorReply(m: MajorOpen): Reply {
  const lines = [`${m.scope.label}：未销号重大隐患 ${m.total} 条。`];
  lines.push(...firstFew(m.items, SHOWN, (h) =>
    `· ${h.code} ${clip(h.enterpriseName, 16)}：${clip(h.description, 20)}（${STATUS_NAMES[h.status as HazardStatus] ?? h.status}${h.overdue ? '，已逾期' : ''}）`, more));
  const first = m.items[0];
  return { title: `重大隐患（${m.scope.label}）`, lines, actions: first ? [{ label: '查看详情', command: `查询 ${first.code}` }] : undefined };
}

export function hazardDetailReply(h: HazardDetail, role: Role): Reply {
  const lines = [...hazardBody(h), `上报：${timeLabel(h.reportedAt)}`];
  if (h.responsible) lines.push(`责任人：${clip(h.responsible, 30)}`);
  const suggested = suggestedDeadlineOf(h);
  if (suggested && !h.deadlineDay) lines.push(`上报人建议期限：${dayLabel(suggested)}`);
  if (h.photos.length) lines.push(`照片：${h.photos.length} 张`);
  lines.push('处理过程：');
  // The report is always shown first (it says what was found); then the latest steps, a long
  // history cut in between. Each step says how many photos it brought (before / after the fix).
  const photosOf = new Map<number | null, number>();
  for (const p of h.photos) photosOf.set(p.eventId, (photosOf.get(p.eventId) ?? 0) + 1);
  const [first, ...rest] = h.timeline;
  const latest = rest.slice(-7);
  const step = (e: HazardDetail['timeline'][number]) => {
    const note = e.note ? `：${clip(e.note, 30)}` : '';
    const n = photosOf.get(e.id) ?? 0;
    return `· ${timeLabel(e.at)} ${clip(e.actor.name, 10)} ${ACTION_NAMES[e.action] ?? e.action}${note}${n ? `（照片 ${n} 张）` : ''}`;
  };
  if (first) lines.push(step(first));
  if (rest.length > latest.length) lines.push(`……中间 ${rest.length - latest.length} 步略`);
  for (const e of latest) lines.push(step(e));
  return { title: `隐患 ${h.code}`, lines, actions: nextActions(h, role).filter((a) => !a.command.startsWith('查询')) };
}

/** The reporter's deadline kept as a suggestion (report or correction event data), for the admin who assigns. */
function suggestedDeadlineOf(h: HazardDetail): string | null {
  const iso = h.timeline.map((e) => e.data?.suggestedDeadline).filter((v): v is string => typeof v === 'string').pop();
  return iso ? shanghaiIsoDay(new Date(iso).getTime() - 1) : null;
}

const CLASS_NAMES: Record<string, string> = { key: '重点行业领域', above: '规上', below: '规下' };
const RISK_NAMES: Record<string, string> = { red: '红（重大）', orange: '橙（较大）', yellow: '黄（一般）', blue: '蓝（低）' };

/** 查询 企业: `open` is the first page of its open hazards, `openTotal` how many there are. */
export function enterpriseReply(e: EnterpriseView, open: HazardView[], openTotal: number): Reply {
  const lines = [
    `类别：${CLASS_NAMES[e.class] ?? e.class}　风险：${RISK_NAMES[e.riskColor] ?? e.riskColor}`,
    `最近巡查：${e.lastPatrolAt ? timeLabel(e.lastPatrolAt) : '尚未巡查'}`,
    `下次巡查：${dayLabel(e.nextDueDay)}${e.overdue ? '（已逾期）' : ''}`,
    `未销号隐患：${openTotal} 条`,
    ...open.slice(0, SHOWN).map((h) => `· ${h.code} ${h.level === 'major' ? '【重大】' : ''}${clip(h.description, 24)}（${statusLine(h)}）`),
    ...(openTotal > SHOWN ? [more(openTotal - SHOWN)] : []),
  ];
  if (e.contactName || e.contactPhone) lines.push(`联系人：${clip([e.contactName, e.contactPhone].filter(Boolean).join(' '), 40)}`);
  const short = e.shortName ?? e.name;
  return {
    title: clip(e.name, 40),
    lines,
    actions: [{ label: '巡查正常', command: `巡查 ${short} 正常` }, ...(open[0] ? [{ label: '查看隐患', command: `查询 ${open[0].code}` }] : [])],
  };
}
