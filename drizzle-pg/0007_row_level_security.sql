-- Row-level security: the second line behind the queries' own partnership checks. A connection
-- working in a partnership sets app.partnership (server/store/pg/open.ts opens one pool per
-- partnership with it set); one without it (the CLI, respondents, the queue runner, migrations)
-- sees every row. FORCE: the rule holds for the tables' owner too, unless it is a superuser.
CREATE FUNCTION "app_partnership"() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.partnership', true), '')::integer $$;
--> statement-breakpoint
ALTER TABLE "surveys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "surveys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "surveys" USING (app_partnership() IS NULL OR "partnership_id" = app_partnership());--> statement-breakpoint
-- Wards are public (ONS) names: any partnership reads them (a population figure or a crime count
-- belongs to the partnership of its ward, which the queries must be able to tell); only their
-- partnership changes them.
ALTER TABLE "areas" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "areas" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "read" ON "areas" FOR SELECT USING (true);--> statement-breakpoint
CREATE POLICY "partnership" ON "areas" USING (app_partnership() IS NULL OR "partnership_id" = app_partnership());--> statement-breakpoint
ALTER TABLE "boundaries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "boundaries" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "boundaries" USING (app_partnership() IS NULL OR "partnership_id" = app_partnership());--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "audit_log" USING (app_partnership() IS NULL OR "partnership_id" = app_partnership());--> statement-breakpoint
ALTER TABLE "queued_jobs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "queued_jobs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "queued_jobs" USING (app_partnership() IS NULL OR "partnership_id" = app_partnership());--> statement-breakpoint
ALTER TABLE "priority_assessments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "priority_assessments" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "priority_assessments" USING (app_partnership() IS NULL OR "partnership_id" = app_partnership());--> statement-breakpoint
ALTER TABLE "priority_scores" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "priority_scores" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "priority_scores" USING (app_partnership() IS NULL OR "partnership_id" = app_partnership());--> statement-breakpoint
ALTER TABLE "council_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "council_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "council_settings" USING (app_partnership() IS NULL OR "id" = app_partnership());--> statement-breakpoint
-- A survey's waves, links, replies and weighting runs: through the survey (whose own policy applies in the subquery).
ALTER TABLE "waves" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "waves" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "waves" USING (app_partnership() IS NULL OR "survey_id" IN (SELECT "id" FROM "surveys"));--> statement-breakpoint
ALTER TABLE "links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "links" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "links" USING (app_partnership() IS NULL OR "wave_id" IN (SELECT "id" FROM "waves"));--> statement-breakpoint
ALTER TABLE "responses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "responses" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "responses" USING (app_partnership() IS NULL OR "wave_id" IN (SELECT "id" FROM "waves"));--> statement-breakpoint
ALTER TABLE "weighting_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "weighting_runs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "weighting_runs" USING (app_partnership() IS NULL OR "wave_id" IN (SELECT "id" FROM "waves"));
