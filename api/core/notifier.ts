/**
 * Port for things verbs must announce at once (urgent alerts for major hazards). The jobs issue
 * implements it with the outbox; until then the default records nothing and tests capture calls.
 */
export type UrgentAlert = {
  kind: 'major_hazard' | 'red_enterprise_hazard' | 'whistle';
  hazardId: number;
};

export interface Notifier {
  /** Called after the write has committed; must not throw into the verb. */
  urgent(alert: UrgentAlert): Promise<void>;
}

export const nullNotifier: Notifier = { urgent: async () => {} };

export function recordingNotifier(): Notifier & { alerts: UrgentAlert[] } {
  const alerts: UrgentAlert[] = [];
  return { alerts, urgent: async (a) => void alerts.push(a) };
}
