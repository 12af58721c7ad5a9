import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { chatIdentities, hazards, people, type HazardLevel, type HazardStatus } from '../../db/schema/index.js';
import type { ChatPlatform, OutgoingMessage, SendResult } from '../../bot/port.js';
import type { BatchSendResult, OutboxSender, Pacing } from '../../jobs/outbox/senders.js';

let seq = 0;

/** Links a person to a chat platform (and optionally makes it their preferred one). */
export async function addIdentity(db: Db, personId: number, platform: ChatPlatform, preferred = false) {
  const externalId = `${platform}-${personId}-${++seq}`;
  await db.insert(chatIdentities).values({ personId, platform, externalId, createdAt: new Date() });
  if (preferred) await db.update(people).set({ preferredPlatform: platform }).where(eq(people.id, personId));
  return externalId;
}

export async function makeHazard(
  db: Db,
  ent: { id: number; gridId: number; townId: number },
  reporterId: number,
  extra: { level?: HazardLevel; status?: HazardStatus; deadlineAt?: Date | null; reportedAt?: Date; description?: string } = {},
) {
  const reportedAt = extra.reportedAt ?? new Date('2026-10-01T02:00:00Z');
  const [h] = await db
    .insert(hazards)
    .values({
      code: `YH20261001-${String(++seq).padStart(4, '0')}${Math.random().toString(36).slice(2, 5)}`,
      enterpriseId: ent.id, gridId: ent.gridId, townId: ent.townId, reporterId,
      description: extra.description ?? '消防通道堵塞',
      level: extra.level ?? 'general',
      status: extra.status ?? 'rectifying',
      deadlineAt: extra.deadlineAt === undefined ? null : extra.deadlineAt,
      reportedAt, updatedAt: reportedAt,
    })
    .returning();
  return h;
}

export type Sent = { platform: ChatPlatform; to: string[]; group?: string; message: OutgoingMessage };

/**
 * A fake adapter recording what was delivered. `respond` decides each user's result (default:
 * success); with `batch` it also offers DingTalk's batchSend. `throwAfter` makes calls after the
 * first n throw, like a connection dying.
 */
export function fakeSender(
  platform: ChatPlatform,
  opts: { batch?: boolean; respond?: (to: string) => SendResult; throwAfter?: number } = {},
) {
  const sent: Sent[] = [];
  const calls: string[][] = [];
  const check = (to: string[]) => {
    if (opts.throwAfter !== undefined && calls.length >= opts.throwAfter) throw new Error('连接中断（模拟）');
    calls.push(to);
  };
  const sender: OutboxSender & { sent: Sent[]; calls: string[][] } = {
    platform,
    sent,
    calls,
    send: async (to, message) => {
      const id = 'userId' in to ? to.userId : to.groupId;
      check([id]);
      const res = opts.respond?.(id) ?? { ok: true };
      if (res.ok) sent.push({ platform, to: 'userId' in to ? [id] : [], group: 'groupId' in to ? id : undefined, message });
      return res;
    },
  };
  if (opts.batch) {
    sender.sendBatch = async (userIds, message) => {
      check(userIds);
      const out: BatchSendResult = { sent: [], retryable: [], failed: [] };
      for (const u of userIds) {
        const res = opts.respond?.(u) ?? { ok: true };
        if (res.ok) out.sent.push(u);
        else if (res.retryable) out.retryable.push(u);
        else out.failed.push({ userId: u, error: res.error });
      }
      if (out.sent.length) sent.push({ platform, to: out.sent, message });
      return out;
    };
  }
  return sender;
}

/** Pacing that records the waits instead of waiting. */
export function fakePacing(): Pacing & { waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms), random: () => 0.5 };
}

/** 2026-mm-dd hh:mm Asia/Shanghai as an instant (month defaults to November). */
export const sh = (day: number, hh = 8, mm = 30, month = 11) =>
  new Date(Date.UTC(2026, month - 1, day, hh - 8, mm));
