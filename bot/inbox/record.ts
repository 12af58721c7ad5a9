import type { Deps } from '../../api/core/context.js';
import { MAX_BOUND_PARAMS, packRows, SqlText } from '../../db/sql-text.js';
import type { IncomingMessage, OutgoingMessage } from '../port.js';
import { turnGroup } from '../turn-group.js';
import { payloadOf } from './payload.js';

/**
 * The message's row: `inserted` when this delivery created it (and so holds its claim,
 * `claimedAt`); else the row as found: `fresh` when it was never handled (recorded before a crash,
 * or still being handled elsewhere: the claim decides), `unsent` a stored reply never confirmed sent.
 */
export type Recorded = { id: number; inserted: boolean; fresh: boolean; unsent: OutgoingMessage | null; claimedAt: number | null };

type Row = { id: number; platform: string; messageId: string; status: string; reply: string | null; repliedAt: number | null; claimedAt: number | null };
const keyOf = (platform: string, messageId: string) => `${platform}\u0000${messageId}`;
const COLUMNS = 'id, platform, message_id as messageId, status, reply, replied_at as repliedAt, claimed_at as claimedAt';

/**
 * Records incoming messages before anything else happens to them (unique per platform + message
 * id), the messages of one turn with one multi-row insert (packed under the bound-parameter limit)
 * in one batch: under a district reporting at once this was a statement, a prepare and a commit per
 * message. The insert claims the row for the delivery that made it (`claimed_at`): of several
 * deliveries of one message, in one group or in concurrent requests, only that one is `inserted`.
 * Resolves only once the rows are committed; rejects when they could not be written.
 */
export function messageRecorder(deps: Deps): (msg: IncomingMessage) => Promise<Recorded> {
  return turnGroup(async (msgs: IncomingMessage[]) => {
    const unique = new Map<string, IncomingMessage>();
    for (const m of msgs) if (!unique.has(keyOf(m.platform, m.messageId))) unique.set(keyOf(m.platform, m.messageId), m);
    const at = deps.clock().getTime();
    const rows = [...unique.values()].map((m) => new SqlText().raw('(').word(m.platform).raw(', ').param(m.messageId).raw(', ').param(m.senderId)
      .raw(', ').int(at).raw(', ').param(JSON.stringify(payloadOf(m))).raw(", 'received', ").int(at).raw(')'));
    const inserts = packRows('insert into received_messages (platform, message_id, sender_external_id, received_at, payload, status, claimed_at) values ',
      rows, ` on conflict do nothing returning ${COLUMNS}`).map((q) => deps.db.all<Row>(q.toSQL()));
    const inserted = (await deps.writer.batch(inserts as [(typeof inserts)[number], ...typeof inserts])).flat();
    const found = new Map(inserted.map((r) => [keyOf(r.platform, r.messageId), r]));
    const mine = new Set(found.keys());
    const seen = [...unique.entries()].filter(([k]) => !found.has(k)).map(([, m]) => m);
    // A redelivery: rare, so its row is read only when the insert skipped it.
    for (let i = 0; i < seen.length; i += MAX_BOUND_PARAMS) {
      const q = new SqlText().raw(`select ${COLUMNS} from received_messages where `);
      q.list(seen.slice(i, i + MAX_BOUND_PARAMS), ' or ', (m) => q.raw('(platform = ').word(m.platform).raw(' and message_id = ').param(m.messageId).raw(')'));
      for (const r of await deps.db.all<Row>(q.toSQL())) found.set(keyOf(r.platform, r.messageId), r);
    }
    return msgs.map((m) => {
      const key = keyOf(m.platform, m.messageId);
      const row = found.get(key);
      if (!row) throw new Error('message row missing after insert');
      // The first delivery in the group made the row; any other one in the same group is a duplicate.
      const inserted = mine.delete(key);
      // Just inserted, or recorded before a crash and never handled. Answered already (or failed
      // and apologised): a redelivery changes nothing.
      // Answered but the reply never confirmed sent (a crash in between): the redelivery sends it.
      const unsent = row.status !== 'received' && row.reply && row.repliedAt == null ? (JSON.parse(row.reply) as OutgoingMessage) : null;
      return { id: row.id, inserted, fresh: row.status === 'received', unsent, claimedAt: row.claimedAt == null ? null : Number(row.claimedAt) };
    });
  });
}
