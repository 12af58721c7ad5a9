import { workerDigest } from './worker-digest.js';
import { townEscalation } from './town-escalation.js';
import { districtEscalation } from './district-escalation.js';
import { departmentReminder } from './department-reminder.js';
import { weeklySummary } from './weekly-summary.js';
import { monthlyAssessment } from './monthly-assessment.js';
import { enterpriseReminder } from './enterprise-notices.js';
import type { Job } from './types.js';

export type Schedule = {
  name: string;
  /** Five-field cron in Asia/Shanghai wall-clock time; wrangler.toml holds the same in UTC. */
  cron: string;
  run: Job;
  /** Routine messages respect quiet hours and expire with their day; urgent ones do not. */
  kind: 'routine' | 'urgent';
  summary: string;
};

// The one schedule table (SPEC §5). node-cron reads it with timezone Asia/Shanghai; the Worker
// matches wrangler.toml's UTC crons back to it (test/schedule-agreement.test.ts keeps them equal).
export const schedules: Schedule[] = [
  { name: 'worker-digest', cron: '30 8 * * *', run: workerDigest, kind: 'routine', summary: '网格员每日待办' },
  { name: 'town-escalation', cron: '30 8 * * *', run: townEscalation, kind: 'routine', summary: '镇街督办清单' },
  { name: 'district-escalation', cron: '30 8 * * *', run: districtEscalation, kind: 'routine', summary: '全区督办清单' },
  { name: 'department-reminder', cron: '0 * * * *', run: departmentReminder, kind: 'routine', summary: '吹哨 24 小时未报到提醒' },
  { name: 'weekly-summary', cron: '0 9 * * 1', run: weeklySummary, kind: 'routine', summary: '每周一周报' },
  { name: 'enterprise-reminder', cron: '30 8 * * *', run: enterpriseReminder, kind: 'routine', summary: '企业整改期限提醒（到期前 2 天、当天）' },
  { name: 'monthly-assessment', cron: '0 9 1 * *', run: monthlyAssessment, kind: 'routine', summary: '每月 1 日考核' },
];

export const scheduleByName = (name: string) => schedules.find((s) => s.name === name);
