import type { ChartPicture, OutgoingMessage } from '../bot/port.js';
import { DAY_MS, shanghaiDate, shanghaiMidnight } from '../lib/time.js';
import { percent } from '../bot/present/format.js';
import type { StatsSummary } from '../api/stats/summary.js';
import type { AssessmentWeights } from '../api/stats/assessment.js';
import type { AssessmentRowT } from '../api/stats/assessment-query.js';

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
  /** Chat questions left unanswered until they expired ("上报隐患（华美化工：灭火器过期）"): nothing was recorded. */
  expiredDrafts?: string[];
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
      ...(d.expiredDrafts ?? []).map((what) => `未完成：您在聊天中的${what}超过 30 分钟未回复，已失效（未记录），如需办理请重新发送。`),
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

/** The reporter took back a major alert: said to those who received it, with what the hazard is now. */
export function majorCorrectedMessage(h: {
  code: string; enterprise: string; town: string; description: string; withdrawn: boolean; level: string;
}): Msg {
  const what = h.withdrawn ? '上报人已撤回此隐患' : h.level === 'major' ? '上报人已更正所属企业' : '上报人已更正为一般隐患';
  return {
    title: `【更正】${h.code} ${what}`,
    text: lines(
      `【更正】此前的重大隐患提醒`,
      `${h.code} ${h.town} ${h.enterprise}`,
      h.description.length > 60 ? `${h.description.slice(0, 60)}…` : h.description,
      `${what}。`,
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

/** The figures of one place as statsSummary (统计) gives them. */
export type SummaryFigures = Pick<StatsSummary, 'patrols' | 'hazards'>;
const ratio = (p: SummaryFigures['patrols']) => `${percent(p.completionRate)}（${p.onTime}÷${p.due}）`;

/**
 * 周报: statsSummary's figures for last week, worded as `统计 上周` answers, so a supervisor who
 * replies with that command sees the same numbers. Places are named weakest first, as 统计 lists them.
 */
export function weeklySummaryMessage(scope: string, from: Date, to: Date, total: SummaryFigures, parts: { name: string; f: SummaryFigures }[], partKind: '镇街' | '网格'): Msg {
  const p = total.patrols, h = total.hazards;
  return {
    title: `${scope}周报`,
    text: lines(
      `【周报】${scope} ${md(from)}—${md(to)}`,
      `巡查：应巡查 ${p.due}，已巡查 ${p.done}，按期完成 ${p.onTime}，按期巡查率 ${percent(p.completionRate)}`,
      '（按期巡查率 = 按期完成 ÷ 应巡查；应巡查 = 当周已巡查 + 到期仍未巡查）',
      `隐患：新发现 ${h.found}，销号 ${h.closed}，逾期未整改 ${h.overdue}`,
      parts.length > 0 && `按期巡查率最低的${partKind}：`,
      ...parts.map((x) => bullet(`${x.name}：按期巡查率 ${ratio(x.f.patrols)}，逾期隐患 ${x.f.hazards.overdue}`)),
      hint('统计 上周'),
    ),
  };
}

/**
 * 考核: the month's ranking as `排名` gives it (rows best first, API weights), naming the lowest
 * scores with their rank and the figures the score is made of. Sent on the 1st, so the month is
 * 上月 to the bot (chat reads no YYYY-MM period).
 */
export function monthlyAssessmentMessage(scope: string, month: string, rows: AssessmentRowT[], weights: AssessmentWeights, shown: number): Msg {
  const label = `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
  const line = (r: AssessmentRowT, rank: number) => bullet(`第 ${rank} 名 ${r.name} ${r.score} 分：应巡查 ${r.patrolsDue}，按期完成 ${r.patrolsOnTime}，` +
    `按期巡查率 ${percent(r.completionRate)}，重大隐患 +${r.majorVerified}，不属实 −${r.falseReports}`);
  const lowest = rows.map((r, i) => ({ r, rank: i + 1 })).reverse().slice(0, shown);
  return {
    title: `${label}考核`,
    text: lines(
      `【${label}考核】${scope} 网格员 ${rows.length} 人`,
      `得分 = 按期巡查率×${weights.completion} + 核实重大隐患×${weights.majorBonus} − 不属实上报×${weights.falsePenalty}`,
      '（按期巡查率 = 按期完成 ÷ 应巡查，即“排名”中的完成率）',
      rows.length > shown ? `得分最低 ${shown} 人：` : '得分由低到高：',
      ...lowest.map(({ r, rank }) => line(r, rank)),
      hint('排名 上月'),
    ),
  };
}

const PAGE_LINE = /^(打开[^：]{1,10})：(https?:\/\/\S+)$/;

/**
 * The last line of a job's message when PUBLIC_URL is set: the page showing the same thing. Jobs
 * run without a person's session and their text waits in the outbox (quiet hours, retries) longer
 * than a ticket lives, and a ticket must not be stored in plain text: so the link carries none —
 * the page asks to sign in (send 登录) when there is no session yet.
 */
export function withPageLine(m: Msg, publicUrl: string | undefined, label: string, path: string): Msg {
  return publicUrl ? { ...m, text: `${m.text}\n${label}：${publicUrl.replace(/\/+$/, '')}${path}` } : m;
}

/**
 * Platform rendering at send time: WeChat gets the plain text (its hint line is a command to type);
 * DingTalk gets markdown where the hint becomes a dtmd:// link that sends the command for the user.
 */
export function renderFor(platform: string, m: Msg & { image?: string | null }): OutgoingMessage {
  const picture = pictureOf(m.image);
  if (platform !== 'dingtalk') return { title: m.title, text: m.text, ...picture };
  const markdown = m.text
    .split('\n')
    .map((l, i) => {
      const cmd = /^回复“(.+)”查看全部$/.exec(l);
      if (cmd) return `[查看全部](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(cmd[1])})`;
      const page = PAGE_LINE.exec(l);
      if (page) return `[${page[1]}](${page[2]})`;
      return i === 0 ? `#### ${l}` : l.startsWith('· ') ? `- ${l.slice(2)}` : l;
    })
    .join('\n\n');
  return { title: m.title, text: m.text, markdown, ...picture };
}

/** The outbox row's chart (JSON); a row that cannot be read sends its text alone. */
function pictureOf(json: string | null | undefined): { image?: ChartPicture } {
  if (!json) return {};
  try {
    const image = JSON.parse(json) as ChartPicture;
    return image && image.chart === 'completion' && Array.isArray(image.rows) ? { image } : {};
  } catch {
    return {};
  }
}
