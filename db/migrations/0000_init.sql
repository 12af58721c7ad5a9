CREATE TABLE `departments` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_name_uq` ON `departments` (`name`);--> statement-breakpoint
CREATE TABLE `districts` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `grids` (
	`id` integer PRIMARY KEY NOT NULL,
	`town_id` integer NOT NULL,
	`name` text NOT NULL,
	`village` text,
	`worker_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`town_id`) REFERENCES `towns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grids_town_name_uq` ON `grids` (`town_id`,`name`);--> statement-breakpoint
CREATE INDEX `grids_worker_idx` ON `grids` (`worker_id`);--> statement-breakpoint
CREATE TABLE `towns` (
	`id` integer PRIMARY KEY NOT NULL,
	`district_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `towns_name_uq` ON `towns` (`name`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_uq` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `binding_codes` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `binding_codes_hash_uq` ON `binding_codes` (`code_hash`);--> statement-breakpoint
CREATE TABLE `chat_identities` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`platform` text NOT NULL,
	`external_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_identities_platform_external_uq` ON `chat_identities` (`platform`,`external_id`);--> statement-breakpoint
CREATE INDEX `chat_identities_person_idx` ON `chat_identities` (`person_id`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`role` text NOT NULL,
	`town_id` integer,
	`department_id` integer,
	`preferred_platform` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`town_id`) REFERENCES `towns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `people_role_town_idx` ON `people` (`role`,`town_id`);--> statement-breakpoint
CREATE INDEX `people_department_idx` ON `people` (`department_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_phone_uq` ON `people` (`phone`);--> statement-breakpoint
CREATE TABLE `check_items` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`category` text NOT NULL,
	`title` text NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`major_by_default` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_items_code_uq` ON `check_items` (`code`);--> statement-breakpoint
CREATE TABLE `enterprises` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`aliases` text DEFAULT '[]' NOT NULL,
	`credit_code` text,
	`address` text,
	`grid_id` integer NOT NULL,
	`town_id` integer NOT NULL,
	`class` text NOT NULL,
	`industry` text,
	`risk_color` text NOT NULL,
	`contact_name` text,
	`contact_phone` text,
	`lat` real,
	`lng` real,
	`registered_at` integer NOT NULL,
	`last_patrol_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`grid_id`) REFERENCES `grids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`town_id`) REFERENCES `towns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enterprises_credit_code_uq` ON `enterprises` (`credit_code`);--> statement-breakpoint
CREATE INDEX `enterprises_grid_idx` ON `enterprises` (`grid_id`);--> statement-breakpoint
CREATE INDEX `enterprises_town_idx` ON `enterprises` (`town_id`);--> statement-breakpoint
CREATE INDEX `enterprises_name_idx` ON `enterprises` (`name`);--> statement-breakpoint
CREATE TABLE `patrol_policy` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`interval_days` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patrol_policy_kind_key_uq` ON `patrol_policy` (`kind`,`key`);--> statement-breakpoint
CREATE TABLE `patrols` (
	`id` integer PRIMARY KEY NOT NULL,
	`enterprise_id` integer NOT NULL,
	`grid_id` integer NOT NULL,
	`town_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`patrolled_at` integer NOT NULL,
	`result` text NOT NULL,
	`note` text,
	`lat` real,
	`lng` real,
	`checklist` text,
	`source_platform` text,
	`source_message_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`worker_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `patrols_enterprise_time_idx` ON `patrols` (`enterprise_id`,`patrolled_at`);--> statement-breakpoint
