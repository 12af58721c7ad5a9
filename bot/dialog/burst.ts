import type { Db } from '../../db/client.js';
import { SqlText } from '../../db/sql-text.js';
import type { IncomingMessage } from '../port.js';
import type { NextMessage } from './photos.js';

// Phones send a burst of photos as one message each, and the words they belong to just before or
// after. The inbox records every message before handling any and hands one sender's messages to
// the dialog in order, so a photo message can tell, after a short pause, whether its sender has
// already sent something more: then the later message answers, and this one stays silent.

/** How long a photo message waits for the rest of its burst before it answers. */
export const PHOTO_SETTLE_MS = 3000;

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The next message of the same sender recorded after this one, if any: more photos, or words. */
export async function nextOfSender(db: Db, msg: IncomingMessage): Promise<NextMessage> {
  const q = new SqlText()
    .raw("select coalesce(json_extract(payload, '$.text'), '') as text from received_messages where platform = ").word(msg.platform)
    .raw(' and sender_external_id = ').param(msg.senderId)
    .raw(' and id > (select id from received_messages where platform = ').word(msg.platform).raw(' and message_id = ').param(msg.messageId)
    .raw(') order by id limit 1');
  const [row] = await db.all<{ text: string }>(q.toSQL());
  if (!row) return 'none';
  return String(row.text).trim() ? 'words' : 'photos';
}
