import type { EnterpriseClass, RiskColor } from '../../db/schema/index.js';
import { classInterval, intervalDays, type PatrolPolicy } from '../patrols/policy.js';

// What a risk colour change means, told to the enterprise's safety contacts and to the department
// supervising its industry. The patrol figures come from the patrol policy in force (规则 page,
// PUT /v1/policy), never from fixed text: a district that patrols red enterprises weekly says 7 days.

export const COLOR_NAMES: Record<RiskColor, string> = {
  red: '红色（重大风险）', orange: '橙色（较大风险）', yellow: '黄色（一般风险）', blue: '蓝色（低风险）',
};
const SHORT_NAMES: Record<RiskColor, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };
const CLASS_NAMES: Record<EnterpriseClass, string> = { key: '重点企业', above: '规上企业', below: '规下企业' };

export type ColorChangeFacts = {
  enterprise: string; town: string; industry: string | null; class: EnterpriseClass; from: RiskColor; to: RiskColor;
};

/** The patrol frequency before and after, and the rule that makes it (class base, colour cap). */
export function patrolMeaning(policy: PatrolPolicy, f: Pick<ColorChangeFacts, 'class' | 'from' | 'to'>): string {
  const before = intervalDays(policy, f.class, f.from);
  const after = intervalDays(policy, f.class, f.to);
  const cap = policy.colorCap[f.to];
  const base = classInterval(policy, f.class);
  const rule = cap === undefined
    ? `按现行巡查规则，${CLASS_NAMES[f.class]}每 ${base} 天巡查一次，${SHORT_NAMES[f.to]}企业不另设上限`
    : `按现行巡查规则，${SHORT_NAMES[f.to]}企业至少每 ${cap} 天巡查一次，${CLASS_NAMES[f.class]}每 ${base} 天一次，取两者较短`;
  const change = after < before ? `巡查频次提高：今后每 ${after} 天巡查一次（原为每 ${before} 天）`
    : after > before ? `巡查频次降低：今后每 ${after} 天巡查一次（原为每 ${before} 天）`
    : `巡查频次不变：仍为每 ${after} 天巡查一次`;
  return `${rule}。${change}。`;
}

export const colorChangeTitle = (f: ColorChangeFacts) => `风险等级变更 ${f.enterprise}`;

/** To the enterprise's own safety contact. */
export function contactColorText(policy: PatrolPolicy, f: ColorChangeFacts): string {
  return [
    `【风险等级变更】贵单位（${f.enterprise}）的安全风险等级已由${COLOR_NAMES[f.from]}调整为${COLOR_NAMES[f.to]}。`,
    patrolMeaning(policy, f),
    `请按${COLOR_NAMES[f.to]}等级落实风险管控措施，配合网格员巡查。`,
  ].join('\n');
}

/** To the people of the department supervising the enterprise's industry. */
export function departmentColorText(policy: PatrolPolicy, f: ColorChangeFacts): string {
  return [
    `【风险等级变更】${f.town} ${f.enterprise}（行业：${f.industry ?? '未填'}）的安全风险等级已由${COLOR_NAMES[f.from]}调整为${COLOR_NAMES[f.to]}。`,
    patrolMeaning(policy, f),
  ].join('\n');
}
