CREATE TABLE `queued_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`input` text NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`progress` text,
	`result` text,
	`error` text,
	`error_status` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`officer_id` integer,
	`runner` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`started_at` text,
	`heartbeat_at` text,
	`finished_at` text,
	FOREIGN KEY (`officer_id`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `queued_jobs_state_id` ON `queued_jobs` (`state`,`id`);