CREATE TABLE `boundaries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`geojson` text NOT NULL,
	`source` text NOT NULL,
	`wards` integer NOT NULL,
	`officer_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
