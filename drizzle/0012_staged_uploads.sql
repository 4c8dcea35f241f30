CREATE TABLE `staged_upload_chunks` (
	`upload_id` text NOT NULL,
	`seq` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`upload_id`, `seq`),
	FOREIGN KEY (`upload_id`) REFERENCES `staged_uploads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `staged_uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`bytes` integer NOT NULL,
	`complete` integer DEFAULT false NOT NULL,
	`importing` integer DEFAULT false NOT NULL,
	`progress` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
