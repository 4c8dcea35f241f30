CREATE TABLE `password_resets` (
	`id` text PRIMARY KEY NOT NULL,
	`officer_id` integer NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`officer_id`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `officers` ADD `disabled_at` text;--> statement-breakpoint
ALTER TABLE `officers` ADD `last_sign_in_at` text;--> statement-breakpoint
ALTER TABLE `officers` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `officers` ADD `totp_pending_secret` text;--> statement-breakpoint
ALTER TABLE `officers` ADD `totp_last_step` integer;