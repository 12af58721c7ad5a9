import type { HazardAction, HazardStatus } from '../../db/schema/index.js';
import { invalidTransition } from '../core/errors.js';
import { MSG } from './messages.js';

/** Actions on an existing hazard (report creates one, so it has no "from"). */
export type HazardTransitionAction = Exclude<HazardAction, 'report'>;

// SPEC §4's table and nothing else. Whistle, acknowledge and attach keep the status; anything absent
// here is an invalid transition, so a new action cannot slip through unlisted.
const TABLE: Record<HazardStatus, Partial<Record<HazardTransitionAction, HazardStatus>>> = {
  reported: { assign: 'rectifying', void: 'void', whistle: 'reported', acknowledge: 'reported', attach: 'reported' },
  rectifying: { rectify: 'review', void: 'void', whistle: 'rectifying', acknowledge: 'rectifying', attach: 'rectifying' },
  review: { review_pass: 'closed', review_fail: 'rectifying', whistle: 'review', acknowledge: 'review', attach: 'review' },
  closed: {},
  void: {},
};

/** The status an action leads to, or undefined when SPEC §4 does not allow it. */
export function transitionFor(status: HazardStatus, action: HazardTransitionAction): HazardStatus | undefined {
  return TABLE[status][action];
}

/** The next status, or an invalid_transition error naming the current status. */
export function nextStatus(status: HazardStatus, action: HazardTransitionAction): HazardStatus {
  const next = transitionFor(status, action);
  if (!next) throw invalidTransition(MSG.invalidTransition(status, action), { status, action });
  return next;
}

/** Where a new report starts: with a deadline it goes straight to rectification. */
export const initialStatus = (hasDeadline: boolean): HazardStatus => (hasDeadline ? 'rectifying' : 'reported');
