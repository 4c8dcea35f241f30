CREATE TABLE `areas` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'ward' NOT NULL,
	`parent_code` text
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`officer_id` integer,
	`action` text NOT NULL,
	`detail` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `crime` (
	`month` text NOT NULL,
	`area_code` text NOT NULL,
	`crime_type` text NOT NULL,
	`count` integer NOT NULL,
	`source_file` text NOT NULL,
	PRIMARY KEY(`month`, `area_code`, `crime_type`)
);
--> statement-breakpoint
CREATE INDEX `crime_type_month` ON `crime` (`crime_type`,`month`);--> statement-breakpoint
CREATE TABLE `links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token` text NOT NULL,
	`wave_id` integer NOT NULL,
	`label` text NOT NULL,
	`kind` text DEFAULT 'school' NOT NULL,
	`expires_at` text,
	`max_responses` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`wave_id`) REFERENCES `waves`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_token_unique` ON `links` (`token`);--> statement-breakpoint
CREATE INDEX `links_wave` ON `links` (`wave_id`);--> statement-breakpoint
CREATE TABLE `lsoa_ward` (
	`lsoa_code` text PRIMARY KEY NOT NULL,
	`ward_code` text NOT NULL,
	FOREIGN KEY (`ward_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `officers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `officers_email_unique` ON `officers` (`email`);--> statement-breakpoint
CREATE TABLE `population` (
	`area_code` text NOT NULL,
	`sex` text DEFAULT '*' NOT NULL,
	`age_band` text DEFAULT '*' NOT NULL,
	`count` real NOT NULL,
	`source` text NOT NULL,
	`illustrative` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`area_code`, `sex`, `age_band`)
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`wave_id` integer NOT NULL,
	`link_id` integer,
	`status` text DEFAULT 'complete' NOT NULL,
	`answers` text NOT NULL,
	`survey_version` integer NOT NULL,
	`source` text DEFAULT 'web' NOT NULL,
	`synthetic` integer DEFAULT false NOT NULL,
	`idempotency_key` text,
	`design_weight` real DEFAULT 1 NOT NULL,
	`weight` real,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`wave_id`) REFERENCES `waves`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_idempotency_key_unique` ON `responses` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `responses_wave` ON `responses` (`wave_id`,`status`);--> statement-breakpoint
CREATE INDEX `responses_link` ON `responses` (`link_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`officer_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`officer_id`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`audience` text NOT NULL,
	`definition` text NOT NULL,
	`metadata` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_slug_unique` ON `surveys` (`slug`);--> statement-breakpoint
CREATE TABLE `waves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`opens_at` text,
	`closes_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waves_survey_name` ON `waves` (`survey_id`,`name`);--> statement-breakpoint
CREATE INDEX `waves_survey_status` ON `waves` (`survey_id`,`status`);--> statement-breakpoint
CREATE TABLE `weighting_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`wave_id` integer NOT NULL,
	`method` text NOT NULL,
	`margins` text NOT NULL,
	`diagnostics` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`wave_id`) REFERENCES `waves`(`id`) ON UPDATE no action ON DELETE no action
);
