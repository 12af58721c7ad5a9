CREATE TABLE `binding_attempts` (
	`platform` text NOT NULL,
	`external_id` text NOT NULL,
	`attempts` integer NOT NULL,
	`last_attempt_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `external_id`)
);
--> statement-breakpoint
CREATE INDEX `binding_attempts_last_idx` ON `binding_attempts` (`last_attempt_at`);--> statement-breakpoint
CREATE TABLE `server_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `kind` text DEFAULT 'person' NOT NULL;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `binding_codes` ADD `selector` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `binding_codes` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `binding_codes_selector_idx` ON `binding_codes` (`selector`);
--> statement-breakpoint
-- custom: codes issued before this migration are plain sha256 of 6 digits (guessable offline and
-- not HMACs): they are removed, and admins issue new ones.
DELETE FROM binding_codes WHERE selector = '';
--> statement-breakpoint
-- custom: tokens minted before tokens expired get the default lifetime (90 days) from now; the
-- configured BOOTSTRAP_ADMIN_TOKEN keeps no expiry.
UPDATE api_tokens SET expires_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 + 7776000000
  WHERE expires_at IS NULL AND label <> 'BOOTSTRAP_ADMIN_TOKEN';
