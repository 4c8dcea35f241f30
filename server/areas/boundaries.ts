/**
 * Ward boundaries for the maps: the file an officer uploads is checked against the ward lookup
 * before it is kept, so every map has exactly the borough's wards, each drawn once.
 *
 * The checks, each refused with what to do instead: a GeoJSON FeatureCollection; each feature a
 * Polygon or MultiPolygon in WGS84 longitude/latitude (a file in British National Grid metres is
 * named as such); each feature carries a ward code of the lookup in one of its properties (ONS
 * files call it WD19CD, WD23CD, …), no ward twice, no feature of another area, no ward missing.
 *
 * Rings are rewound for d3-geo, which reads a ring's order on the sphere (clockwise = inside):
 * RFC 7946 files (and ONS's) run the other way, and d3 would fill the whole globe but the ward.
 *
 * @example
 *   checkBoundaries(JSON.parse(text), [{ code: 'E05004982', name: 'Allington' }, …])
 *   // → { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'E05004982' }, geometry }] }
 */
import { geoArea } from 'd3-geo';
import { Unprocessable } from '../errors.js';
import type { Ward } from './queries.js';

export type Position = number[];
export type PolygonCoordinates = Position[][];

export interface WardFeature {
  type: 'Feature';
  properties: { code: string };
  geometry: { type: 'Polygon'; coordinates: PolygonCoordinates } | { type: 'MultiPolygon'; coordinates: PolygonCoordinates[] };
}

export interface WardBoundaries {
  type: 'FeatureCollection';
  features: WardFeature[];
}

/** Problems listed at most this many at a time, so a wrong file gets a readable refusal. */
const MAX_LISTED = 5;

const listed = (items: string[]) =>
  items.length > MAX_LISTED ? `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more` : items.join(', ');

function isPosition(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** What is wrong with a polygon's rings, or null; `where` names the feature in the message. */
function ringsProblem(rings: unknown, where: string): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return `${where} has a polygon with no rings.`;
  for (const ring of rings) {
    if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isPosition))
      return `${where} has a ring that is not a list of at least 4 [longitude, latitude] points.`;
    for (const [x, y] of ring as Position[]) {
      if (Math.abs(x) > 180 || Math.abs(y) > 90) {
        return Math.abs(x) > 1000 || Math.abs(y) > 1000
          ? `${where} has coordinates in metres (e.g. ${Math.round(x)}, ${Math.round(y)}), as British National Grid files do: save the boundaries as WGS84 longitude/latitude (EPSG:4326), as ONS also publishes them.`
          : `${where} has a point outside longitude −180 to 180, latitude −90 to 90 (${x}, ${y}).`;
      }
    }
  }
  return null;
}

/** The polygon with its rings in the order d3-geo reads as "inside is the small side". */
function rewound(rings: PolygonCoordinates): PolygonCoordinates {
  return geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings;
}

/** The boundaries as kept, or an Unprocessable that says what to fix. */
export function checkBoundaries(input: unknown, wards: readonly Ward[]): WardBoundaries {
  const collection = input as { type?: unknown; features?: unknown };
  if (typeof input !== 'object' || input === null || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new Unprocessable('The file is not a GeoJSON FeatureCollection: export the ward boundaries as GeoJSON, one feature per ward.');
  }
  if (wards.length === 0) throw new Unprocessable('No ward lookup is loaded yet, so the boundaries cannot be checked against the wards.');
  const known = new Map(wards.map((w) => [w.code, w.name]));
  const seen = new Map<string, number>();
  const strangers: string[] = [];
  const features: WardFeature[] = [];
  collection.features.forEach((raw: unknown, i: number) => {
    const f = raw as { type?: unknown; properties?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null };
    const where = `Feature ${i + 1}`;
    if (typeof raw !== 'object' || raw === null || f.type !== 'Feature') throw new Unprocessable(`${where} is not a GeoJSON Feature.`);
    const values = Object.values((f.properties as Record<string, unknown> | null) ?? {}).filter((v): v is string => typeof v === 'string');
    const code = values.find((v) => known.has(v));
    if (!code) {
      strangers.push(values.find((v) => /^[EWSN]\d{8}$/.test(v)) ?? `feature ${i + 1} (no ward code)`);
      return;
    }
    seen.set(code, (seen.get(code) ?? 0) + 1);
    const geometry = f.geometry;
    const named = `${where} (${known.get(code)})`;
    if (geometry?.type === 'Polygon') {
      const problem = ringsProblem(geometry.coordinates, named);
      if (problem) throw new Unprocessable(problem);
      features.push({ type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: rewound(geometry.coordinates as PolygonCoordinates) } });
    } else if (geometry?.type === 'MultiPolygon') {
      if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) throw new Unprocessable(`${named} is a MultiPolygon with no polygons.`);
      for (const polygon of geometry.coordinates) {
        const problem = ringsProblem(polygon, named);
        if (problem) throw new Unprocessable(problem);
      }
      const polygons = (geometry.coordinates as PolygonCoordinates[]).map(rewound);
      features.push({ type: 'Feature', properties: { code }, geometry: { type: 'MultiPolygon', coordinates: polygons } });
    } else {
      throw new Unprocessable(`${named} is a ${String(geometry?.type ?? 'missing geometry')}: ward boundaries must be polygons (Polygon or MultiPolygon).`);
    }
  });
  if (strangers.length) {
    throw new Unprocessable(
      features.length === 0
        ? `None of the features carries a ward code of the borough's lookup (such as ${wards[0].code} for ${wards[0].name}): check the file is the boundaries of these wards.`
        : `These features are not wards of the borough's lookup: ${listed(strangers)}. Remove them, or load the lookup they belong to.`,
    );
  }
  const twice = [...seen].filter(([, n]) => n > 1).map(([c]) => known.get(c)!);
  if (twice.length)
    throw new Unprocessable(
      `These wards appear in more than one feature: ${listed(twice)}. Give each ward one feature (a MultiPolygon if it has several parts).`,
    );
  const missing = wards.filter((w) => !seen.has(w.code)).map((w) => w.name);
  if (missing.length) throw new Unprocessable(`The file has no boundary for ${missing.length} of the ${wards.length} wards: ${listed(missing)}.`);
  return { type: 'FeatureCollection', features };
}
