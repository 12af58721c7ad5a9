import { sql } from 'drizzle-orm';
import { OPEN_STATUSES } from '../../db/schema/index.js';

/**
 * Correlated count of an enterprise's open hazards (hazards_enterprise_status_idx serves it).
 * Written with explicit table names: drizzle drops the table prefix in single-table selects, which
 * would make `enterprise_id = id` compare two hazard columns.
 */
export const openHazardCount = sql<number>`(select count(*) from hazards h where h.enterprise_id = "enterprises"."id" and h.status in (${sql.join(
  OPEN_STATUSES.map((s) => sql`${s}`),
  sql`, `,
)}))`.mapWith(Number);
