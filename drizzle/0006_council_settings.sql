CREATE TABLE `council_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`council_name` text NOT NULL,
	`contact_email` text,
	`contact_phone` text,
	`postal_address` text,
	`dpo_contact` text,
	`logo` blob,
	`logo_type` text,
	`updated_at` text NOT NULL
);
