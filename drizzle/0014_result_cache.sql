CREATE TABLE `result_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`value` blob NOT NULL,
	`meta` text,
	`bytes` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `result_cache_created` ON `result_cache` (`created_at`);