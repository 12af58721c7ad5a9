import type { Deps } from '../../api/core/context.js';
import { MAX_BOUND_PARAMS, packRows, SqlText } from '../../db/sql-text.js';
import type { IncomingMessage, OutgoingMessage } from '../port.js';
import { turnGroup } from '../turn-group.js';
import { payloadOf } from './payload.js';

/** The message's row, and whether this delivery is to be handled (new, or recorded before a crash and never handled). */
export type Recorded = { id: number; fresh: boolean; unsent: OutgoingMessage | null };

type Row = { id: number; platform: string; messageId: string; status: string; reply: string | null; repliedAt: number | null };
const keyOf = (platform: string, messageId: string) => `${platform}\u0000${messageId}`;
const COLUMNS = 'id, platform, message_id as messageId, status, reply, replied_at as repliedAt';

/**
 * Records incoming messages before anything else happens to them (unique per platform + message
 * id), the messages of one turn with one multi-row insert (packed under the bound-parameter limit)
 * in one batch: under a district reporting at once this was a statement, a prepare and a commit per
 * message. Deliveries of one message in the same group share its row and its answer; the inbox's
 * in-flight set lets only one of them be handled. Resolves only once the rows are committed;
 * rejects when they could not be written.
 */
export function messageRecorder(deps: Deps): (msg: IncomingMessage) => Promise<Recorded> {
  return turnGroup(async (msgs: IncomingMessage[]) => {
    const unique = new Map<string, IncomingMessage>();
    for (const m of msgs) if (!unique.has(keyOf(m.platform, m.messageId))) unique.set(keyOf(m.platform, m.messageId), m);
    const at = deps.clock().getTime();
    const rows = [...unique.values()].map((m) => new SqlText().raw('(').word(m.platform).raw(', ').param(m.messageId).raw(', ').param(m.senderId)
      .raw(', ').int(at).raw(', ').param(JSON.stringify(payloadOf(m))).raw(", 'received')"));
    const inserts = packRows('insert into received_messages (platform, message_id, sender_external_id, received_at, payload, status) values ',
      rows, ` on conflict do nothing returning ${COLUMNS}`).map((q) => deps.db.all<Row>(q.toSQL()));
    const inserted = (await deps.writer.batch(inserts as [(typeof inserts)[number], ...typeof inserts])).flat();
    const found = new Map(inserted.map((r) => [keyOf(r.platform, r.messageId), r]));
    const seen = [...unique.entries()].filter(([k]) => !found.has(k)).map(([, m]) => m);
    // A redelivery: rare, so its row is read only when the insert skipped it.
    for (let i = 0; i < seen.length; i += MAX_BOUND_PARAMS) {
      const q = new SqlText().raw(`select ${COLUMNS} from received_messages where `);
      q.list(seen.slice(i, i + MAX_BOUND_PARAMS), ' or ', (m) => q.raw('(platform = ').word(m.platform).raw(' and message_id = ').param(m.messageId).raw(')'));
      for (const r of await deps.db.all<Row>(q.toSQL())) found.set(keyOf(r.platform, r.messageId), r);
    }
    return msgs.map((m) => {
      const row = found.get(keyOf(m.platform, m.messageId));
      if (!row) throw new Error('message row missing after insert');
      // Just inserted, or recorded before a crash and never handled. Answered already (or failed
      // and apologised): a redelivery changes nothing.
      // Answered but the reply never confirmed sent (a crash in between): the redelivery sends it.
      const unsent = row.status !== 'received' && row.reply && row.repliedAt == null ? (JSON.parse(row.reply) as OutgoingMessage) : null;
      return { id: row.id, fresh: row.status === 'received', unsent };
    });
  });
}
