// Binding codes are guessable without a limit. The limits are kept in the database and applied by
// the redeem verb itself (api/people/binding-limits.ts): per sender with a growing wait, per code
// with a burn after a few checks, each attempt counted before anything is looked up. Nothing here
// is held in memory any more, so a restart or a second bot process forgets nothing.
import { DEFAULT_BINDING_LIMITS, type BindingLimits } from '../../api/people/binding-limits.js';

export type BindThrottle = { limits: BindingLimits };

/** The limits a dialog redeems codes under: the defaults unless a caller (a test) narrows them. */
export function bindThrottle(limits: Partial<BindingLimits> = {}): BindThrottle {
  return { limits: { ...DEFAULT_BINDING_LIMITS, ...limits } };
}
