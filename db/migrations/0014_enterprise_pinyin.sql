ALTER TABLE `enterprises` ADD `pinyin` text;--> statement-breakpoint
CREATE INDEX `enterprises_pinyin_missing_idx` ON `enterprises` (`id`) WHERE "enterprises"."pinyin" is null;--> statement-breakpoint
-- A name, short name or alias changed by a statement that did not also write the pinyin (the importer,
-- any raw update): the stored pinyin no longer describes the names, so it is cleared and refilled.
CREATE TRIGGER `enterprises_pinyin_stale` AFTER UPDATE OF `name`, `short_name`, `aliases` ON `enterprises`
WHEN new.pinyin IS NOT NULL AND new.pinyin IS old.pinyin
  AND (new.name IS NOT old.name OR new.short_name IS NOT old.short_name OR new.aliases IS NOT old.aliases) BEGIN
  UPDATE enterprises SET pinyin = NULL WHERE id = new.id;
END;
