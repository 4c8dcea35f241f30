-- A second counter per wave, 'rows:<wave_id>', bumped as the SQLite store's (drizzle/0016_rewritten_rows.sql):
-- by every change to what a wave's analysis reads except a new response (a response erased or changed,
-- or a weighting run), so a wave read for analysis can be brought up to date by reading only the
-- responses added since (server/reports/wave-columns.ts).
CREATE OR REPLACE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	s text := TG_ARGV[0];
BEGIN
	IF s = 'wave' OR s = 'rows' THEN
		IF TG_OP = 'DELETE' THEN
			s := s || ':' || OLD."wave_id";
		ELSE
			s := s || ':' || NEW."wave_id";
		END IF;
	END IF;
	INSERT INTO "data_versions" ("scope", "version") VALUES (s, 1) ON CONFLICT ("scope") DO UPDATE SET "version" = "data_versions"."version" + 1;
	-- A response moved to another wave changes both (OLD is read only for responses: other tables have no wave).
	IF TG_ARGV[0] = 'rows' AND TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'responses' THEN
		IF OLD."wave_id" IS DISTINCT FROM NEW."wave_id" THEN
			INSERT INTO "data_versions" ("scope", "version") VALUES ('rows:' || OLD."wave_id", 1) ON CONFLICT ("scope") DO UPDATE SET "version" = "data_versions"."version" + 1;
		END IF;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "responses_rows_delete" AFTER DELETE ON "responses" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('rows');
--> statement-breakpoint
CREATE TRIGGER "responses_rows_update" AFTER UPDATE OF "wave_id", "status", "answers", "survey_version", "synthetic", "design_weight" ON "responses" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('rows');
--> statement-breakpoint
CREATE TRIGGER "weighting_runs_rows_insert" AFTER INSERT ON "weighting_runs" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('rows');
--> statement-breakpoint
CREATE TRIGGER "weighting_runs_rows_update" AFTER UPDATE ON "weighting_runs" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('rows');
--> statement-breakpoint
CREATE TRIGGER "weighting_runs_rows_delete" AFTER DELETE ON "weighting_runs" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('rows');
