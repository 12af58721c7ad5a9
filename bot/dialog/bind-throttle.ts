// Binding codes are 6 digits, valid for days: without a limit a stranger could try them all and
// become somebody. Failed attempts are counted per sender and, against many throwaway accounts,
// per platform. Kept in memory: a restart forgives, which costs an attacker minutes, not the space.

export const PER_SENDER = { max: 5, windowMs: 60 * 60_000 };
export const PER_PLATFORM = { max: 60, windowMs: 60_000 };

export type BindThrottle = {
  /** True when this sender may try a code now. */
  allowed(platform: string, senderId: string, now: Date): boolean;
  /** Records a wrong code. */
  failed(platform: string, senderId: string, now: Date): void;
};

export function bindThrottle(): BindThrottle {
  const bySender = new Map<string, number[]>();
  const byPlatform = new Map<string, number[]>();
  const recent = (m: Map<string, number[]>, key: string, now: number, windowMs: number) => {
    const kept = (m.get(key) ?? []).filter((t) => t > now - windowMs);
    if (kept.length) m.set(key, kept);
    else m.delete(key);
    return kept;
  };
  return {
    allowed(platform, senderId, now) {
      const t = now.getTime();
      return recent(bySender, `${platform}\u0000${senderId}`, t, PER_SENDER.windowMs).length < PER_SENDER.max
        && recent(byPlatform, platform, t, PER_PLATFORM.windowMs).length < PER_PLATFORM.max;
    },
    failed(platform, senderId, now) {
      const t = now.getTime();
      const key = `${platform}\u0000${senderId}`;
      bySender.set(key, [...recent(bySender, key, t, PER_SENDER.windowMs), t]);
      byPlatform.set(platform, [...recent(byPlatform, platform, t, PER_PLATFORM.windowMs), t]);
    },
  };
}
