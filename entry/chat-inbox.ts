import type { Deps } from '../api/core/context.js';
import type { ChatAdapter } from '../bot/port.js';
import { createInbox, type Inbox, type InboxOptions } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { withVoiceAndMedia } from '../bot/voice-and-media.js';

/**
 * The inbox of a process's chat connections, wired as entry/node.ts runs it (tests build it the
 * same way): platforms whose adapter can answer a recorded message later (`reply`) get their
 * replies sent, and recorded as sent, by the inbox, so what a crash left unanswered is answered
 * after the restart, once; every adapter hears through the voice-and-media wrapper.
 */
export function chatInbox(deps: Deps, adapters: ChatAdapter[], opts: Partial<InboxOptions> = {}): Inbox {
  const replyVia = Object.fromEntries(adapters.flatMap((a) => (a.reply ? [[a.platform, a.reply.bind(a)]] : [])));
  const inbox = createInbox({ deps, handle: createDialog({ deps }), replyVia, ...opts });
  for (const adapter of adapters) adapter.onMessage(withVoiceAndMedia((msg) => inbox.receive(msg)));
  return inbox;
}
