/**
 * Every read and write of areas in the store: the wards, the LSOA → ward lookup and the
 * population figures. Shared lookups (the list of wards, whether the population is illustrative)
 * live here so the crime reports, the Data page and the demo ask the same question the same way.
 * Nothing here decides anything.
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { DEFAULT_PARTNERSHIP, ofScope, ofScopedAreas, owningPartnership } from '../store/partnership-scope.js';
import type { Db } from '../store/open.js';
import { inTransaction, use } from '../store/transaction.js';
import { tablesOf } from '../store/dialect.js';

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

/** A condition keeping population rows to the caller's partnership's wards; undefined outside one. */
function populationInScope(db: Db): SQL | undefined {
  return ofScopedAreas(tablesOf(db).population.areaCode);
}

/** How many LSOAs the lookup holds (0 before ensureAreas has filled it). */
export async function lsoaCount(db: Db): Promise<number> {
  db = await use(db);
  const { lsoaWard } = tablesOf(db);
  return (await db.select({ n: sql<number>`count(*)` }).from(lsoaWard))[0]!.n;
}

/** How many wards the areas table holds (the caller's partnership's). */
export async function wardCount(db: Db): Promise<number> {
  db = await use(db);
  const { areas } = tablesOf(db);
  return Number(
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from(areas)
        .where(and(eq(areas.kind, WARD_KIND), ofScope(areas.partnershipId)))
    )[0]!.n,
  );
}

/** Adds the wards of a partnership (keeping any already there) and the LSOA → ward lookup, in one transaction. */
export async function insertLookup(
  db: Db,
  wards: readonly Ward[],
  lookup: readonly { lsoaCode: string; wardCode: string }[],
  partnershipId: number = DEFAULT_PARTNERSHIP,
): Promise<void> {
  db = await use(db);
  const { areas, lsoaWard } = tablesOf(db);
  await inTransaction(db, async () => {
    const tx = await use(db);
    // Wards may already be there (e.g. added by the demo loader): keep them.
    if (wards.length)
      await tx
        .insert(areas)
        .values(wards.map((w) => ({ code: w.code, name: w.name, kind: WARD_KIND, partnershipId })))
        .onConflictDoNothing();
    for (let i = 0; i < lookup.length; i += INSERT_BATCH)
      await tx.insert(lsoaWard).values(lookup.slice(i, i + INSERT_BATCH).map((r) => ({ lsoaCode: r.lsoaCode, wardCode: r.wardCode })));
  });
}

/** LSOA code → ward code, for every partnership (recorded crime is imported once for the whole force). */
export async function lsoaWardMap(db: Db): Promise<Map<string, string>> {
  db = await use(db);
  const { lsoaWard } = tablesOf(db);
  return new Map((await db.select().from(lsoaWard)).map((r) => [r.lsoaCode, r.wardCode]));
}

/** The wards, by name. */
export async function wardList(db: Db): Promise<Ward[]> {
  db = await use(db);
  const { areas } = tablesOf(db);
  return await db
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(and(eq(areas.kind, WARD_KIND), ofScope(areas.partnershipId)))
    .orderBy(areas.name);
}

/** One ward by its code, or undefined. */
export async function wardByCode(db: Db, code: string): Promise<Ward | undefined> {
  db = await use(db);
  const { areas } = tablesOf(db);
  return (
    await db
      .select({ code: areas.code, name: areas.name })
      .from(areas)
      .where(and(eq(areas.code, code), eq(areas.kind, WARD_KIND), ofScope(areas.partnershipId)))
  )[0];
}

/** The codes of every area (of any kind). */
export async function areaCodes(db: Db): Promise<Set<string>> {
  db = await use(db);
  const { areas } = tablesOf(db);
  return new Set((await db.select({ code: areas.code }).from(areas).where(ofScope(areas.partnershipId))).map((a) => a.code));
}

/** Every population cell (ward × sex × age band, and any '*' totals). */
export async function populationCells(db: Db) {
  db = await use(db);
  const { population } = tablesOf(db);
  return await db.select().from(population).where(populationInScope(db));
}

