-- custom: rollups that make the district-wide 统计 read a few thousand rows instead of counting
-- ~100,000 due enterprises and ~70,000 open hazards (api/stats/due-rollup.ts, open-rollup.ts).
-- Kept exact by the triggers below in the same statement as every write, like stats_daily (0004).
--
-- stats_due: enterprises per (class, colour, patrolled yes/no, town) by their due key
-- k = coalesce(last_patrol_at, registered_at), at three levels: 0 = per Shanghai day (start = 00:00),
-- 1 = per 8-day block of Shanghai days (start = the block's first 00:00), 2 = total (start = 0).
-- "k before the midnight C" = total − days in [C, next block start) − blocks from there on, which
-- reads a handful of rows per town whatever C is (api/stats/due-rollup.ts).
CREATE TABLE `stats_due` (
  `class` text NOT NULL,
  `risk_color` text NOT NULL,
  `patrolled` integer NOT NULL,
  `level` integer NOT NULL,
  `start` integer NOT NULL,
  `town_id` integer NOT NULL,
  `n` integer NOT NULL DEFAULT 0,
  PRIMARY KEY (`class`, `risk_color`, `patrolled`, `level`, `start`, `town_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Bumped by every change of stats_due (the triggers below), in the same transaction: figures
-- computed from stats_due may be kept per version (api/stats/due-memo.ts), because they cannot
-- have changed while the version has not.
CREATE TABLE `stats_due_version` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `v` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO stats_due_version (id, v) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `stats_due_enterprise_insert` AFTER INSERT ON `enterprises` BEGIN
  INSERT INTO stats_due (class, risk_color, patrolled, level, start, town_id, n)
    SELECT new.class, new.risk_color, new.last_patrol_at IS NOT NULL, lv.level,
      CASE lv.level WHEN 0 THEN ((kk.k + 28800000) / 86400000) * 86400000 - 28800000 WHEN 1 THEN ((kk.k + 28800000) / 691200000) * 691200000 - 28800000 ELSE 0 END,
      new.town_id, 1
    FROM (SELECT coalesce(new.last_patrol_at, new.registered_at) AS k) kk, (SELECT 0 AS level UNION ALL SELECT 1 UNION ALL SELECT 2) lv
    WHERE kk.k IS NOT NULL
    ON CONFLICT (class, risk_color, patrolled, level, start, town_id) DO UPDATE SET n = n + excluded.n;
  UPDATE stats_due_version SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_due_enterprise_delete` AFTER DELETE ON `enterprises` BEGIN
  INSERT INTO stats_due (class, risk_color, patrolled, level, start, town_id, n)
    SELECT old.class, old.risk_color, old.last_patrol_at IS NOT NULL, lv.level,
      CASE lv.level WHEN 0 THEN ((kk.k + 28800000) / 86400000) * 86400000 - 28800000 WHEN 1 THEN ((kk.k + 28800000) / 691200000) * 691200000 - 28800000 ELSE 0 END,
      old.town_id, -1
    FROM (SELECT coalesce(old.last_patrol_at, old.registered_at) AS k) kk, (SELECT 0 AS level UNION ALL SELECT 1 UNION ALL SELECT 2) lv
    WHERE kk.k IS NOT NULL
    ON CONFLICT (class, risk_color, patrolled, level, start, town_id) DO UPDATE SET n = n + excluded.n;
  UPDATE stats_due_version SET v = v + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_due_enterprise_update` AFTER UPDATE OF `class`, `risk_color`, `town_id`, `last_patrol_at`, `registered_at` ON `enterprises`
WHEN old.class IS NOT new.class OR old.risk_color IS NOT new.risk_color OR old.town_id IS NOT new.town_id
  OR old.last_patrol_at IS NOT new.last_patrol_at OR (new.last_patrol_at IS NULL AND old.registered_at IS NOT new.registered_at) BEGIN
  INSERT INTO stats_due (class, risk_color, patrolled, level, start, town_id, n)
    SELECT old.class, old.risk_color, old.last_patrol_at IS NOT NULL, lv.level,
      CASE lv.level WHEN 0 THEN ((kk.k + 28800000) / 86400000) * 86400000 - 28800000 WHEN 1 THEN ((kk.k + 28800000) / 691200000) * 691200000 - 28800000 ELSE 0 END,
      old.town_id, -1
    FROM (SELECT coalesce(old.last_patrol_at, old.registered_at) AS k) kk, (SELECT 0 AS level UNION ALL SELECT 1 UNION ALL SELECT 2) lv
    WHERE kk.k IS NOT NULL
    ON CONFLICT (class, risk_color, patrolled, level, start, town_id) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_due (class, risk_color, patrolled, level, start, town_id, n)
    SELECT new.class, new.risk_color, new.last_patrol_at IS NOT NULL, lv.level,
      CASE lv.level WHEN 0 THEN ((kk.k + 28800000) / 86400000) * 86400000 - 28800000 WHEN 1 THEN ((kk.k + 28800000) / 691200000) * 691200000 - 28800000 ELSE 0 END,
      new.town_id, 1
    FROM (SELECT coalesce(new.last_patrol_at, new.registered_at) AS k) kk, (SELECT 0 AS level UNION ALL SELECT 1 UNION ALL SELECT 2) lv
    WHERE kk.k IS NOT NULL
    ON CONFLICT (class, risk_color, patrolled, level, start, town_id) DO UPDATE SET n = n + excluded.n;
  UPDATE stats_due_version SET v = v + 1;
END;
--> statement-breakpoint
-- stats_open_town: open hazards (reported, rectifying, review) per town, the major ones, those with
-- a deadline; stats_open_deadline: open hazards per town and deadline. Overdue at `now` = dated −
-- those with deadline_at >= now, and future deadlines are few (api/stats/open-rollup.ts).
CREATE TABLE `stats_open_town` (
  `town_id` integer PRIMARY KEY NOT NULL,
  `open` integer NOT NULL DEFAULT 0,
  `major_open` integer NOT NULL DEFAULT 0,
  `dated` integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
CREATE TABLE `stats_open_deadline` (
  `town_id` integer NOT NULL,
  `deadline_at` integer NOT NULL,
  `n` integer NOT NULL DEFAULT 0,
  PRIMARY KEY (`town_id`, `deadline_at`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `stats_open_hazard_insert` AFTER INSERT ON `hazards` BEGIN
  INSERT INTO stats_open_town (town_id, open, major_open, dated)
    SELECT new.town_id, 1, (new.level = 'major'), (new.deadline_at IS NOT NULL) WHERE new.status IN ('reported', 'rectifying', 'review')
    ON CONFLICT (town_id) DO UPDATE SET open = open + excluded.open, major_open = major_open + excluded.major_open, dated = dated + excluded.dated;
  INSERT INTO stats_open_deadline (town_id, deadline_at, n)
    SELECT new.town_id, new.deadline_at, 1 WHERE new.status IN ('reported', 'rectifying', 'review') AND new.deadline_at IS NOT NULL
    ON CONFLICT (town_id, deadline_at) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_open_hazard_delete` AFTER DELETE ON `hazards` BEGIN
  INSERT INTO stats_open_town (town_id, open, major_open, dated)
    SELECT old.town_id, -1, -(old.level = 'major'), -(old.deadline_at IS NOT NULL) WHERE old.status IN ('reported', 'rectifying', 'review')
    ON CONFLICT (town_id) DO UPDATE SET open = open + excluded.open, major_open = major_open + excluded.major_open, dated = dated + excluded.dated;
  INSERT INTO stats_open_deadline (town_id, deadline_at, n)
    SELECT old.town_id, old.deadline_at, -1 WHERE old.status IN ('reported', 'rectifying', 'review') AND old.deadline_at IS NOT NULL
    ON CONFLICT (town_id, deadline_at) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
-- Fires only when a contribution can change: not on reported → rectifying → review alone, nor on updated_at.
CREATE TRIGGER `stats_open_hazard_update` AFTER UPDATE OF `status`, `town_id`, `level`, `deadline_at` ON `hazards`
WHEN (old.status IN ('reported', 'rectifying', 'review')) IS NOT (new.status IN ('reported', 'rectifying', 'review'))
  OR ((new.status IN ('reported', 'rectifying', 'review')) AND (old.town_id IS NOT new.town_id OR old.level IS NOT new.level OR old.deadline_at IS NOT new.deadline_at)) BEGIN
  INSERT INTO stats_open_town (town_id, open, major_open, dated)
    SELECT old.town_id, -1, -(old.level = 'major'), -(old.deadline_at IS NOT NULL) WHERE old.status IN ('reported', 'rectifying', 'review')
    ON CONFLICT (town_id) DO UPDATE SET open = open + excluded.open, major_open = major_open + excluded.major_open, dated = dated + excluded.dated;
  INSERT INTO stats_open_deadline (town_id, deadline_at, n)
    SELECT old.town_id, old.deadline_at, -1 WHERE old.status IN ('reported', 'rectifying', 'review') AND old.deadline_at IS NOT NULL
    ON CONFLICT (town_id, deadline_at) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_open_town (town_id, open, major_open, dated)
    SELECT new.town_id, 1, (new.level = 'major'), (new.deadline_at IS NOT NULL) WHERE new.status IN ('reported', 'rectifying', 'review')
    ON CONFLICT (town_id) DO UPDATE SET open = open + excluded.open, major_open = major_open + excluded.major_open, dated = dated + excluded.dated;
  INSERT INTO stats_open_deadline (town_id, deadline_at, n)
    SELECT new.town_id, new.deadline_at, 1 WHERE new.status IN ('reported', 'rectifying', 'review') AND new.deadline_at IS NOT NULL
    ON CONFLICT (town_id, deadline_at) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
-- Backfill from the existing rows.
INSERT INTO stats_due (class, risk_color, patrolled, level, start, town_id, n)
  SELECT class, risk_color, last_patrol_at IS NOT NULL AS p, 0, ((coalesce(last_patrol_at, registered_at) + 28800000) / 86400000) * 86400000 - 28800000 AS s, town_id, count(*)
  FROM enterprises WHERE coalesce(last_patrol_at, registered_at) IS NOT NULL GROUP BY class, risk_color, p, s, town_id;
--> statement-breakpoint
INSERT INTO stats_due (class, risk_color, patrolled, level, start, town_id, n)
  SELECT class, risk_color, last_patrol_at IS NOT NULL AS p, 1, ((coalesce(last_patrol_at, registered_at) + 28800000) / 691200000) * 691200000 - 28800000 AS s, town_id, count(*)
  FROM enterprises WHERE coalesce(last_patrol_at, registered_at) IS NOT NULL GROUP BY class, risk_color, p, s, town_id;
--> statement-breakpoint
INSERT INTO stats_due (class, risk_color, patrolled, level, start, town_id, n)
  SELECT class, risk_color, last_patrol_at IS NOT NULL AS p, 2, 0, town_id, count(*)
  FROM enterprises WHERE coalesce(last_patrol_at, registered_at) IS NOT NULL GROUP BY class, risk_color, p, town_id;
--> statement-breakpoint
INSERT INTO stats_open_town (town_id, open, major_open, dated)
  SELECT town_id, count(*), sum(level = 'major'), sum(deadline_at IS NOT NULL) FROM hazards WHERE status IN ('reported', 'rectifying', 'review') GROUP BY town_id;
--> statement-breakpoint
INSERT INTO stats_open_deadline (town_id, deadline_at, n)
  SELECT town_id, deadline_at, count(*) FROM hazards WHERE status IN ('reported', 'rectifying', 'review') AND deadline_at IS NOT NULL GROUP BY town_id, deadline_at;
