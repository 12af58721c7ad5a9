import type { DWClientDownStream } from 'dingtalk-stream';
import type { MessageHandler, OutgoingMessage } from '../../port.js';
import { L } from './messages.js';
import { normalise, type NormaliseDeps } from './normalise.js';
import { parseRobotMessage } from './robot-message.js';
import { replyViaSessionWebhook } from './session-reply.js';
import type { PictureSender } from './picture.js';

export type ReceiveDeps = NormaliseDeps & {
  handler: () => MessageHandler | null;
  ack: (frameId: string, result: unknown) => void;
  log: (line: string) => void;
  /** A direct message to one staff id (the robot's batchSend), for answers not meant for the group. */
  sendPrivately?: (staffId: string, message: OutgoingMessage) => Promise<void>;
  /** Sends a reply's chart picture after its text (picture.ts); absent, the text stands alone. */
  sendPicture?: PictureSender;
};

/**
 * The CALLBACK listener. The SDK ACKs EVENT frames itself but never CALLBACK frames: the ACK
 * (socketCallBackResponse) is ours to send, after the handler has recorded the message. The SDK
 * emits the listener through EventEmitter and ignores its result, so a rejected promise would be
 * an unhandled rejection that ends the process: the work runs detached and every failure becomes
 * one log line.
 */
export function robotListener(deps: ReceiveDeps): (frame: DWClientDownStream) => void {
  return (frame) => {
    void handleFrame(frame, deps).catch((e) => deps.log(L.handlerFailed(frame.headers?.messageId ?? '?', errorText(e))));
  };
}

async function handleFrame(frame: DWClientDownStream, deps: ReceiveDeps): Promise<void> {
  const frameId = frame.headers.messageId;
  const parsed = parseRobotMessage(typeof frame.data === 'string' ? frame.data : '');
  if (!parsed.ok) {
    // It can never succeed: ACKed so DingTalk stops re-sending it.
    deps.log(L.invalidMessage(frameId, parsed.error));
    deps.ack(frameId, { status: 'SUCCESS', message: 'invalid payload ignored' });
    return;
  }
  const handler = deps.handler();
  if (!handler) throw new Error('no message handler registered');
  const msg = normalise(parsed.msg, deps);
  // Throws when the message was not recorded: then no ACK, and DingTalk re-sends it in ~60 s.
  const reply = await handler(msg);
  try {
    deps.ack(frameId, { status: 'SUCCESS' });
  } catch (e) {
    // A socket mid-reconnect throws on send. The message is recorded, so the redelivery will be a
    // no-op; the reply must still go out now, because that redelivery will not produce it again.
    deps.log(L.ackFailed(frameId, errorText(e)));
  }
  if (!reply) return;
  const atStaffId = msg.conversation.kind === 'group' ? parsed.msg.senderStaffId : undefined;
  try {
    await replyViaSessionWebhook(msg.replyTo, reply, { group: msg.conversation.kind === 'group', atStaffId });
  } catch (e) {
    deps.log(L.replyFailed(frameId, errorText(e)));
  }
  // The session webhook takes no images: the picture goes the proactive way, to where the text went.
  if (reply.image && deps.sendPicture) {
    const to = msg.conversation.kind === 'group' ? { groupId: msg.conversation.id } : parsed.msg.senderStaffId ? { userId: parsed.msg.senderStaffId } : null;
    const r = to ? await deps.sendPicture(to, reply.image) : { ok: false as const, error: 'sender has no staff id' };
    if (!r.ok) deps.log(L.replyFailed(frameId, r.error));
  }
  if (reply.privately && atStaffId && deps.sendPrivately) {
    await deps.sendPrivately(atStaffId, reply.privately).catch((e: unknown) => deps.log(L.replyFailed(frameId, errorText(e))));
  }
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