CREATE INDEX `patrols_town_time_idx` ON `patrols` (`town_id`,`patrolled_at`);--> statement-breakpoint
CREATE INDEX `patrols_worker_time_idx` ON `patrols` (`worker_id`,`patrolled_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `patrols_source_uq` ON `patrols` (`source_platform`,`source_message_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`path` text NOT NULL,
	`received_at` integer NOT NULL,
	`uploader_id` integer NOT NULL,
	`hazard_id` integer,
	`event_id` integer,
	`patrol_id` integer,
	`source_platform` text,
	`source_ref` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `attachments_hazard_idx` ON `attachments` (`hazard_id`);--> statement-breakpoint
CREATE INDEX `attachments_patrol_idx` ON `attachments` (`patrol_id`);--> statement-breakpoint
CREATE INDEX `attachments_uploader_time_idx` ON `attachments` (`uploader_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `hazard_code_counters` (
	`day` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `hazard_departments` (
	`hazard_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`whistled_at` integer NOT NULL,
	`whistled_by` integer NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` integer,
	PRIMARY KEY(`hazard_id`, `department_id`),
	FOREIGN KEY (`hazard_id`) REFERENCES `hazards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hazard_departments_dept_idx` ON `hazard_departments` (`department_id`,`acknowledged_at`);--> statement-breakpoint
CREATE TABLE `hazard_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`hazard_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`actor_id` integer NOT NULL,
	`at` integer NOT NULL,
	`note` text,
	`data` text,
	`channel` text NOT NULL,
	FOREIGN KEY (`hazard_id`) REFERENCES `hazards`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hazard_events_hazard_idx` ON `hazard_events` (`hazard_id`,`at`);--> statement-breakpoint
CREATE TABLE `hazards` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`enterprise_id` integer NOT NULL,
	`grid_id` integer NOT NULL,
	`town_id` integer NOT NULL,
	`reporter_id` integer NOT NULL,
	`patrol_id` integer,
	`source_platform` text,
	`source_message_id` text,
	`description` text NOT NULL,
	`check_item_id` integer,
	`level` text NOT NULL,
	`status` text NOT NULL,
	`deadline_at` integer,
	`responsible` text,
	`duplicate_of_id` integer,
	`lat` real,
	`lng` real,
	`reported_at` integer NOT NULL,
	`closed_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`check_item_id`) REFERENCES `check_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hazards_code_uq` ON `hazards` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `hazards_source_uq` ON `hazards` (`source_platform`,`source_message_id`);--> statement-breakpoint
CREATE INDEX `hazards_status_deadline_idx` ON `hazards` (`status`,`deadline_at`);--> statement-breakpoint
CREATE INDEX `hazards_town_reported_idx` ON `hazards` (`town_id`,`reported_at`);--> statement-breakpoint
CREATE INDEX `hazards_grid_status_idx` ON `hazards` (`grid_id`,`status`);--> statement-breakpoint
CREATE INDEX `hazards_enterprise_status_idx` ON `hazards` (`enterprise_id`,`status`);--> statement-breakpoint
CREATE INDEX `hazards_closed_idx` ON `hazards` (`closed_at`);--> statement-breakpoint
CREATE INDEX `hazards_reporter_idx` ON `hazards` (`reporter_id`,`reported_at`);--> statement-breakpoint
CREATE INDEX `hazards_reported_idx` ON `hazards` (`reported_at`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`intent` text NOT NULL,
	`slots` text NOT NULL,
	`awaiting` text,
	`updated_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drafts_person_uq` ON `drafts` (`person_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`person_id` integer NOT NULL,
	`key` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`request_hash` text NOT NULL,
	`status_code` integer NOT NULL,
	`response_body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`slot` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`result` text,
	PRIMARY KEY(`job`, `slot`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY NOT NULL,
	`dedupe_key` text NOT NULL,
	`person_id` integer,
	`platform` text,
	`target` text,
	`kind` text NOT NULL,
	`urgent` integer DEFAULT false NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`not_before` integer NOT NULL,
	`expires_at` integer,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_uq` ON `notifications` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_status_due_idx` ON `notifications` (`status`,`not_before`);--> statement-breakpoint
CREATE INDEX `notifications_person_idx` ON `notifications` (`person_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `received_messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`message_id` text NOT NULL,
	`sender_external_id` text NOT NULL,
	`received_at` integer NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`reply` text,
	`handled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `received_messages_platform_msg_uq` ON `received_messages` (`platform`,`message_id`);--> statement-breakpoint
CREATE INDEX `received_messages_status_idx` ON `received_messages` (`status`);