ALTER TABLE `idempotency_keys` ADD `resource` text;--> statement-breakpoint
ALTER TABLE `received_messages` ADD `replied_at` integer;--> statement-breakpoint
-- custom: a pending claim (status 0) of the old middleware was committed apart from its work and never cleared; from now on status 0 means "work committed, response not yet stored", so the old ones are dropped.
DELETE FROM `idempotency_keys` WHERE `status_code` = 0;--> statement-breakpoint
-- custom: messages answered before this version count as replied, so they are not sent again at the first start.
UPDATE `received_messages` SET `replied_at` = `handled_at` WHERE `status` <> 'received';
