-- District-wide period figures of 统计 (api/stats/period-counts.ts), pre-aggregated per town and
-- Shanghai day (day = 00:00 Shanghai as epoch ms) so a month of the district reads ~3,000 rows
-- instead of counting ~400,000 index entries. Kept exact by the triggers below, in the same
-- statement as every write (D1 runs triggers too): each row's contribution is removed with its old
-- values and added with its new ones. Contributions, matching the definitions in api/stats/summary.ts:
--   patrols: patrols_done +1 on the patrol's day; patrols_on_time +1 when patrolled_at < due_at + 1 day.
--   hazards: hazards_found +1 on the report day unless void; when closed_at is set, hazards_closed +1
--            on the closing day and hazards_closed_on_time +1 when there is no deadline or it was met.
-- Not a drizzle table: only raw SQL in api/stats reads it, and only these triggers write it.
CREATE TABLE `stats_daily` (
  `town_id` integer NOT NULL,
  `day` integer NOT NULL,
  `patrols_done` integer NOT NULL DEFAULT 0,
  `patrols_on_time` integer NOT NULL DEFAULT 0,
  `hazards_found` integer NOT NULL DEFAULT 0,
  `hazards_closed` integer NOT NULL DEFAULT 0,
  `hazards_closed_on_time` integer NOT NULL DEFAULT 0,
  PRIMARY KEY (`town_id`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `stats_daily_patrol_insert` AFTER INSERT ON `patrols` BEGIN
  INSERT INTO stats_daily (town_id, day, patrols_done, patrols_on_time)
    VALUES (new.town_id, (((new.patrolled_at) + 28800000) / 86400000) * 86400000 - 28800000, 1, coalesce(new.patrolled_at < new.due_at + 86400000, 0))
    ON CONFLICT (town_id, day) DO UPDATE SET patrols_done = patrols_done + excluded.patrols_done,
      patrols_on_time = patrols_on_time + excluded.patrols_on_time;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_daily_patrol_delete` AFTER DELETE ON `patrols` BEGIN
  INSERT INTO stats_daily (town_id, day, patrols_done, patrols_on_time)
    VALUES (old.town_id, (((old.patrolled_at) + 28800000) / 86400000) * 86400000 - 28800000, -1, -coalesce(old.patrolled_at < old.due_at + 86400000, 0))
    ON CONFLICT (town_id, day) DO UPDATE SET patrols_done = patrols_done + excluded.patrols_done,
      patrols_on_time = patrols_on_time + excluded.patrols_on_time;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_daily_patrol_update` AFTER UPDATE OF `town_id`, `patrolled_at`, `due_at` ON `patrols`
WHEN old.town_id IS NOT new.town_id OR old.patrolled_at IS NOT new.patrolled_at OR old.due_at IS NOT new.due_at BEGIN
  INSERT INTO stats_daily (town_id, day, patrols_done, patrols_on_time)
    VALUES (old.town_id, (((old.patrolled_at) + 28800000) / 86400000) * 86400000 - 28800000, -1, -coalesce(old.patrolled_at < old.due_at + 86400000, 0))
    ON CONFLICT (town_id, day) DO UPDATE SET patrols_done = patrols_done + excluded.patrols_done,
      patrols_on_time = patrols_on_time + excluded.patrols_on_time;
  INSERT INTO stats_daily (town_id, day, patrols_done, patrols_on_time)
    VALUES (new.town_id, (((new.patrolled_at) + 28800000) / 86400000) * 86400000 - 28800000, 1, coalesce(new.patrolled_at < new.due_at + 86400000, 0))
    ON CONFLICT (town_id, day) DO UPDATE SET patrols_done = patrols_done + excluded.patrols_done,
      patrols_on_time = patrols_on_time + excluded.patrols_on_time;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_daily_hazard_insert` AFTER INSERT ON `hazards` BEGIN
  INSERT INTO stats_daily (town_id, day, hazards_found)
    SELECT new.town_id, (((new.reported_at) + 28800000) / 86400000) * 86400000 - 28800000, 1 WHERE new.status <> 'void'
    ON CONFLICT (town_id, day) DO UPDATE SET hazards_found = hazards_found + excluded.hazards_found;
  INSERT INTO stats_daily (town_id, day, hazards_closed, hazards_closed_on_time)
    SELECT new.town_id, (((new.closed_at) + 28800000) / 86400000) * 86400000 - 28800000, 1, (new.deadline_at IS NULL OR new.closed_at <= new.deadline_at) WHERE new.closed_at IS NOT NULL
    ON CONFLICT (town_id, day) DO UPDATE SET hazards_closed = hazards_closed + excluded.hazards_closed,
      hazards_closed_on_time = hazards_closed_on_time + excluded.hazards_closed_on_time;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_daily_hazard_delete` AFTER DELETE ON `hazards` BEGIN
  INSERT INTO stats_daily (town_id, day, hazards_found)
    SELECT old.town_id, (((old.reported_at) + 28800000) / 86400000) * 86400000 - 28800000, -1 WHERE old.status <> 'void'
    ON CONFLICT (town_id, day) DO UPDATE SET hazards_found = hazards_found + excluded.hazards_found;
  INSERT INTO stats_daily (town_id, day, hazards_closed, hazards_closed_on_time)
    SELECT old.town_id, (((old.closed_at) + 28800000) / 86400000) * 86400000 - 28800000, -1, -(old.deadline_at IS NULL OR old.closed_at <= old.deadline_at) WHERE old.closed_at IS NOT NULL
    ON CONFLICT (town_id, day) DO UPDATE SET hazards_closed = hazards_closed + excluded.hazards_closed,
      hazards_closed_on_time = hazards_closed_on_time + excluded.hazards_closed_on_time;
END;
--> statement-breakpoint
-- Fires only when a contribution can change: not on reported → rectifying → review, nor on updated_at.
CREATE TRIGGER `stats_daily_hazard_update` AFTER UPDATE OF `status`, `town_id`, `reported_at`, `closed_at`, `deadline_at` ON `hazards`
WHEN (old.status = 'void') IS NOT (new.status = 'void') OR old.town_id IS NOT new.town_id OR old.reported_at IS NOT new.reported_at
  OR old.closed_at IS NOT new.closed_at OR (new.closed_at IS NOT NULL AND old.deadline_at IS NOT new.deadline_at) BEGIN
  INSERT INTO stats_daily (town_id, day, hazards_found)
    SELECT old.town_id, (((old.reported_at) + 28800000) / 86400000) * 86400000 - 28800000, -1 WHERE old.status <> 'void'
    ON CONFLICT (town_id, day) DO UPDATE SET hazards_found = hazards_found + excluded.hazards_found;
  INSERT INTO stats_daily (town_id, day, hazards_closed, hazards_closed_on_time)
    SELECT old.town_id, (((old.closed_at) + 28800000) / 86400000) * 86400000 - 28800000, -1, -(old.deadline_at IS NULL OR old.closed_at <= old.deadline_at) WHERE old.closed_at IS NOT NULL
    ON CONFLICT (town_id, day) DO UPDATE SET hazards_closed = hazards_closed + excluded.hazards_closed,
      hazards_closed_on_time = hazards_closed_on_time + excluded.hazards_closed_on_time;
  INSERT INTO stats_daily (town_id, day, hazards_found)
    SELECT new.town_id, (((new.reported_at) + 28800000) / 86400000) * 86400000 - 28800000, 1 WHERE new.status <> 'void'
    ON CONFLICT (town_id, day) DO UPDATE SET hazards_found = hazards_found + excluded.hazards_found;
  INSERT INTO stats_daily (town_id, day, hazards_closed, hazards_closed_on_time)
    SELECT new.town_id, (((new.closed_at) + 28800000) / 86400000) * 86400000 - 28800000, 1, (new.deadline_at IS NULL OR new.closed_at <= new.deadline_at) WHERE new.closed_at IS NOT NULL
    ON CONFLICT (town_id, day) DO UPDATE SET hazards_closed = hazards_closed + excluded.hazards_closed,
      hazards_closed_on_time = hazards_closed_on_time + excluded.hazards_closed_on_time;
END;
--> statement-breakpoint
-- Backfill from the existing rows; each GROUP BY reads a (town_id, time) index in order, so no sort.
INSERT INTO stats_daily (town_id, day, patrols_done, patrols_on_time)
  SELECT town_id, (((patrolled_at) + 28800000) / 86400000) * 86400000 - 28800000 AS d, count(*), sum(coalesce(patrolled_at < due_at + 86400000, 0))
  FROM patrols WHERE true GROUP BY town_id, d;
--> statement-breakpoint
INSERT INTO stats_daily (town_id, day, hazards_found)
  SELECT town_id, (((reported_at) + 28800000) / 86400000) * 86400000 - 28800000 AS d, count(*) FROM hazards WHERE status <> 'void' GROUP BY town_id, d
  ON CONFLICT (town_id, day) DO UPDATE SET hazards_found = hazards_found + excluded.hazards_found;
--> statement-breakpoint
INSERT INTO stats_daily (town_id, day, hazards_closed, hazards_closed_on_time)
  SELECT town_id, (((closed_at) + 28800000) / 86400000) * 86400000 - 28800000 AS d, count(*), sum(deadline_at IS NULL OR closed_at <= deadline_at)
  FROM hazards WHERE closed_at IS NOT NULL GROUP BY town_id, d
  ON CONFLICT (town_id, day) DO UPDATE SET hazards_closed = hazards_closed + excluded.hazards_closed,
    hazards_closed_on_time = hazards_closed_on_time + excluded.hazards_closed_on_time;
