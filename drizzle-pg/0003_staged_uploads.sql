CREATE TABLE "staged_upload_chunks" (
	"upload_id" text NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "staged_upload_chunks_upload_id_seq_pk" PRIMARY KEY("upload_id","seq")
);
--> statement-breakpoint
CREATE TABLE "staged_uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"bytes" bigint NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"importing" boolean DEFAULT false NOT NULL,
	"progress" json,
	"created_at" text DEFAULT (to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staged_upload_chunks" ADD CONSTRAINT "staged_upload_chunks_upload_id_staged_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."staged_uploads"("id") ON DELETE cascade ON UPDATE no action;