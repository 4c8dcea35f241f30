-- Counters the report cache is keyed by (server/jobs/queries.ts), bumped exactly as the SQLite store's triggers bump them
-- (drizzle/0002_data_versions.sql): one row-level trigger per table and change, with the scope as its argument
-- ('wave' = 'wave:<wave_id>' of the row). responses: not on an update of `weight` alone.
CREATE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	s text := TG_ARGV[0];
BEGIN
	IF s = 'wave' THEN
		IF TG_OP = 'DELETE' THEN
			s := 'wave:' || OLD."wave_id";
		ELSE
			s := 'wave:' || NEW."wave_id";
		END IF;
	END IF;
	INSERT INTO "data_versions" ("scope", "version") VALUES (s, 1) ON CONFLICT ("scope") DO UPDATE SET "version" = "data_versions"."version" + 1;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "responses_version_insert" AFTER INSERT ON "responses" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('wave');
--> statement-breakpoint
CREATE TRIGGER "responses_version_delete" AFTER DELETE ON "responses" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('wave');
--> statement-breakpoint
CREATE TRIGGER "responses_version_update" AFTER UPDATE OF "wave_id", "status", "answers", "survey_version", "synthetic", "design_weight" ON "responses" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('wave');
--> statement-breakpoint
CREATE TRIGGER "weighting_runs_version_insert" AFTER INSERT ON "weighting_runs" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('wave');
--> statement-breakpoint
CREATE TRIGGER "weighting_runs_version_update" AFTER UPDATE ON "weighting_runs" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('wave');
--> statement-breakpoint
CREATE TRIGGER "weighting_runs_version_delete" AFTER DELETE ON "weighting_runs" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('wave');
--> statement-breakpoint
CREATE TRIGGER "surveys_version_insert" AFTER INSERT ON "surveys" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('surveys');
--> statement-breakpoint
CREATE TRIGGER "surveys_version_update" AFTER UPDATE ON "surveys" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('surveys');
--> statement-breakpoint
CREATE TRIGGER "surveys_version_delete" AFTER DELETE ON "surveys" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('surveys');
--> statement-breakpoint
CREATE TRIGGER "waves_version_insert" AFTER INSERT ON "waves" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('surveys');
--> statement-breakpoint
CREATE TRIGGER "waves_version_update" AFTER UPDATE ON "waves" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('surveys');
--> statement-breakpoint
CREATE TRIGGER "waves_version_delete" AFTER DELETE ON "waves" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('surveys');
--> statement-breakpoint
CREATE TRIGGER "links_version_insert" AFTER INSERT ON "links" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('surveys');
--> statement-breakpoint
CREATE TRIGGER "links_version_update" AFTER UPDATE ON "links" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('surveys');
--> statement-breakpoint
CREATE TRIGGER "links_version_delete" AFTER DELETE ON "links" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('surveys');
--> statement-breakpoint
CREATE TRIGGER "crime_version_insert" AFTER INSERT ON "crime" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "crime_version_update" AFTER UPDATE ON "crime" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "crime_version_delete" AFTER DELETE ON "crime" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "population_version_insert" AFTER INSERT ON "population" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "population_version_update" AFTER UPDATE ON "population" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "population_version_delete" AFTER DELETE ON "population" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "areas_version_insert" AFTER INSERT ON "areas" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "areas_version_update" AFTER UPDATE ON "areas" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "areas_version_delete" AFTER DELETE ON "areas" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "lsoa_ward_version_insert" AFTER INSERT ON "lsoa_ward" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "lsoa_ward_version_update" AFTER UPDATE ON "lsoa_ward" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "lsoa_ward_version_delete" AFTER DELETE ON "lsoa_ward" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "boundaries_version_insert" AFTER INSERT ON "boundaries" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "boundaries_version_update" AFTER UPDATE ON "boundaries" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
--> statement-breakpoint
CREATE TRIGGER "boundaries_version_delete" AFTER DELETE ON "boundaries" FOR EACH ROW EXECUTE FUNCTION "bump_data_version"('crime');
