import type { ChatAdapter, ChatPlatform, OutgoingMessage } from '../../bot/port.js';

/**
 * DingTalk batchSend answers per call but throttles or rejects single users inside it
 * (flowControlledStaffIdList, invalidStaffIdList): the adapter sorts each user into one list.
 * Same shape as bot/adapters/dingtalk/proactive.ts BatchResult.
 */
export type BatchSendResult = {
  sent: string[];
  /** Throttled: send again later. */
  retryable: string[];
  /** Will not succeed as is. */
  failed: { userId: string; error: string }[];
};

/** What the outbox needs of an adapter: its send, and batchSend where the platform has one (≤ 20 users). */
export type OutboxSender = Pick<ChatAdapter, 'platform' | 'send'> & {
  sendBatch?(userIds: string[], message: OutgoingMessage): Promise<BatchSendResult>;
};

export type Senders = Partial<Record<ChatPlatform, OutboxSender>>;

/** Pacing hooks, injected so tests run without real waiting. */
export type Pacing = { sleep: (ms: number) => Promise<void>; random: () => number };
export const realPacing: Pacing = { sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random };
