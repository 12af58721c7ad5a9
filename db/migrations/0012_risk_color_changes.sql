CREATE TABLE `risk_color_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`enterprise_id` integer NOT NULL,
	`from_color` text NOT NULL,
	`to_color` text NOT NULL,
	`channel` text NOT NULL,
	`actor_id` integer,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_color_changes_enterprise_idx` ON `risk_color_changes` (`enterprise_id`,`id`);--> statement-breakpoint
ALTER TABLE `departments` ADD `industries` text DEFAULT '[]' NOT NULL;