import type { SendResult } from '../../bot/port.js';
import { renderFor } from '../messages.js';
import type { OutboxRow, Send } from './plan.js';
import type { Senders } from './senders.js';
import type { Outcome } from './row-updates.js';

/** One platform call; a thrown error counts as retryable (network, token expiry …). */
export async function deliver(senders: Senders, s: Send, rows: OutboxRow[]): Promise<Outcome> {
  const sender = senders[s.platform]!;
  const users = rows.map((r) => s.to[s.rows.indexOf(r)]);
  const ids = rows.map((r) => r.id);
  const message = renderFor(s.platform, rows[0]);
  const fromResult = (res: SendResult): Outcome =>
    res.ok ? { sent: ids, retry: [], retryError: '', failed: [] }
      : res.retryable ? { sent: [], retry: ids, retryError: res.error, failed: [] }
        : { sent: [], retry: [], retryError: '', failed: ids.map((id) => ({ id, error: res.error })) };
  try {
    if (s.group) return fromResult(await sender.send({ groupId: s.group }, message));
    if (!sender.sendBatch) return fromResult(await sender.send({ userId: users[0] }, message));
    const res = await sender.sendBatch(users, message);
    const sent = new Set(res.sent);
    const failed = new Map(res.failed.map((f) => [f.userId, f.error]));
    const out: Outcome = { sent: [], retry: [], retryError: '钉钉限流，稍后重试', failed: [] };
    // A user the platform did not mention is retried rather than assumed delivered.
    rows.forEach((r, i) => {
      const u = users[i];
      if (sent.has(u)) out.sent.push(r.id);
      else if (failed.has(u)) out.failed.push({ id: r.id, error: failed.get(u)! });
      else out.retry.push(r.id);
    });
    return out;
  } catch (e) {
    return { sent: [], retry: ids, retryError: e instanceof Error ? e.message : String(e), failed: [] };
  }
}

