import type { Deps } from '../../api/core/context.js';
import { SqlText } from '../../db/sql-text.js';
import { turnGroup } from '../turn-group.js';

/**
 * Records that the platform accepted a message's reply, the replies of one turn with one update.
 * Until then a restart (or a redelivery) sends the stored reply again: a crash between the
 * platform's answer and this commit is the one case that answers twice (DingTalk has no idempotent send).
 */
export function repliedMarker(deps: Deps): (id: number) => Promise<void> {
  return turnGroup(async (ids: number[]) => {
    // Ids are integer literals, not parameters: a group (at most 200) is one short statement.
    const q = new SqlText().raw('update received_messages set replied_at = ').int(deps.clock().getTime())
      .raw(' where replied_at is null and id in (').ints(ids).raw(')');
    await deps.writer.batch([deps.db.run(q.toSQL())]);
    return ids.map(() => undefined);
  });
}
