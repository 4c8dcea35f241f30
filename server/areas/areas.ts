/**
 * Puts the borough's wards and the LSOA → ward lookup into the `areas` and `lsoa_ward` tables,
 * from the bundled ONS lookup (surveys/areas/maidstone-lsoa11-ward19.csv), when the lookup table
 * is still empty. Safe to call before every import.
 *
 * 2011 and 2021 LSOA codes: the lookup holds 2011 codes. police.uk files use 2011 codes up to
 * 2022 and 2021 codes after; most 2021 LSOAs kept their 2011 code and match as they are. An LSOA
 * that was split or merged in 2021 got a new code, which is not in this lookup: its rows are not
 * counted in any ward, and the import report lists those codes (`unmappedInArea`) so that a 2021
 * lookup can be added. (A Maidstone LSOA21→ward lookup is not bundled yet.)
 */
import { sql } from 'drizzle-orm';
import type { Store } from '../store/open.js';
import { areas, lsoaWard } from '../store/schema.js';
import { loadLsoaWardLookup } from '../../surveys/areas/wards.js';

export const WARD_KIND = 'ward';

export interface EnsureAreasResult {
  /** true when this call filled the tables; false when they already held a lookup */
  loaded: boolean;
  wards: number;
  lsoas: number;
}

export function ensureAreas(store: Store): EnsureAreasResult {
  const { db } = store;
  const count = () => db.select({ n: sql<number>`count(*)` }).from(lsoaWard).get()!.n;
  if (count() > 0) {
    const wards = db.select({ n: sql<number>`count(*)` }).from(areas).where(sql`${areas.kind} = ${WARD_KIND}`).get()!.n;
    return { loaded: false, wards, lsoas: count() };
  }
  const lookup = loadLsoaWardLookup();
  const wards = new Map(lookup.map((r) => [r.wardCode, r.wardName]));
  db.transaction((tx) => {
    // Wards may already be there (e.g. added by the demo loader): keep them.
    tx.insert(areas)
      .values([...wards].map(([code, name]) => ({ code, name, kind: WARD_KIND })))
      .onConflictDoNothing()
      .run();
    tx.insert(lsoaWard)
      .values(lookup.map((r) => ({ lsoaCode: r.lsoaCode, wardCode: r.wardCode })))
      .run();
  });
  return { loaded: true, wards: wards.size, lsoas: lookup.length };
}

/** LSOA code → ward code, from the store. */
export function lsoaToWard(store: Store): Map<string, string> {
  return new Map(
    store.db
      .select()
      .from(lsoaWard)
      .all()
      .map((r) => [r.lsoaCode, r.wardCode]),
  );
}
