/**
 * Puts the borough's wards and the LSOA → ward lookup into the `areas` and `lsoa_ward` tables,
 * from the bundled ONS lookup (surveys/areas/maidstone-lsoa11-ward19.csv), for the default
 * partnership when it has no wards yet (leaving out any ward or LSOA another partnership was given).
 * Safe to call before every import.
 *
 * 2011 and 2021 LSOA codes: the lookup holds 2011 codes. police.uk files use 2011 codes up to
 * 2022 and 2021 codes after; most 2021 LSOAs kept their 2011 code and match as they are. An LSOA
 * that was split or merged in 2021 got a new code, which is not in this lookup: its rows are not
 * counted in any ward, and the import report lists those codes (`unmappedInArea`) so that a 2021
 * lookup can be added. (A Maidstone LSOA21→ward lookup is not bundled yet.)
 */
import type { Store } from '../store/open.js';
import { loadLsoaWardLookup } from '../../surveys/areas/wards.js';
import { insertLookup, lsoaCount, lsoaWardMap, wardCount } from './queries.js';
import { DEFAULT_PARTNERSHIP, inPartnership } from '../store/partnership-scope.js';

export { WARD_KIND } from './queries.js';

export interface EnsureAreasResult {
  /** true when this call filled the tables; false when they already held a lookup */
  loaded: boolean;
  wards: number;
  lsoas: number;
}

export async function ensureAreas(store: Store): Promise<EnsureAreasResult> {
  const { db } = store;
  const wardsNow = await inPartnership(DEFAULT_PARTNERSHIP, () => wardCount(db));
  if (wardsNow > 0) return { loaded: false, wards: wardsNow, lsoas: await lsoaCount(db) };
  // The bundled lookup is the default partnership's; its rows another partnership was given stay theirs.
  const mapped = await lsoaWardMap(db);
  const taken = new Set(mapped.values());
  const lookup = loadLsoaWardLookup().filter((r) => !mapped.has(r.lsoaCode) && !taken.has(r.wardCode));
  const wards = new Map(lookup.map((r) => [r.wardCode, r.wardName]));
  await insertLookup(
    db,
    [...wards].map(([code, name]) => ({ code, name })),
    lookup,
    DEFAULT_PARTNERSHIP,
  );
  return { loaded: true, wards: wards.size, lsoas: lookup.length };
}

/** LSOA code → ward code, from the store. */
export async function lsoaToWard(store: Store): Promise<Map<string, string>> {
  return await lsoaWardMap(store.db);
}
