/**
 * Every read and write of areas in the store: the wards, the LSOA → ward lookup and the
 * population figures. Shared lookups (the list of wards, whether the population is illustrative)
 * live here so the crime reports, the Data page and the demo ask the same question the same way.
 * Nothing here decides anything.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import { areas, boundaries, lsoaWard, population } from '../store/schema.js';
import { ready } from '../store/transaction.js';

export const WARD_KIND = 'ward';

export interface Ward {
  code: string;
  name: string;
}

export interface PopulationCell {
  areaCode: string;
  sex: string;
  ageBand: string;
  count: number;
  source: string;
  illustrative: boolean;
}

const INSERT_BATCH = 500;

/** How many LSOAs the lookup holds (0 before ensureAreas has filled it). */
export async function lsoaCount(db: Db): Promise<number> {
  await ready(db);
  return db.select({ n: sql<number>`count(*)` }).from(lsoaWard).get()!.n;
}

/** How many wards the areas table holds. */
export async function wardCount(db: Db): Promise<number> {
  await ready(db);
  return db.select({ n: sql<number>`count(*)` }).from(areas).where(eq(areas.kind, WARD_KIND)).get()!.n;
}

/** Adds the wards (keeping any already there) and the LSOA → ward lookup, in one transaction. */
export async function insertLookup(db: Db, wards: readonly Ward[], lookup: readonly { lsoaCode: string; wardCode: string }[]): Promise<void> {
  await ready(db);
  db.transaction((tx) => {
    // Wards may already be there (e.g. added by the demo loader): keep them.
    tx.insert(areas)
      .values(wards.map((w) => ({ code: w.code, name: w.name, kind: WARD_KIND })))
      .onConflictDoNothing()
      .run();
    tx.insert(lsoaWard)
      .values(lookup.map((r) => ({ lsoaCode: r.lsoaCode, wardCode: r.wardCode })))
      .run();
  });
}

/** LSOA code → ward code. */
export async function lsoaWardMap(db: Db): Promise<Map<string, string>> {
  await ready(db);
  return new Map(
    db
      .select()
      .from(lsoaWard)
      .all()
      .map((r) => [r.lsoaCode, r.wardCode]),
  );
}

/** The wards, by name. */
export async function wardList(db: Db): Promise<Ward[]> {
  await ready(db);
  return db.select({ code: areas.code, name: areas.name }).from(areas).where(eq(areas.kind, WARD_KIND)).orderBy(areas.name).all();
}

/** One ward by its code, or undefined. */
export async function wardByCode(db: Db, code: string): Promise<Ward | undefined> {
  await ready(db);
  return db
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(and(eq(areas.code, code), eq(areas.kind, WARD_KIND)))
    .get();
}

/** The codes of every area (of any kind). */
export async function areaCodes(db: Db): Promise<Set<string>> {
  await ready(db);
  return new Set(
    db
      .select({ code: areas.code })
      .from(areas)
      .all()
      .map((a) => a.code),
  );
}

/** Every population cell (ward × sex × age band, and any '*' totals). */
export async function populationCells(db: Db) {
  await ready(db);
  return db.select().from(population).all();
}

/** Whether any population figure stored is illustrative (made up, e.g. the demo's). */
export async function populationIsIllustrative(db: Db): Promise<boolean> {
  await ready(db);
  return db.select({ n: population.count }).from(population).where(eq(population.illustrative, true)).limit(1).get() !== undefined;
}

/** Counts over the population table: cells, areas, whether any is illustrative, cells by sex × age band. */
export async function populationStats(db: Db): Promise<{ cells: number; areas: number; illustrative: boolean; bySexAge: number }> {
  await ready(db);
  const s = db
    .select({
      cells: sql<number>`count(*)`,
      areas: sql<number>`count(distinct ${population.areaCode})`,
      illustrative: sql<number>`coalesce(max(${population.illustrative}), 0)`,
      bySexAge: sql<number>`coalesce(sum(case when ${population.sex} <> '*' and ${population.ageBand} <> '*' then 1 else 0 end), 0)`,
    })
    .from(population)
    .get()!;
  return { cells: Number(s.cells), areas: Number(s.areas), illustrative: Number(s.illustrative) > 0, bySexAge: Number(s.bySexAge) };
}

/** The distinct sources of the population figures, sorted. */
export async function populationSources(db: Db): Promise<string[]> {
  await ready(db);
  return db
    .selectDistinct({ s: population.source })
    .from(population)
    .orderBy(population.source)
    .all()
    .map((r) => r.s);
}

/** Adds population cells (batched), inside the caller's transaction if there is one. */
export async function insertPopulation(db: Db, rows: readonly PopulationCell[]): Promise<void> {
  await ready(db);
  insertPopulationNow(db, rows);
}

function insertPopulationNow(db: Pick<Db, 'insert'>, rows: readonly PopulationCell[]): void {
  for (let i = 0; i < rows.length; i += INSERT_BATCH)
    db.insert(population)
      .values(rows.slice(i, i + INSERT_BATCH))
      .run();
}

/** Replaces every population figure with `rows`, in one transaction. */
export async function replacePopulationRows(db: Db, rows: readonly PopulationCell[]): Promise<void> {
  await ready(db);
  db.transaction((tx) => {
    tx.delete(population).run();
    insertPopulationNow(tx, rows);
  });
}

export interface StoredBoundaries {
  id: number;
  geojson: unknown;
  source: string;
  wards: number;
  officerId: number | null;
  createdAt: string;
}

/** The boundaries uploaded last, if any, without the GeoJSON itself (read it with boundariesGeojson). */
export async function latestBoundaries(db: Db): Promise<Omit<StoredBoundaries, 'geojson'> | undefined> {
  await ready(db);
  return db
    .select({ id: boundaries.id, source: boundaries.source, wards: boundaries.wards, officerId: boundaries.officerId, createdAt: boundaries.createdAt })
    .from(boundaries)
    .orderBy(sql`${boundaries.id} desc`)
    .limit(1)
    .get();
}

/** The GeoJSON of stored boundaries (up to a few MB: read only when a map is projected). */
export async function boundariesGeojson(db: Db, id: number): Promise<unknown> {
  await ready(db);
  return db.select({ geojson: boundaries.geojson }).from(boundaries).where(eq(boundaries.id, id)).get()?.geojson;
}

/** Keeps checked boundaries as the ones maps are drawn from. */
export async function insertBoundaries(db: Db, row: { geojson: unknown; source: string; wards: number; officerId: number | null }): Promise<StoredBoundaries> {
  await ready(db);
  return db.insert(boundaries).values(row).returning().get();
}
