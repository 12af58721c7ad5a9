import type { Actor, Deps } from '../../api/core/context.js';
import { DomainError } from '../../api/core/errors.js';
import type { IncomingMessage } from '../port.js';
import type { ActorVerbs } from '../client/types.js';
import type { DeadlineSlot } from './intents.js';
import type { Draft, DraftStore } from './drafts.js';
import type { Reply } from '../present/reply.js';
import { shanghaiIsoDay } from '../../lib/time.js';
import { deadlineInstant } from '../../lib/deadline.js';
import { M } from './messages.js';

/** Everything one message's handling needs; built once per message by the dialog. */
export type Turn = {
  deps: Deps;
  msg: IncomingMessage;
  actor: Actor;
  verbs: ActorVerbs;
  drafts: DraftStore;
  now: Date;
  /** Photos stored from this very message (already in attachments, unattached). */
  photoIds: number[];
};

/** The slots of a draft under construction, stored as JSON in the drafts table. */
export type Slots = Record<string, unknown>;

/** A text slot, trimmed; undefined when absent or blank. */
export const slotText = (s: Slots, key: string): string | undefined => {
  const v = s[key];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};

export const source = (t: Turn) => ({ platform: t.msg.platform, messageId: t.msg.messageId });

/** The verb's deadline fields for a parsed deadline (the verbs accept a day, days, or fix-now). */
export function deadlineInput(slot: DeadlineSlot | undefined, now: Date): { deadline?: string; deadlineDays?: number; fixNow?: true } {
  if (!slot) return {};
  if (slot.kind === 'now') return { fixNow: true };
  if (slot.kind === 'days' && slot.days >= 1) return { deadlineDays: slot.days };
  // deadlineInstant is 24:00 Shanghai, i.e. the next midnight: step back a moment for the day.
  return { deadline: shanghaiIsoDay(deadlineInstant(slot, now).getTime() - 1) };
}

/** Saves a question and returns it as the reply: one short question, the draft keeps the rest. */
export async function ask(t: Turn, intent: string, slots: Slots, awaiting: NonNullable<Draft['awaiting']>, question: string | string[], title = '还需要一点信息'): Promise<Reply> {
  await t.drafts.save(t.actor.personId, { intent, slots, awaiting }, t.now);
  return { title, lines: Array.isArray(question) ? question : [question] };
}

/** A domain error becomes its own Chinese message: the verbs already say what went wrong and why. */
export function errorReply(e: unknown): Reply {
  if (e instanceof DomainError && e.code !== 'internal') return { title: M.errorTitle, lines: [e.message] };
  throw e;
}

/** Runs a verb call and turns its domain error into a reply; anything else propagates to the inbox. */
export async function attempt<T>(call: () => Promise<T>, onOk: (r: T) => Reply | Promise<Reply>): Promise<Reply> {
  let result: T;
  try {
    result = await call();
  } catch (e) {
    return errorReply(e);
  }
  return onOk(result);
}
