ALTER TABLE `responses` ADD `stratum` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `psu` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `fpc` real;