/** Whether any population figure stored is illustrative (made up, e.g. the demo's). */
export async function populationIsIllustrative(db: Db): Promise<boolean> {
  db = await use(db);
  const { population } = tablesOf(db);
  return (
    (
      await db
        .select({ n: population.count })
        .from(population)
        .where(and(eq(population.illustrative, true), populationInScope(db)))
        .limit(1)
    )[0] !== undefined
  );
}

/** Counts over the population table: cells, areas, whether any is illustrative, cells by sex × age band. */
export async function populationStats(db: Db): Promise<{ cells: number; areas: number; illustrative: boolean; bySexAge: number }> {
  db = await use(db);
  const { population } = tablesOf(db);
  const s = (
    await db
      .select({
        cells: sql<number>`count(*)`,
        areas: sql<number>`count(distinct ${population.areaCode})`,
        illustrative: sql<number>`coalesce(max(case when ${population.illustrative} then 1 else 0 end), 0)`,
        bySexAge: sql<number>`coalesce(sum(case when ${population.sex} <> '*' and ${population.ageBand} <> '*' then 1 else 0 end), 0)`,
      })
      .from(population)
      .where(populationInScope(db))
  )[0]!;
  return { cells: Number(s.cells), areas: Number(s.areas), illustrative: Number(s.illustrative) > 0, bySexAge: Number(s.bySexAge) };
}

/** The distinct sources of the population figures, sorted. */
export async function populationSources(db: Db): Promise<string[]> {
  db = await use(db);
  const { population } = tablesOf(db);
  return (await db.selectDistinct({ s: population.source }).from(population).where(populationInScope(db)).orderBy(population.source)).map((r) => r.s);
}

/** Adds population cells (batched), inside the caller's transaction if there is one. */
export async function insertPopulation(db: Db, rows: readonly PopulationCell[]): Promise<void> {
  db = await use(db);
  await insertPopulationNow(db, rows);
}

async function insertPopulationNow(db: Db, rows: readonly PopulationCell[]): Promise<void> {
  const { population } = tablesOf(db);
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await db.insert(population).values(rows.slice(i, i + INSERT_BATCH));
}

/** Replaces every population figure (of the caller's partnership's wards) with `rows`, in one transaction. */
export async function replacePopulationRows(db: Db, rows: readonly PopulationCell[]): Promise<void> {
  await inTransaction(db, async () => {
    const tx = await use(db);
    await tx.delete(tablesOf(tx).population).where(populationInScope(tx));
    await insertPopulationNow(tx, rows);
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
  db = await use(db);
  const { boundaries } = tablesOf(db);
  return (
    await db
      .select({ id: boundaries.id, source: boundaries.source, wards: boundaries.wards, officerId: boundaries.officerId, createdAt: boundaries.createdAt })
      .from(boundaries)
      .where(ofScope(boundaries.partnershipId))
      .orderBy(sql`${boundaries.id} desc`)
      .limit(1)
  )[0];
}

/** The GeoJSON of stored boundaries (up to a few MB: read only when a map is projected). */
export async function boundariesGeojson(db: Db, id: number): Promise<unknown> {
  db = await use(db);
  const { boundaries } = tablesOf(db);
  return (
    await db
      .select({ geojson: boundaries.geojson })
      .from(boundaries)
      .where(and(eq(boundaries.id, id), ofScope(boundaries.partnershipId)))
  )[0]?.geojson;
}

/** Keeps checked boundaries as the ones maps are drawn from. */
export async function insertBoundaries(db: Db, row: { geojson: unknown; source: string; wards: number; officerId: number | null }): Promise<StoredBoundaries> {
  db = await use(db);
  const { boundaries } = tablesOf(db);
  return (
    await db
      .insert(boundaries)
      .values({ ...row, partnershipId: owningPartnership() })
      .returning()
  )[0];
}

/** Which of `codes` are areas already, and whose: code → partnership id. */
export async function areaOwners(db: Db, codes: readonly string[]): Promise<Map<string, number>> {
  db = await use(db);
  const { areas } = tablesOf(db);
  if (!codes.length) return new Map();
  return new Map(
    (
      await db
        .select({ code: areas.code, id: areas.partnershipId })
        .from(areas)
        .where(inArray(areas.code, [...codes]))
    ).map((r) => [r.code, r.id]),
  );
}
