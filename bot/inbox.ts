import { and, asc, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import { receivedMessages } from '../db/schema/index.js';
import type { Deps, Actor } from '../api/core/context.js';
import type { ChatPlatform, IncomingMessage, OutgoingMessage, SendResult } from './port.js';
import type { VerbClient } from './client/types.js';
import { inProcessClient } from './client/in-process.js';
import { resolveSender } from './dialog/sender.js';
import { render } from './present/reply.js';
import { M } from './dialog/messages.js';
import { messageFromPayload } from './inbox/payload.js';
import { messageRecorder, type Recorded } from './inbox/record.js';
import { doneMarker } from './inbox/mark-done.js';
import { lineLogger } from '../lib/log.js';
import { repliedMarker } from './inbox/mark-replied.js';
import { CLAIM_LEASE_MS, messageClaimer, releaseClaim } from './inbox/claim.js';
import { withHeard } from './voice-and-media.js';

/** What the dialog receives besides the message: the resolved sender and the photos stored for it. */
export type Received = { sender: Actor | null; photoIds: number[] };
export type DialogHandler = (msg: IncomingMessage, received: Received) => Promise<OutgoingMessage | null>;
/** Sends a reply to a recorded message (ChatAdapter.reply). */
export type ReplySender = (msg: IncomingMessage, reply: OutgoingMessage) => Promise<SendResult>;

export type InboxOptions = {
  deps: Deps;
  handle: DialogHandler;
  client?: VerbClient;
  log?: (line: string) => void;
  /**
   * Platforms whose replies the inbox sends itself (their adapter's `reply`): `receive` then
   * answers null, the adapter only ACKs, and the inbox records when the platform accepted the reply,
   * so a restart or a redelivery answers what was never answered, exactly once. Platforms not listed
   * get their reply from `receive` and send it themselves, as before.
   */
  replyVia?: Partial<Record<ChatPlatform, ReplySender>>;
  /** Waits between attempts of a reply the platform refused for now (throttled, unreachable). */
  retryDelaysMs?: number[];
  /** How long a delivery's claim on a message holds before another may take over (bot/inbox/claim.ts). */
  claimLeaseMs?: number;
  /**
   * Whether claims older than this inbox were left by a process that has ended (default true): a
   * long-lived process starting up takes over at once what its previous run was doing when it
   * died. A Worker builds an inbox per request, where an older claim may be another request's,
   * still running: false, and only the lease frees a claim.
   */
  earlierClaimsAbandoned?: boolean;
};

export type Inbox = {
  /** Rejects only when the message could not be recorded (do not ACK it then). */
  receive(msg: IncomingMessage): Promise<OutgoingMessage | null>;
  /**
   * Start-up recovery: handles messages recorded before a crash but never handled, and (for the
   * platforms in `replyVia`) sends every stored reply never confirmed sent. `only` limits it to
   * some platforms (an inbox that answers DingTalk alone must not take another platform's messages).
   */
  replayPending(only?: ChatPlatform[]): Promise<{ platform: string; messageId: string; reply: OutgoingMessage | null }[]>;
  /** Resolves when every reply being sent has been sent or given up (tests, shutdown). */
  settled(): Promise<void>;
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
  const markReplied = repliedMarker(deps);
  const replyVia = opts.replyVia ?? {};
  const retryDelays = opts.retryDelaysMs ?? [2_000, 15_000];
  const claimMessage = messageClaimer(deps);
  const lease = opts.claimLeaseMs ?? CLAIM_LEASE_MS;
  const startedAt = opts.earlierClaimsAbandoned === false ? null : deps.clock().getTime();
  /** Whether a claim's holder may be presumed gone: never claimed, released, past the lease, or from before this process. */
  const stale = (claimedAt: number | null) => {
    if (claimedAt == null) return true;
    const now = deps.clock().getTime();
    return claimedAt <= now - lease || (startedAt != null && claimedAt < startedAt);
  };
  // Replies being sent by this process, by message row: a redelivery or the replay never sends one twice.
  const sending = new Map<number, Promise<void>>();
  // Replies this process has sent lately: a row read just before its reply was marked sent (by the
  // replay or a redelivery) must not send it again.
  const sent = new Set<number>();
  const SENT_KEPT = 10_000;
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
        // Echoed here, before the reply is stored, so a reply the inbox sends itself (or sends
        // again after a crash) shows what was heard just as one the adapter sends does.
        if (reply && msg.voice && msg.text) reply = withHeard(reply, msg.text);
      } catch (e) {
        log(`[inbox] ${msg.platform}/${clipId(msg.messageId)} failed: ${e instanceof Error ? e.message : String(e)}`);
        reply = render(msg.platform, { title: M.errorTitle, lines: [M.failed] });
        await markDone({ id, status: 'failed', reply, replied: !replyVia[msg.platform] }).catch(() => {});
        return reply;
      }
      // The work is done and committed; if only the bookkeeping fails, the row stays 'received' and a
      // replay finds the verbs' own records (source message id) instead of writing twice.
      await markDone({ id, status: 'handled', reply, replied: !replyVia[msg.platform] }).catch((e: unknown) =>
        log(`[inbox] ${msg.platform}/${clipId(msg.messageId)} not marked handled: ${e instanceof Error ? e.message : String(e)}`));
      return reply;
    } finally {
      inFlight.delete(key);
    }
  }

  /**
   * Sends a stored reply through the platform and records that it went out. Called only once the
   * reply is committed (markDone), so a crash at any point before the platform accepts it leaves a
   * reply that the next start (or a redelivery) sends: it is never recomputed. `claim` is the
   * message's claim as the caller holds (or, stale, takes over) it: each attempt first moves it
   * on (compare-and-set), so of two processes or isolates holding the same reply only one sends.
   */
  function sendReply(msg: IncomingMessage, id: number, reply: OutgoingMessage, claim: number | null): Promise<void> {
    const via = replyVia[msg.platform];
    if (!via || sent.has(id)) return Promise.resolve();
    if (sending.has(id)) return sending.get(id)!;
    const run = (async () => {
      let held = claim;
      for (let attempt = 0; ; attempt++) {
        const next = await claimMessage({ id, from: held, send: true }).catch((e: unknown) => {
          log(`[inbox] ${msg.platform}/${clipId(msg.messageId)} reply not claimed: ${e instanceof Error ? e.message : String(e)}`);
          return null;
        });
        // Taken over (this delivery was presumed gone), or sent meanwhile: the reply is someone else's.
        if (next == null) return;
        held = next;
        const result = await via(msg, reply).catch((e: unknown): SendResult => ({ ok: false, retryable: true, error: e instanceof Error ? e.message : String(e) }));
        if (result.ok) {
          sent.add(id);
          if (sent.size > SENT_KEPT) sent.delete(sent.values().next().value!);
          await markReplied(id).catch((e: unknown) =>
            log(`[inbox] ${msg.platform}/${clipId(msg.messageId)} reply sent, not marked: ${e instanceof Error ? e.message : String(e)}`));
          return;
        }
        if (!result.retryable || attempt >= retryDelays.length) {
          // Left unmarked and unclaimed: the next redelivery or start (the Worker: its cron) tries again.
          log(`[inbox] ${msg.platform}/${clipId(msg.messageId)} reply not sent: ${result.error}`);
          await releaseClaim(deps, id, held).catch(() => {});
          return;
        }
        await new Promise((r) => setTimeout(r, retryDelays[attempt]));
      }
    })().finally(() => sending.delete(id));
    sending.set(id, run);
    return run;
  }

  /** The reply for the adapter to send, or null when the inbox sends it itself. */
  function answer(msg: IncomingMessage, id: number, reply: OutgoingMessage | null, claim: number | null): OutgoingMessage | null {
    if (!reply || !replyVia[msg.platform]) return reply;
    void sendReply(msg, id, reply, claim);
    return null;
  }

  async function storeImages(msg: IncomingMessage, sender: Actor): Promise<number[]> {
    // Keyed by the message's id (a separate caller from the dialog's: only photos are posted here).
    const verbs = client.as(sender, msg.platform, { platform: msg.platform, messageId: msg.messageId });
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
        let recorded: Recorded;
        try {
          recorded = await record(msg);
        } catch (e) {
          log(`[inbox] ${msg.platform}/${clipId(msg.messageId)} not recorded: ${e instanceof Error ? e.message : String(e)}`);
          throw new Error('message not recorded');
        }
        const key = `${msg.platform}\u0000${msg.messageId}`;
        let claim = recorded.claimedAt;
        if (!recorded.inserted) {
          // Another delivery of a recorded message (a redelivery, a replayed callback, a concurrent
          // duplicate): answered and sent already, or being handled or sent by a delivery that
          // still holds its claim (here or in another process): nothing to do.
          if (!recorded.fresh && !recorded.unsent) return null;
          if (inFlight.has(key) || sending.has(recorded.id) || sent.has(recorded.id) || !stale(recorded.claimedAt)) return null;
          // Answered before a crash, the reply never confirmed sent: this delivery sends it (once).
          if (recorded.unsent) {
            void sendReply(msg, recorded.id, recorded.unsent, recorded.claimedAt);
            return null;
          }
          // Recorded but never handled, its holder gone: taken over, by one delivery only.
          claim = await claimMessage({ id: recorded.id, from: recorded.claimedAt, send: false });
          if (claim == null) return null;
        }
        // Claim the message before waiting, so a redelivery arriving meanwhile is not handled too.
        if (inFlight.has(key)) return null;
        inFlight.add(key);
        try {
          if (before) await before;
        } finally {
          inFlight.delete(key);
        }
        return answer(msg, recorded.id, await handleRecorded(msg, recorded.id), claim);
      } finally {
        release();
        if (tails.get(sender) === mine) tails.delete(sender);
      }
    },

    async replayPending(only) {
      const pending = await deps.db
        .select()
        .from(receivedMessages)
        .where(only ? and(eq(receivedMessages.status, 'received'), inArray(receivedMessages.platform, only)) : eq(receivedMessages.status, 'received'))
        .orderBy(asc(receivedMessages.id))
        .limit(1000);
      const out: { platform: string; messageId: string; reply: OutgoingMessage | null }[] = [];
      for (const row of pending) {
        // A redelivery may have been handled meanwhile (the adapters are already listening), or
        // another process or request may hold it: only a stale claim is taken over, by one replay.
        if (sending.has(row.id) || !stale(row.claimedAt)) continue;
        const claim = await claimMessage({ id: row.id, from: row.claimedAt, send: false });
        if (claim == null) continue;
        const now = await deps.db.select({ status: receivedMessages.status }).from(receivedMessages).where(eq(receivedMessages.id, row.id)).get();
        if (now?.status !== 'received') continue;
        const msg = messageFromPayload(row.payload);
        const reply = await handleRecorded(msg, row.id).catch(() => null);
        // replied_at set on a 'received' row: the reply went out but the handled mark did not commit.
        if (reply && row.repliedAt == null) await sendReply(msg, row.id, reply, claim);
        out.push({ platform: row.platform, messageId: row.messageId, reply });
      }
      // Answered before the crash, but the platform never confirmed the reply: the stored one goes out.
      const platforms = (Object.keys(replyVia) as ChatPlatform[]).filter((p) => !only || only.includes(p));
      for (const platform of platforms) {
        const unsent = await deps.db
          .select()
          .from(receivedMessages)
          .where(and(eq(receivedMessages.platform, platform), ne(receivedMessages.status, 'received'), isNotNull(receivedMessages.reply), isNull(receivedMessages.repliedAt)))
          .orderBy(asc(receivedMessages.id))
          .limit(1000);
        for (const row of unsent) {
          if (sending.has(row.id) || sent.has(row.id) || !stale(row.claimedAt)) continue;
          await sendReply(messageFromPayload(row.payload), row.id, row.reply as OutgoingMessage, row.claimedAt);
          out.push({ platform: row.platform, messageId: row.messageId, reply: row.reply as OutgoingMessage });
        }
      }
      return out;
    },

    async settled() {
      while (sending.size) await Promise.all(sending.values());
    },
  };
}

const clipId = (id: string) => (id.length > 40 ? `${id.slice(0, 40)}…` : id);
