ALTER TABLE `people` ADD `enterprise_id` integer REFERENCES enterprises(id);--> statement-breakpoint
CREATE INDEX `people_enterprise_idx` ON `people` (`enterprise_id`);