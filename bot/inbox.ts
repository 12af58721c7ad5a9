import { eq, asc } from 'drizzle-orm';
import { receivedMessages } from '../db/schema/index.js';
import type { Deps, Actor } from '../api/core/context.js';
import type { IncomingMessage, OutgoingMessage } from './port.js';
import type { VerbClient } from './client/types.js';
import { inProcessClient } from './client/in-process.js';
import { resolveSender } from './dialog/sender.js';
import { render } from './present/reply.js';
import { M } from './dialog/messages.js';
import { messageFromPayload } from './inbox/payload.js';
import { messageRecorder } from './inbox/record.js';
import { doneMarker } from './inbox/mark-done.js';
import { lineLogger } from '../lib/log.js';

/** What the dialog receives besides the message: the resolved sender and the photos stored for it. */
export type Received = { sender: Actor | null; photoIds: number[] };
export type DialogHandler = (msg: IncomingMessage, received: Received) => Promise<OutgoingMessage | null>;

export type InboxOptions = {
  deps: Deps;
  handle: DialogHandler;
  client?: VerbClient;
  log?: (line: string) => void;
};

export type Inbox = {
  /** Rejects only when the message could not be recorded (do not ACK it then). */
  receive(msg: IncomingMessage): Promise<OutgoingMessage | null>;
  /** Start-up recovery: handles messages recorded before a crash but never answered. */
  replayPending(): Promise<{ platform: string; messageId: string; reply: OutgoingMessage | null }[]>;
};

// A chat image is at most 10 MB (SPEC §4); at most 9 are kept per message.
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_IMAGES = 9;

/**
 * The one entry for every platform: record the message (unique per platform + message id) so a
 * redelivery is answered once, store its photos at once, run the dialog, store the reply. Once the
 * message is recorded nothing is thrown to the adapter: a failure becomes a short apology, status
 * 'failed' and a log line. Only when it cannot even be recorded does `receive` reject, so the
 * adapter does not ACK and the platform delivers it again (an ACKed message must never be lost).
 * Messages arriving together are recorded, resolved and marked done together (bot/inbox/*,
 * bot/dialog/sender.ts): one statement per group instead of one per message.
 */
export function createInbox(opts: InboxOptions): Inbox {
  const { deps } = opts;
  const client = opts.client ?? inProcessClient(deps);
  const log = opts.log ?? lineLogger('inbox', 'error');
  // Redeliveries arriving while the first delivery is still being handled in this process.
  const inFlight = new Set<string>();
  const record = messageRecorder(deps);
  const markDone = doneMarker(deps);
  // The last message of each sender still being handled: a sender's messages are handled in arrival order.
  const tails = new Map<string, Promise<void>>();

  async function handleRecorded(msg: IncomingMessage, id: number): Promise<OutgoingMessage | null> {
    const key = `${msg.platform}\u0000${msg.messageId}`;
    if (inFlight.has(key)) return null;
    inFlight.add(key);
    try {
      let reply: OutgoingMessage | null;
      try {
        const sender = await resolveSender(deps.db, msg.platform, msg.senderId);
        const photoIds = sender ? await storeImages(msg, sender) : [];
        reply = await opts.handle(msg, { sender, photoIds });
      } catch (e) {
        log(`[inbox] ${msg.platform}/${clipId(msg.messageId)} failed: ${e instanceof Error ? e.message : String(e)}`);
        reply = render(msg.platform, { title: M.errorTitle, lines: [M.failed] });
        await markDone({ id, status: 'failed', reply }).catch(() => {});
        return reply;
      }
      // The work is done and committed; if only the bookkeeping fails, the row stays 'received' and a
      // replay finds the verbs' own records (source message id) instead of writing twice.
      await markDone({ id, status: 'handled', reply }).catch((e: unknown) =>
        log(`[inbox] ${msg.platform}/${clipId(msg.messageId)} not marked handled: ${e instanceof Error ? e.message : String(e)}`));
      return reply;
    } finally {
      inFlight.delete(key);
    }
  }

  async function storeImages(msg: IncomingMessage, sender: Actor): Promise<number[]> {
    const verbs = client.as(sender, msg.platform);
    const ids: number[] = [];
    for (const image of msg.images.slice(0, MAX_IMAGES)) {
      try {
        const { bytes, mime } = await image.fetch();
        if (bytes.byteLength === 0 || bytes.byteLength > MAX_IMAGE_BYTES) continue;
        const stored = await verbs.storePhoto({ bytes, mime, sourcePlatform: msg.platform, sourceRef: image.ref.slice(0, 500) });
        ids.push(stored.id);
      } catch (e) {
        // One unreadable picture must not lose the message's text.
        log(`[inbox] ${msg.platform}/${clipId(msg.messageId)} image not stored: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return ids;
  }

  return {
    async receive(msg) {
      // Plain chatter in a group is not for the bot and is not kept; a photo might be (WeChat
      // cannot @-mention with a picture, so a worker's photo comes before the @-mentioned report).
      if (msg.conversation.kind === 'group' && !msg.mentioned && msg.images.length === 0) return null;
      const sender = `${msg.platform}\u0000${msg.senderId}`;
      const before = tails.get(sender);
      let release!: () => void;
      const mine = new Promise<void>((r) => (release = r));
      tails.set(sender, mine);
      try {
        let recorded: { id: number; fresh: boolean };
        try {
          recorded = await record(msg);
        } catch (e) {
          log(`[inbox] ${msg.platform}/${clipId(msg.messageId)} not recorded: ${e instanceof Error ? e.message : String(e)}`);
          throw new Error('message not recorded');
        }
        if (!recorded.fresh) return null;
        // Claim the message before waiting, so a redelivery arriving meanwhile is not handled too.
        const key = `${msg.platform}\u0000${msg.messageId}`;
        if (inFlight.has(key)) return null;
        inFlight.add(key);
        try {
          if (before) await before;
        } finally {
          inFlight.delete(key);
        }
        return await handleRecorded(msg, recorded.id);
      } finally {
        release();
        if (tails.get(sender) === mine) tails.delete(sender);
      }
    },

    async replayPending() {
      const pending = await deps.db
        .select()
        .from(receivedMessages)
        .where(eq(receivedMessages.status, 'received'))
        .orderBy(asc(receivedMessages.id))
        .limit(1000);
      const out: { platform: string; messageId: string; reply: OutgoingMessage | null }[] = [];
      for (const row of pending) {
        const reply = await handleRecorded(messageFromPayload(row.payload), row.id).catch(() => null);
        out.push({ platform: row.platform, messageId: row.messageId, reply });
      }
      return out;
    },
  };
}

const clipId = (id: string) => (id.length > 40 ? `${id.slice(0, 40)}…` : id);
