CREATE TABLE `login_tickets` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`ticket_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `login_tickets_hash_uq` ON `login_tickets` (`ticket_hash`);--> statement-breakpoint
CREATE INDEX `login_tickets_person_idx` ON `login_tickets` (`person_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `web_sessions` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`session_hash` text NOT NULL,
	`via` text NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `web_sessions_hash_uq` ON `web_sessions` (`session_hash`);--> statement-breakpoint
CREATE INDEX `web_sessions_person_idx` ON `web_sessions` (`person_id`);