// Thresholds, times and the escalation ladder of SPEC §5, in one object so a deployment can tune
// them without touching the jobs. Times are Asia/Shanghai wall-clock. 考核 weights are not here: the
// monthly message must score as `排名` does (DEFAULT_ASSESSMENT_WEIGHTS, api/stats/assessment.ts).

export type JobsConfig = {
  digest: {
    /** Hazards whose deadline falls within this many days (or has passed) appear in the digest. */
    hazardDueWithinDays: number;
    /** How many items are named in a message; the rest are counted. */
    topItems: number;
  };
  escalation: {
    /** 督办 ladder: town admins see hazards overdue ≥ this many days … */
    townHazardOverdueDays: number;
    /** … and patrols overdue ≥ this many days; the district sees hazards overdue ≥ districtHazardOverdueDays. */
    townPatrolOverdueDays: number;
    districtHazardOverdueDays: number;
  };
  /** A job run that started this long ago and never finished is taken over by the next catch-up. */
  runLeaseSeconds: number;
  /** Departments that have not reported in this long after a whistle are reminded (once per whistle). */
  departmentReminderHours: number;
  quietHours: { startHour: number; endHour: number };
  /** PUBLIC_URL: when set, the digest links to 我的任务, the weekly summary to the dashboard, and notices to enterprise contacts to the hazard page. */
  publicUrl?: string;
  outbox: {
    /** Retry delays after a retryable failure; the last one repeats until maxAttempts. */
    backoffMinutes: number[];
    maxAttempts: number;
    /** A claimed row is invisible to other drainers this long; a crash resends after it. */
    leaseSeconds: number;
    /** Rows claimed per drain round. */
    claimBatch: number;
    dingtalkBatchSize: number;
    groupRobotPerMinute: number;
    /** WeChat personal accounts get banned for bursts: a jittered gap between sends. */
    wechatGapMs: { min: number; max: number };
    /** WeChat sends per drain call, so one drain never blocks for long. */
    wechatPerDrain: number;
    /** Rows for a platform with no adapter in this process wait this long before being looked at again. */
    noSenderDelaySeconds: number;
  };
};

export const defaultJobsConfig: JobsConfig = {
  digest: { hazardDueWithinDays: 2, topItems: 3 },
  escalation: { townHazardOverdueDays: 3, townPatrolOverdueDays: 14, districtHazardOverdueDays: 7 },
  runLeaseSeconds: 600,
  departmentReminderHours: 24,
  quietHours: { startHour: 21, endHour: 8 },
  outbox: {
    backoffMinutes: [1, 5, 15, 60],
    maxAttempts: 6,
    leaseSeconds: 300,
    claimBatch: 500,
    dingtalkBatchSize: 20,
    groupRobotPerMinute: 20,
    wechatGapMs: { min: 3000, max: 8000 },
    wechatPerDrain: 20,
    noSenderDelaySeconds: 300,
  },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** The defaults with some values replaced (tests, deployments). */
export function jobsConfig(overrides: DeepPartial<JobsConfig> = {}): JobsConfig {
  const merge = (base: any, over: any): any => {
    const out = { ...base };
    for (const [k, v] of Object.entries(over ?? {})) {
      out[k] = v && typeof v === 'object' && !Array.isArray(v) ? merge(base[k], v) : v;
    }
    return out;
  };
  return merge(defaultJobsConfig, overrides);
}
