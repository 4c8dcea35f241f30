-- Population figures belong to the partnership of their ward (the queries' ofScopedAreas rule): a
-- connection working in a partnership reads and writes only its wards' figures, the default
-- partnership (1) also those of a code no partnership's wards hold. Recorded crime and the LSOA
-- lookup are the force's, imported once for every partnership, so they have no such rule.
ALTER TABLE "population" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "population" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "partnership" ON "population" USING (
  app_partnership() IS NULL
  OR CASE WHEN app_partnership() = 1
    THEN "area_code" NOT IN (SELECT "code" FROM "areas" WHERE "partnership_id" <> 1)
    ELSE "area_code" IN (SELECT "code" FROM "areas" WHERE "partnership_id" = app_partnership())
  END
);
