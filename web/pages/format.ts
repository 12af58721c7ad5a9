import { LEVEL_NAMES, STATUS_NAMES, ACTION_NAMES } from '../../api/hazards/messages.js';
export { dayLabel, timeLabel, percent } from '../../bot/present/format.js';

export { LEVEL_NAMES, STATUS_NAMES, ACTION_NAMES };
export const RISK_NAMES: Record<string, string> = { red: '红', orange: '橙', yellow: '黄', blue: '蓝' };
export const CLASS_NAMES: Record<string, string> = { key: '重点企业', above: '规上企业', below: '规下企业' };

/** "还剩 3 天" / "逾期 2 天" / "今天到期" for an open hazard with a deadline. */
export function countdown(h: { status: string; deadlineDay: string | null; overdue: boolean; overdueDays: number }, today: string): string | null {
  if (!h.deadlineDay || !['reported', 'rectifying', 'review'].includes(h.status)) return null;
  if (h.overdue) return `逾期 ${Math.max(1, h.overdueDays)} 天`;
  const days = Math.round((Date.parse(h.deadlineDay) - Date.parse(today)) / 86_400_000);
  return days <= 0 ? '今天到期' : `还剩 ${days} 天`;
}
