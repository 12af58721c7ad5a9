DROP INDEX `enterprises_town_idx`;--> statement-breakpoint
CREATE INDEX `enterprises_due_idx` ON `enterprises` (`class`,`risk_color`,`last_patrol_at`,`registered_at`,`town_id`);--> statement-breakpoint
CREATE INDEX `enterprises_town_idx` ON `enterprises` (`town_id`,`grid_id`,`class`,`risk_color`,`last_patrol_at`,`registered_at`);--> statement-breakpoint
DROP INDEX `patrols_town_time_idx`;--> statement-breakpoint
CREATE INDEX `patrols_time_idx` ON `patrols` (`patrolled_at`,`town_id`,`enterprise_id`);--> statement-breakpoint
CREATE INDEX `patrols_grid_time_idx` ON `patrols` (`grid_id`,`patrolled_at`);--> statement-breakpoint
CREATE INDEX `patrols_town_time_idx` ON `patrols` (`town_id`,`patrolled_at`,`grid_id`,`enterprise_id`);--> statement-breakpoint
DROP INDEX `hazards_status_deadline_idx`;--> statement-breakpoint
DROP INDEX `hazards_town_reported_idx`;--> statement-breakpoint
DROP INDEX `hazards_grid_status_idx`;--> statement-breakpoint
DROP INDEX `hazards_closed_idx`;--> statement-breakpoint
DROP INDEX `hazards_reported_idx`;--> statement-breakpoint
CREATE INDEX `hazards_town_status_idx` ON `hazards` (`town_id`,`status`,`deadline_at`,`level`,`grid_id`);--> statement-breakpoint
CREATE INDEX `hazards_town_closed_idx` ON `hazards` (`town_id`,`closed_at`,`grid_id`,`deadline_at`);--> statement-breakpoint
CREATE INDEX `hazards_status_deadline_idx` ON `hazards` (`status`,`deadline_at`,`level`,`town_id`);--> statement-breakpoint
CREATE INDEX `hazards_town_reported_idx` ON `hazards` (`town_id`,`reported_at`,`status`,`grid_id`);--> statement-breakpoint
CREATE INDEX `hazards_grid_status_idx` ON `hazards` (`grid_id`,`status`,`deadline_at`,`level`);--> statement-breakpoint
CREATE INDEX `hazards_closed_idx` ON `hazards` (`closed_at`,`town_id`,`deadline_at`);--> statement-breakpoint
CREATE INDEX `hazards_reported_idx` ON `hazards` (`reported_at`,`status`,`town_id`);