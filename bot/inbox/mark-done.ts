import type { Deps } from '../../api/core/context.js';
import { packRows, SqlText } from '../../db/sql-text.js';
import type { OutgoingMessage } from '../port.js';
import { turnGroup } from '../turn-group.js';

/** `replied`: the reply is handed to the adapter that sends it at once (no way to learn it went out). */
export type Done = { id: number; status: 'handled' | 'failed'; reply: OutgoingMessage | null; replied: boolean };

/**
 * Stores the outcome and reply of handled messages, the messages finished in one turn with one
 * update (UPDATE … FROM a VALUES list, packed under the bound-parameter limit) in one batch: after
 * the verbs' own writes, this bookkeeping was a statement and a commit per message.
 */
export function doneMarker(deps: Deps): (done: Done) => Promise<void> {
  return turnGroup(async (items: Done[]) => {
    const at = deps.clock().getTime();
    const rows = items.map((d) => new SqlText().raw('(').int(d.id).raw(', ').word(d.status).raw(', ')
      .param(d.reply ? withoutTickets(JSON.stringify(d.reply)) : null).raw(', ').int(at).raw(', ').int(d.replied ? at : null).raw(')'));
    const updates = packRows(`update received_messages set status = v.status, reply = v.reply, handled_at = v.at,
      replied_at = coalesce(received_messages.replied_at, v.replied)
      from (select column1 as id, column2 as status, column3 as reply, column4 as at, column5 as replied from (values `, rows, ')) as v where received_messages.id = v.id')
      .map((q) => deps.db.run(q.toSQL()));
    await deps.writer.batch(updates as [(typeof updates)[number], ...typeof updates]);
    return items.map(() => undefined);
  });
}

/**
 * The stored copy of a reply keeps no sign-in ticket: tickets are kept only as their hash, and a
 * plain one in received_messages would sign in whoever reads the database (or a backup) for ten
 * minutes. A reply re-sent from this copy after a crash links to a spent ticket, whose page says to
 * send 登录 again.
 */
export function withoutTickets(json: string): string {
  return json.replace(/(\/auth\/ticket\?t=|\/t\/)[0-9a-f]{16,}/g, '$1expired');
}
