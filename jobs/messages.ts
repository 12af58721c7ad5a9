import type { OutgoingMessage } from '../bot/port.js';
import { DAY_MS, shanghaiDate, shanghaiMidnight } from '../lib/time.js';

// Every text the jobs send, in one place. Short, counts first, then the few most urgent items by
// name and code, and a last line `回复“…”查看全部` that DingTalk renders as a tap-to-send link.

export type Msg = { title: string; text: string };
export type EnterpriseItem = { name: string; dueAt: number };
export type HazardItem = { code: string; enterprise: string; deadlineAt: number | null; level?: string };

const md = (at: Date | number) => {
  const d = shanghaiDate(at);
  return `${d.month}月${d.day}日`;
};
const hint = (command: string) => `回复“${command}”查看全部`;
const lines = (...xs: (string | false | null | undefined)[]) => xs.filter((x): x is string => !!x).join('\n');
const bullet = (s: string) => `· ${s}`;

/** Whole Shanghai days between an instant's day and today. */
const dayDiff = (from: number, now: Date) => Math.round((+shanghaiMidnight(now) - +shanghaiMidnight(from)) / DAY_MS);

/** "逾期 3 天" / "今天到期" / "明天到期" for a deadline (end of its day) relative to now. */
export function deadlinePhrase(deadlineAt: number | null, now: Date): string {
  if (deadlineAt == null) return '未定期限';
  // The deadline instant is 24:00 of its day; the day itself is the millisecond before.
  const late = dayDiff(deadlineAt - 1, now);
  if (late > 0) return `逾期 ${late} 天`;
  if (late === 0) return '今天到期';
  return late === -1 ? '明天到期' : `${-late} 天后到期`;
}

const patrolPhrase = (dueAt: number, now: Date) => {
  const late = dayDiff(dueAt, now);
  return late > 0 ? `逾期 ${late} 天` : '今天到期';
};
const hazardLine = (h: HazardItem, now: Date) =>
  bullet(`${h.code} ${h.enterprise}${h.level === 'major' ? '（重大）' : ''} ${deadlinePhrase(h.deadlineAt, now)}`);

export function digestMessage(now: Date, d: {
  patrolDue: number; patrolOverdue: number; enterprises: EnterpriseItem[];
  hazardOverdue: number; hazardDueSoon: number; hazards: HazardItem[];
  reviews: number; reviewItems: HazardItem[];
}): Msg {
  return {
    title: `今日待办（${md(now)}）`,
    text: lines(
      `今日待办（${md(now)}）`,
      d.patrolDue > 0 && `巡查：到期 ${d.patrolDue} 家${d.patrolOverdue ? `，其中逾期 ${d.patrolOverdue} 家` : ''}`,
      ...d.enterprises.map((e) => bullet(`${e.name} ${patrolPhrase(e.dueAt, now)}`)),
      d.hazardOverdue + d.hazardDueSoon > 0 && `隐患整改：逾期 ${d.hazardOverdue} 条，即将到期 ${d.hazardDueSoon} 条`,
      ...d.hazards.map((h) => hazardLine(h, now)),
      d.reviews > 0 && `待复查：${d.reviews} 条`,
      ...d.reviewItems.map((h) => bullet(`${h.code} ${h.enterprise}`)),
      hint('我的任务'),
    ),
  };
}

export type TownEscalation = { town: string; hazardCount: number; hazards: HazardItem[]; patrolCount: number; enterprises: EnterpriseItem[] };

export function townEscalationMessage(now: Date, e: TownEscalation, hazardDays: number, patrolDays: number): Msg {
  return {
    title: `督办提醒：${e.town}`,
    text: lines(
      `【督办】${e.town} ${md(now)}`,
      e.hazardCount > 0 && `隐患逾期 ${hazardDays} 天以上：${e.hazardCount} 条`,
      ...e.hazards.map((h) => hazardLine(h, now)),
      e.patrolCount > 0 && `巡查逾期 ${patrolDays} 天以上：${e.patrolCount} 家`,
      ...e.enterprises.map((x) => bullet(`${x.name} 逾期 ${dayDiff(x.dueAt, now)} 天`)),
      hint(`逾期 ${e.town}`),
    ),
  };
}

export type DistrictEscalation = {
  overdueCount: number; majorOpenCount: number; hazards: HazardItem[]; majors: HazardItem[];
  byTown: { town: string; overdue: number; major: number }[];
};

