ALTER TABLE `surveys` ADD `retention_months` integer;--> statement-breakpoint
ALTER TABLE `weighting_runs` ADD `weights` text;--> statement-breakpoint
ALTER TABLE `weighting_runs` ADD `restored_from` integer;