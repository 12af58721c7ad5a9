CREATE TABLE `unrecognised_messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`district_id` integer NOT NULL,
	`platform` text NOT NULL,
	`text` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `unrecognised_district_time_idx` ON `unrecognised_messages` (`district_id`,`received_at`);