export function districtEscalationMessage(now: Date, e: DistrictEscalation, days: number): Msg {
  return {
    title: '全区督办提醒',
    text: lines(
      `【全区督办】${md(now)}`,
      `隐患逾期 ${days} 天以上：${e.overdueCount} 条；重大隐患未销号：${e.majorOpenCount} 条`,
      // Towns with the most first; a district of 100 towns would not fit on a phone screen.
      e.byTown.length > 0 && e.byTown.slice(0, 5).map((t) => `${t.town} 逾期${t.overdue}/重大${t.major}`).join('；')
        + (e.byTown.length > 5 ? ` 等 ${e.byTown.length} 个镇街` : ''),
      ...e.hazards.map((h) => hazardLine(h, now)),
      ...e.majors.map((h) => hazardLine({ ...h, level: 'major' }, now)),
      hint('重大隐患'),
    ),
  };
}

export function urgentAlertMessage(kind: 'major_hazard' | 'red_enterprise_hazard' | 'whistle', h: {
  code: string; enterprise: string; town: string; description: string; departments?: string[];
}): Msg {
  const head = kind === 'major_hazard' ? '重大隐患' : kind === 'red_enterprise_hazard' ? '红色风险企业隐患' : '隐患吹哨';
  return {
    title: `【紧急】${head} ${h.code}`,
    text: lines(
      `【紧急】${head}`,
      `${h.code} ${h.town} ${h.enterprise}`,
      h.description.length > 60 ? `${h.description.slice(0, 60)}…` : h.description,
      kind === 'whistle' && h.departments?.length ? `已吹哨：${h.departments.join('、')}，请及时报到` : null,
      hint(`查询 ${h.code}`),
    ),
  };
}

export function departmentReminderMessage(h: { code: string; enterprise: string; department: string; whistledAt: number }): Msg {
  return {
    title: `报到提醒 ${h.code}`,
    text: lines(
      `【报到提醒】${h.department} 尚未报到`,
      `${h.code} ${h.enterprise}，${md(h.whistledAt)}吹哨，已超过 24 小时`,
      hint(`报到 ${h.code}`),
    ),
  };
}

export type SummaryFigures = { patrols: number; enterprises: number; patrolOverdue: number; found: number; closed: number; overdue: number };
const rate = (f: SummaryFigures) => (f.enterprises ? `${Math.round((100 * (f.enterprises - f.patrolOverdue)) / f.enterprises)}%` : '—');
const figures = (f: SummaryFigures) =>
  `巡查 ${f.patrols} 次，按期率 ${rate(f)}；隐患新增 ${f.found}、销号 ${f.closed}、逾期 ${f.overdue}`;

export function weeklySummaryMessage(scope: string, from: Date, to: Date, total: SummaryFigures, parts: { name: string; f: SummaryFigures }[]): Msg {
  return {
    title: `${scope}周报`,
    text: lines(
      `【周报】${scope} ${md(from)}—${md(to)}`,
      figures(total),
      ...parts.map((p) => bullet(`${p.name}：${figures(p.f)}`)),
      hint('统计 上周'),
    ),
  };
}

export type AssessmentRow = { name: string; patrols: number; enterprises: number; onTime: number; majors: number; untrue: number; score: number };

export function monthlyAssessmentMessage(scope: string, month: string, rows: AssessmentRow[], shown: number): Msg {
  const pct = (r: AssessmentRow) => (r.enterprises ? `${Math.round((100 * r.onTime) / r.enterprises)}%` : '—');
  const line = (r: AssessmentRow) =>
    bullet(`${r.name} 按期 ${pct(r)}，巡查 ${r.patrols} 次，重大隐患 +${r.majors}，不属实 −${r.untrue}，得分 ${r.score}`);
  const sorted = [...rows].sort((a, b) => a.score - b.score);
  return {
    title: `${month} 考核`,
    text: lines(
      `【${month} 考核】${scope} 网格员 ${rows.length} 人`,
      rows.length > shown && `得分最低 ${shown} 人：`,
      ...sorted.slice(0, shown).map(line),
      hint(`排名 ${month}`),
    ),
  };
}

/**
 * Platform rendering at send time: WeChat gets the plain text (its hint line is a command to type);
 * DingTalk gets markdown where the hint becomes a dtmd:// link that sends the command for the user.
 */
export function renderFor(platform: string, m: Msg): OutgoingMessage {
  if (platform !== 'dingtalk') return { title: m.title, text: m.text };
  const markdown = m.text
    .split('\n')
    .map((l, i) => {
      const cmd = /^回复“(.+)”查看全部$/.exec(l);
      if (cmd) return `[查看全部](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(cmd[1])})`;
      return i === 0 ? `#### ${l}` : l.startsWith('· ') ? `- ${l.slice(2)}` : l;
    })
    .join('\n\n');
  return { title: m.title, text: m.text, markdown };
}
