/**
 * The ward map service: which boundaries are in use (the last uploaded, else the bundled ONS
 * boundaries when they fit the ward lookup), uploading new ones (checked, then kept, audited),
 * and the projected map every page draws.
 */
import { readFileSync } from 'node:fs';
import { audit } from '../accounts/audit.js';
import { Conflict } from '../errors.js';
import { storeName, type Store } from '../store/open.js';
import { ensureAreas } from './areas.js';
import { checkBoundaries, type WardBoundaries } from './boundaries.js';
import { maidstoneWards } from '../../surveys/areas/wards.js';
import { boundariesGeojson, insertBoundaries, latestBoundaries, type Ward, wardList } from './queries.js';
import type { BoundariesSummary, WardMap } from './schemas.js';
import { type ProjectedMap, projectWards } from './ward-map.js';

const BUNDLED_FILE = new URL('../../surveys/areas/maidstone-wards-2019.geojson', import.meta.url);
const BUNDLED_SOURCE = 'ONS Wards (December 2019) Boundaries EW BGC (bundled)';
export const BOUNDARIES_ATTRIBUTION =
  'Contains National Statistics data © Crown copyright and database right; contains OS data © Crown copyright and database right (Open Government Licence v3.0).';

interface InUse {
  /** Read when the map is first projected (projections are kept by `key`). */
  boundaries: () => Promise<WardBoundaries> | WardBoundaries;
  source: string;
  bundled: boolean;
  uploadedAt: string | null;
  key: string;
}

const projected = new Map<string, ProjectedMap>();
/** The bundled file checked against a ward lookup (by its codes), once: null when it does not fit. */
const bundledFor = new Map<string, WardBoundaries | null>();

function bundledBoundaries(wards: readonly Ward[]): WardBoundaries | null {
  const key = wards
    .map((w) => w.code)
    .sort()
    .join();
  if (!bundledFor.has(key)) {
    try {
      bundledFor.set(key, checkBoundaries(JSON.parse(readFileSync(BUNDLED_FILE, 'utf8')), wards));
    } catch {
      // The bundled boundaries are Maidstone's; another district's lookup needs its own upload.
      bundledFor.set(key, null);
    }
  }
  return bundledFor.get(key)!;
}

/** The boundaries maps use now, or null when none fit the ward lookup. */
async function inUse(store: Store): Promise<InUse | null> {
  const stored = await latestBoundaries(store.db);
  if (stored)
    return {
      boundaries: async () => (await boundariesGeojson(store.db, stored.id)) as WardBoundaries,
      source: stored.source,
      bundled: false,
      uploadedAt: stored.createdAt,
      key: `${storeName(store)}#${stored.id}`,
    };
  const boundaries = bundledBoundaries(await wardsOf(store));
  return boundaries && { boundaries: () => boundaries, source: BUNDLED_SOURCE, bundled: true, uploadedAt: null, key: 'bundled' };
}

/**
 * The wards maps are drawn for: the lookup in the store, or, before anything has filled it, the
 * bundled lookup ensureAreas would fill it with. Reading never writes: reports that draw maps run
 * on read-only connections (server/jobs/).
 */
async function wardsOf(store: Store): Promise<Ward[]> {
  const stored = await wardList(store.db);
  return stored.length ? stored : maidstoneWards();
}

export async function boundariesSummary(store: Store): Promise<BoundariesSummary> {
  const used = await inUse(store);
  const wards = (await wardsOf(store)).length;
  if (!used) return { available: false, source: null, bundled: false, uploadedAt: null, wards, attribution: null };
  return {
    available: true,
    source: used.source,
    bundled: used.bundled,
    uploadedAt: used.uploadedAt,
    wards,
    attribution: used.bundled ? BOUNDARIES_ATTRIBUTION : null,
  };
}

/** The projected ward map; 409 when no boundaries fit the ward lookup. */
export async function wardMap(store: Store): Promise<WardMap> {
  const used = await inUse(store);
  if (!used) throw new Conflict('No ward boundaries fit the ward lookup yet: upload the GeoJSON boundaries of your wards on the Data page.');
  const names = new Map((await wardsOf(store)).map((w) => [w.code, w.name]));
  let map = projected.get(used.key);
  if (!map) {
    map = projectWards(await used.boundaries(), names);
    projected.set(used.key, map);
  }
  return { ...map, source: used.source, attribution: used.bundled ? BOUNDARIES_ATTRIBUTION : null };
}

/** Checks uploaded boundaries against the lookup and keeps them (nothing kept if refused). */
export async function importBoundaries(
  store: Store,
  geojson: unknown,
  { fileName, officer }: { fileName?: string; officer?: { id: number } | null },
): Promise<BoundariesSummary> {
  await ensureAreas(store);
  const boundaries = checkBoundaries(geojson, await wardList(store.db));
  const source = fileName ? `uploaded as ${fileName}` : 'uploaded in the officer pages';
  await insertBoundaries(store.db, { geojson: boundaries, source, wards: boundaries.features.length, officerId: officer?.id ?? null });
  await audit(store, officer, 'boundaries.import', { file: fileName ?? null, wards: boundaries.features.length });
  return await boundariesSummary(store);
}
