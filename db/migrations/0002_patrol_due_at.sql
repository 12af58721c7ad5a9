DROP INDEX `patrols_town_time_idx`;--> statement-breakpoint
DROP INDEX `patrols_time_idx`;--> statement-breakpoint
DROP INDEX `patrols_grid_time_idx`;--> statement-breakpoint
DROP INDEX `patrols_worker_time_idx`;--> statement-breakpoint
ALTER TABLE `patrols` ADD `due_at` integer;--> statement-breakpoint
-- Backfill (hand-added; same statement as backfillPatrolDueAt in api/patrols/due-at.ts): the due day each
-- existing patrol answered, from its predecessor (patrols_enterprise_time_idx) and the policy table.
UPDATE `patrols` SET `due_at` = (
  SELECT ((((coalesce((SELECT max(p2.patrolled_at) FROM patrols p2 WHERE p2.enterprise_id = e.id AND p2.patrolled_at < patrols.patrolled_at) + min(
    coalesce((SELECT pp.interval_days FROM patrol_policy pp WHERE pp.kind = 'class' AND pp.key = e.class), 90),
    coalesce((SELECT pp.interval_days FROM patrol_policy pp WHERE pp.kind = 'color' AND pp.key = e.risk_color), 2147483647)) * 86400000, e.registered_at)) + 28800000) / 86400000) * 86400000 - 28800000)
  FROM enterprises e WHERE e.id = patrols.enterprise_id)
WHERE `due_at` IS NULL;--> statement-breakpoint
CREATE INDEX `patrols_town_time_idx` ON `patrols` (`town_id`,`patrolled_at`,`grid_id`,`enterprise_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `patrols_time_idx` ON `patrols` (`patrolled_at`,`town_id`,`enterprise_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `patrols_grid_time_idx` ON `patrols` (`grid_id`,`patrolled_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `patrols_worker_time_idx` ON `patrols` (`worker_id`,`patrolled_at`,`due_at`);