DROP INDEX `responses_idempotency_key_unique`;--> statement-breakpoint
ALTER TABLE `responses` ADD `public_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `responses_wave_key` ON `responses` (`wave_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `responses_public_id` ON `responses` (`public_id`);--> statement-breakpoint
UPDATE `responses` SET `public_id` = lower(hex(randomblob(16))) WHERE `public_id` IS NULL;
