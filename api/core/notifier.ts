/**
 * Port for things verbs must announce at once (urgent alerts for major hazards). The jobs issue
 * implements it with the outbox; until then the default records nothing and tests capture calls.
 */
export type UrgentAlert = {
  /** major_corrected: a major hazard whose alert went out was made general, withdrawn or moved by its reporter. */
  kind: 'major_hazard' | 'red_enterprise_hazard' | 'whistle' | 'major_corrected';
  hazardId: number;
  /** major_corrected: when the correction was made (ms), so each correction is announced once. */
  at?: number;
};

/**
 * Notices to an enterprise's safety contacts (整改通知, failed review), after the write committed:
 * a hazard got a deadline (reported with one, or assigned), or its review failed.
 */
export type EnterpriseNotice = {
  kind: 'deadline' | 'review_fail';
  hazardId: number;
  /** review_fail: the reviewer's reason. */
  reason?: string | null;
  /** PUBLIC_URL, for the link to the hazard page. */
  publicUrl?: string;
};

export interface Notifier {
  /** Called after the write has committed; must not throw into the verb. */
  urgent(alert: UrgentAlert): Promise<void>;
  /** Optional so notifiers that only alert (tests, dry runs) stay valid; must not throw either. */
  notice?(notice: EnterpriseNotice): Promise<void>;
}

export const nullNotifier: Notifier = { urgent: async () => {} };

export function recordingNotifier(): Notifier & { alerts: UrgentAlert[]; notices: EnterpriseNotice[] } {
  const alerts: UrgentAlert[] = [];
  const notices: EnterpriseNotice[] = [];
  return { alerts, notices, urgent: async (a) => void alerts.push(a), notice: async (n) => void notices.push(n) };
}
