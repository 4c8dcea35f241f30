CREATE TABLE `priority_assessments` (
	`year` text PRIMARY KEY NOT NULL,
	`weights` text NOT NULL,
	`updated_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `priority_scores` (
	`year` text NOT NULL,
	`theme` text NOT NULL,
	`criterion` text NOT NULL,
	`score` integer NOT NULL,
	`scored_by` integer,
	`scored_at` text NOT NULL,
	PRIMARY KEY(`year`, `theme`, `criterion`),
	FOREIGN KEY (`year`) REFERENCES `priority_assessments`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scored_by`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE no action
);
