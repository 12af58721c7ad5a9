import { shanghaiMidnight, shanghaiDate, shanghaiWeekday } from '../lib/time.js';

// A small five-field cron reader (minute hour day-of-month month day-of-week) for the schedule
// table: enough to find the last firing time today for catch-up and to translate Shanghai crons
// into the UTC crons Cloudflare accepts. Day-of-month and day-of-week are ANDed (the table never
// restricts both).

const RANGES: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];

export type Cron = { minute: Set<number>; hour: Set<number>; dom: Set<number> | null; month: Set<number> | null; dow: Set<number> | null };

function field(spec: string, [lo, hi]: [number, number]): Set<number> | null {
  if (spec === '*') return null;
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`bad cron field: ${spec}`);
    const from = m[1] === '*' ? lo : +m[2];
    const to = m[1] === '*' ? hi : m[3] !== undefined ? +m[3] : m[4] ? hi : from;
    const step = m[4] ? +m[4] : 1;
    if (from < lo || to > hi || from > to || step < 1) throw new Error(`bad cron field: ${spec}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron needs 5 fields: ${expr}`);
  const [minute, hour, dom, month, dow] = parts.map((p, i) => field(p, RANGES[i]));
  const all = (n: number, lo: number) => new Set(Array.from({ length: n }, (_, i) => i + lo));
  if (dow?.has(7)) dow.add(0);
  return { minute: minute ?? all(60, 0), hour: hour ?? all(24, 0), dom, month, dow };
}

/** The latest firing at or before `now` on the same Shanghai day, or null (Shanghai wall clock). */
export function lastFiringToday(expr: string, now: Date): Date | null {
  const c = parseCron(expr);
  const d = shanghaiDate(now);
  const wd = shanghaiWeekday(now) % 7;
  if ((c.dom && !c.dom.has(d.day)) || (c.month && !c.month.has(d.month)) || (c.dow && !c.dow.has(wd))) return null;
  const midnight = +shanghaiMidnight(now);
  for (let m = Math.floor((+now - midnight) / 60_000); m >= 0; m--) {
    if (c.hour.has(Math.floor(m / 60)) && c.minute.has(m % 60)) return new Date(midnight + m * 60_000);
  }
  return null;
}

const render = (values: number[], full: number) => {
  if (values.length === full) return '*';
  const runs: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j] + 1) j++;
    runs.push(j > i ? `${values[i]}-${values[j]}` : `${values[i]}`);
    i = j + 1;
  }
  return runs.join(',');
};

/**
 * Shanghai (UTC+8, no DST) cron → UTC cron. Hours shift by 8; a firing before 08:00 Shanghai falls
 * on the previous UTC day, which a day-restricted cron cannot express, so that is refused.
 */
export function shanghaiCronToUtc(expr: string): string {
  const [minute, hour, dom, month, dow] = expr.trim().split(/\s+/);
  const hours = parseCron(expr).hour;
  const shifted = [...hours].map((h) => h - 8);
  if (shifted.some((h) => h < 0) && (dom !== '*' || month !== '*' || dow !== '*')) {
    throw new Error(`cannot express ${expr} in UTC: fires before 08:00 Shanghai on a restricted day`);
  }
  const utcHours = [...new Set(shifted.map((h) => (h + 24) % 24))].sort((a, b) => a - b);
  return [minute, hour === '*' ? '*' : render(utcHours, 24), dom, month, dow].join(' ');
}

