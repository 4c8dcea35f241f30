CREATE TABLE `officer_roles` (
	`officer_id` integer NOT NULL,
	`partnership_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`officer_id`, `partnership_id`),
	FOREIGN KEY (`officer_id`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `officer_roles_partnership` ON `officer_roles` (`partnership_id`);--> statement-breakpoint
CREATE TABLE `partnerships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partnerships_slug_unique` ON `partnerships` (`slug`);--> statement-breakpoint
CREATE TABLE `__new_priority_scores` (
	`year` text NOT NULL,
	`theme` text NOT NULL,
	`criterion` text NOT NULL,
	`score` integer NOT NULL,
	`scored_by` integer,
	`scored_at` text NOT NULL,
	`partnership_id` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`partnership_id`, `year`, `theme`, `criterion`),
	FOREIGN KEY (`scored_by`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_priority_scores`("year", "theme", "criterion", "score", "scored_by", "scored_at", "partnership_id") SELECT "year", "theme", "criterion", "score", "scored_by", "scored_at", 1 FROM `priority_scores`;--> statement-breakpoint
DROP TABLE `priority_scores`;--> statement-breakpoint
ALTER TABLE `__new_priority_scores` RENAME TO `priority_scores`;--> statement-breakpoint
CREATE TABLE `__new_priority_assessments` (
	`year` text NOT NULL,
	`weights` text NOT NULL,
	`updated_by` integer,
	`updated_at` text NOT NULL,
	`partnership_id` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`partnership_id`, `year`),
	FOREIGN KEY (`updated_by`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_priority_assessments`("year", "weights", "updated_by", "updated_at", "partnership_id") SELECT "year", "weights", "updated_by", "updated_at", 1 FROM `priority_assessments`;--> statement-breakpoint
DROP TABLE `priority_assessments`;--> statement-breakpoint
ALTER TABLE `__new_priority_assessments` RENAME TO `priority_assessments`;--> statement-breakpoint
ALTER TABLE `areas` ADD `partnership_id` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `partnership_id` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `boundaries` ADD `partnership_id` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `officers` ADD `county_reader` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `queued_jobs` ADD `partnership_id` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `partnership_id` integer;--> statement-breakpoint
ALTER TABLE `surveys` ADD `partnership_id` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Everything stored so far belongs to the first partnership, named as the council is.
INSERT INTO `partnerships` (`id`, `slug`, `name`) VALUES (1, 'default', coalesce((SELECT `council_name` FROM `council_settings` WHERE `id` = 1), 'Our partnership'));--> statement-breakpoint
INSERT INTO `officer_roles` (`officer_id`, `partnership_id`, `role`) SELECT `id`, 1, `role` FROM `officers`;
