import type { HazardView } from '../../api/hazards/view.js';
import type { Role } from '../../db/schema/index.js';
import { LEVEL_NAMES, STATUS_NAMES, M } from '../dialog/messages.js';
import { clip, type Reply } from './reply.js';
import { dayLabel } from './format.js';
import type { Echo } from '../dialog/echo.js';

type Action = NonNullable<Reply['actions']>[number];

/** Status with its deadline and, when late, by how much: the one line a worker needs. */
export function statusLine(h: HazardView): string {
  const parts = [STATUS_NAMES[h.status] ?? h.status];
  if (h.deadlineDay && (h.status === 'rectifying' || h.status === 'reported' || h.status === 'review')) {
    parts.push(`期限 ${dayLabel(h.deadlineDay)}`);
  }
  if (h.overdue) parts.push(`已逾期 ${h.overdueDays} 天`);
  return parts.join('，');
}

/** One hazard in a list: code, enterprise, what, and where it stands. */
export function hazardLine(h: HazardView): string {
  const major = h.level === 'major' ? '【重大】' : '';
  return `${h.code} ${major}${clip(h.enterprise.name, 20)}：${clip(h.description, 24)}（${statusLine(h)}）`;
}

/** The obvious next step for this person on this hazard, as buttons / command hints. */
export function nextActions(h: HazardView, role: Role): Action[] {
  const detail = { label: '查看详情', command: `查询 ${h.code}` };
  const admin = role === 'town_admin' || role === 'district_admin';
  switch (h.status) {
    case 'reported':
      return admin ? [{ label: '交办7天', command: `交办 ${h.code} 7天` }, detail] : [detail];
    case 'rectifying':
      return [{ label: '整改完成', command: `整改 ${h.code} 已完成` }, detail];
    case 'review':
      // A worker may pass a general hazard of their grid; a major one is for admins or departments.
      return h.level === 'general' || role !== 'worker'
        ? [{ label: '复查通过', command: `复查 ${h.code} 通过` }, detail]
        : [detail];
    default:
      return [detail];
  }
}

/** The summary lines under any hazard result. */
export function hazardBody(h: HazardView): string[] {
  return [
    `企业：${clip(h.enterprise.name, 40)}`,
    `内容：${clip(h.description, 80)}`,
    `等级：${LEVEL_NAMES[h.level] ?? h.level}`,
    `状态：${statusLine(h)}`,
    ...(h.departments.length ? [`部门：${h.departments.map((d) => d.name + (d.acknowledgedAt ? '（已报到）' : '')).join('、')}`] : []),
  ];
}

/** The lines that echo what was understood and done: level and why, deadline, photos, alert. */
export function echoLines(h: HazardView, echo: Echo): string[] {
  const lines: string[] = [];
  if (echo.levelFromWords) lines.push(M.levelByWords(clip(echo.levelFromWords, 20)));
  if (echo.levelFromChecklist) lines.push(M.levelByChecklist(clip(echo.levelFromChecklist, 20)));
  if (!h.deadlineDay) lines.push(echo.suggestedDeadlineDay ? M.deadlineSuggested(dayLabel(echo.suggestedDeadlineDay)) : M.deadlineNone);
  if (echo.photos > 0) lines.push(M.photosAttached(echo.photos));
  if (echo.photosRest > 0) lines.push(M.photosRestKept(echo.photosRest));
  if (echo.alerted !== undefined) lines.push(echo.alerted > 0 ? M.majorAlerted(echo.alerted) : M.notAlerted);
  return lines;
}

export function reportedReply(h: HazardView, role: Role, echo: Echo): Reply {
  const lines = [...hazardBody(h), ...echoLines(h, echo), ...(echo.photos === 0 ? [M.noPhotosYet] : []), M.correctHint];
  return { title: M.reportedTitle(h.code), lines, actions: nextActions(h, role) };
}

/** After any transition: the title says what happened, the body where the hazard stands now. */
export function hazardResultReply(title: string, h: HazardView, role: Role, extra: string[] = []): Reply {
  return { title, lines: [...hazardBody(h), ...extra], actions: nextActions(h, role) };
}
