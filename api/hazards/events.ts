import { sql } from 'drizzle-orm';
import type { HazardAction, HazardStatus } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';

export type EventSpec = {
  hazardId: number;
  action: HazardAction;
  fromStatus: HazardStatus | null;
  toStatus: HazardStatus | null;
  at: Date;
  note?: string | null;
  data?: Record<string, unknown> | null;
};

/**
 * The append-only event, written only if the guarded statement before it in the same batch changed
 * its row. A batch cannot branch, so this is how a lost race (status changed meanwhile) writes no
 * event: the update matches nothing, changes() is 0, and the verb reports the conflict afterwards.
 */
export function eventAfterChange(ctx: Ctx, e: EventSpec) {
  const data = e.data == null ? null : JSON.stringify(e.data);
  return ctx.db.run(sql`
    insert into hazard_events (hazard_id, action, from_status, to_status, actor_id, at, note, data, channel)
    select ${e.hazardId}, ${e.action}, ${e.fromStatus}, ${e.toStatus}, ${ctx.actor.personId}, ${e.at.getTime()},
           ${e.note ?? null}, ${data}, ${ctx.channel}
    where changes() = 1`);
}
