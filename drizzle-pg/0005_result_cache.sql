CREATE TABLE "result_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"value" "bytea" NOT NULL,
	"meta" json,
	"bytes" integer NOT NULL,
	"created_at" text DEFAULT (to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "result_cache_created" ON "result_cache" USING btree ("created_at");