import { renderSvg } from './echarts.js';
import { memoChart } from './memo.js';

// Chart pictures as SVG strings: the dashboard embeds them, and a chat picture can rasterise the same.
// Each is kept per exact input (memo.ts): equal figures, equal picture.
const W = 520;
const H = 260;

export type WeekCount = { label: string; found: number; closed: number };

/** 隐患发现与销号（按周）. */
export function foundClosedByWeek(weeks: WeekCount[]): string {
  return memoChart(`week|${JSON.stringify(weeks.map((w) => [w.label, w.found, w.closed]))}`, () => renderSvg({
    title: { text: '隐患发现与销号（按周）', left: 'center', textStyle: { fontSize: 14 } },
    legend: { data: ['发现', '销号'], bottom: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: weeks.map((w) => w.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '发现', type: 'bar', data: weeks.map((w) => w.found), itemStyle: { color: '#d52b1e' } },
      { name: '销号', type: 'bar', data: weeks.map((w) => w.closed), itemStyle: { color: '#1a7f3c' } },
    ],
  }, W, H));
}

/** 巡查完成率（按网格或按镇）; a chat picture names its scope and period in the subtitle. */
export function completionByPlace(rows: { name: string; rate: number }[], by: string, subtitle?: string): string {
  return memoChart(`place|${JSON.stringify([rows.map((r) => [r.name, r.rate]), by, subtitle ?? null])}`, () => renderSvg({
    title: { text: `巡查完成率（按${by}）`, left: 'center', textStyle: { fontSize: 14 }, ...(subtitle ? { subtext: subtitle, itemGap: 4 } : {}) },
    grid: { left: 96, right: 40, top: subtitle ? 52 : 36, bottom: 24 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: [{ type: 'bar', data: rows.map((r) => Math.round(r.rate * 1000) / 10), itemStyle: { color: '#1456f0' }, label: { show: true, position: 'right', formatter: '{c}%' } }],
  }, W, Math.max(H, (subtitle ? 52 : 36) + 60 + rows.length * 22)));
}

const RISK = [['red', '红', '#d52b1e'], ['orange', '橙', '#f08c00'], ['yellow', '黄', '#e6c200'], ['blue', '蓝', '#1456f0']] as const;

/** 企业风险等级分布. */
export function enterprisesByRisk(counts: Record<string, number>): string {
  return memoChart(`risk|${JSON.stringify(RISK.map(([k]) => counts[k] ?? 0))}`, () => renderSvg({
    title: { text: '企业风险等级分布', left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['35%', '62%'], center: ['50%', '50%'],
      label: { formatter: '{b} {c}' },
      data: RISK.map(([k, name, color]) => ({ name: `${name}色`, value: counts[k] ?? 0, itemStyle: { color } })),
    }],
  }, W, H));
}
