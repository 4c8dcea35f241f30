/**
 * Ward boundaries checked against the ward lookup, rewound for d3-geo, and projected to the map
 * every page draws. The bundled ONS file is the fixture; its extent is read from the file here and
 * the Mercator height worked out by hand, so the projection is checked against arithmetic, not
 * against its own output.
 */
import { readFileSync } from 'node:fs';
import { geoArea } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { checkBoundaries } from '../../../server/areas/boundaries.js';
import { MAP_WIDTH, projectWards } from '../../../server/areas/ward-map.js';
import { HttpError } from '../../../server/errors.js';
import { maidstoneWards } from '../../../surveys/areas/wards.js';

const raw = () => JSON.parse(readFileSync(new URL('../../../surveys/areas/maidstone-wards-2019.geojson', import.meta.url), 'utf8'));
const wards = maidstoneWards();
const names = new Map(wards.map((w) => [w.code, w.name]));

function refusal(input: unknown): { status: number; message: string } {
  try {
    checkBoundaries(input, wards);
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error('not refused');
}

describe('checkBoundaries', () => {
  it('keeps the bundled ONS boundaries: one feature per ward of the lookup, its code as the only property', () => {
    const checked = checkBoundaries(raw(), wards);
    expect(checked.features.map((f) => f.properties.code).sort()).toEqual(wards.map((w) => w.code).sort());
    expect(checked.features.every((f) => Object.keys(f.properties).join() === 'code')).toBe(true);
  });

  it('rewinds RFC 7946 rings so d3-geo reads each ward as the small side of its ring', () => {
    // As published, d3 reads Allington as the whole sphere but the ward (4π sr less a little).
    const allington = raw().features.find((f: { properties: { wd19cd: string } }) => f.properties.wd19cd === 'E05004982');
    expect(geoArea(allington)).toBeGreaterThan(4 * Math.PI - 1e-4);
    const checked = checkBoundaries(raw(), wards).features.find((f) => f.properties.code === 'E05004982')!;
    // A ward of a few km² is about 1e-7 of the sphere (4π sr ≈ 510 million km²).
    const km2 = (geoArea(checked) * 510_065_622) / (4 * Math.PI);
    expect(km2).toBeGreaterThan(1);
    expect(km2).toBeLessThan(20);
    // Checking what was kept changes nothing (already in d3's order).
    expect(checkBoundaries(checkBoundaries(raw(), wards), wards)).toEqual(checkBoundaries(raw(), wards));
  });

  it('refuses what is not a FeatureCollection', () => {
    expect(refusal({ type: 'Feature' })).toEqual({
      status: 422,
      message: 'The file is not a GeoJSON FeatureCollection: export the ward boundaries as GeoJSON, one feature per ward.',
    });
  });

  it('names the missing ward', () => {
    const file = raw();
    file.features = file.features.filter((f: { properties: { wd19nm: string } }) => f.properties.wd19nm !== 'Allington');
    expect(refusal(file)).toEqual({ status: 422, message: 'The file has no boundary for 1 of the 26 wards: Allington.' });
  });

  it('names a feature of another area, and a ward given twice', () => {
    const foreign = raw();
    foreign.features.push({ ...foreign.features[0], properties: { wd19cd: 'E05000001', wd19nm: 'Somewhere else' } });
    expect(refusal(foreign).message).toBe("These features are not wards of the borough's lookup: E05000001. Remove them, or load the lookup they belong to.");
    const twice = raw();
    twice.features.push(twice.features[0]);
    expect(refusal(twice).message).toBe(
      'These wards appear in more than one feature: Allington. Give each ward one feature (a MultiPolygon if it has several parts).',
    );
  });

  it('says so when no feature carries a ward code of the lookup', () => {
    const file = raw();
    for (const f of file.features) f.properties = { name: f.properties.wd19nm };
    expect(refusal(file).message).toBe(
      "None of the features carries a ward code of the borough's lookup (such as E05004982 for Allington): check the file is the boundaries of these wards.",
    );
  });

  it('recognises British National Grid metres and asks for longitude/latitude', () => {
    const file = raw();
    file.features[0].geometry.coordinates[0][0] = file.features[0].geometry.coordinates[0][0].map(([x, y]: number[]) => [575_000 + x, 155_000 + y]);
    expect(refusal(file).message).toBe(
      'Feature 1 (Allington) has coordinates in metres (e.g. 575001, 155051), as British National Grid files do: save the boundaries as WGS84 longitude/latitude (EPSG:4326), as ONS also publishes them.',
    );
  });

  it('refuses points and lines, and rings too short to close', () => {
    const point = raw();
    point.features[0].geometry = { type: 'Point', coordinates: [0.5, 51.3] };
    expect(refusal(point).message).toBe('Feature 1 (Allington) is a Point: ward boundaries must be polygons (Polygon or MultiPolygon).');
    const short = raw();
    short.features[0].geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0.5, 51.3],
          [0.51, 51.3],
          [0.5, 51.3],
        ],
      ],
    };
    expect(refusal(short).message).toBe('Feature 1 (Allington) has a ring that is not a list of at least 4 [longitude, latitude] points.');
  });
});

describe('projectWards', () => {
  const map = projectWards(checkBoundaries(raw(), wards), names);

  it('draws every ward once, sorted by name, as SVG path data inside the map', () => {
    expect(map.wards.map((w) => w.name)).toEqual([...names.values()].sort((a, b) => a.localeCompare(b, 'en-GB')));
    expect(map.wards.every((w) => /^M[-\d.]+,[-\d.]+L/.test(w.path) && w.path.endsWith('Z'))).toBe(true);
    const numbers = map.wards.flatMap((w) => w.path.match(/-?\d+(\.\d+)?/g)!.map(Number));
    const xs = numbers.filter((_, i) => i % 2 === 0);
    const ys = numbers.filter((_, i) => i % 2 === 1);
    expect(Math.min(...xs)).toBeCloseTo(8, 0);
    expect(Math.max(...xs)).toBeCloseTo(MAP_WIDTH - 8, 0);
    expect(Math.min(...ys)).toBeCloseTo(8, 0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(map.height - 8 + 0.1);
  });

  it('has the height Mercator gives the borough at this width', () => {
    const points: number[][] = raw().features.flatMap((f: { geometry: { coordinates: number[][][][] } }) => f.geometry.coordinates.flat(2));
    const lon = points.map((p) => p[0]);
    const lat = points.map((p) => p[1]);
    const rad = Math.PI / 180;
    const mercator = (phi: number) => Math.log(Math.tan(Math.PI / 4 + (phi * rad) / 2));
    const scale = (MAP_WIDTH - 16) / ((Math.max(...lon) - Math.min(...lon)) * rad);
    const expected = Math.ceil(scale * (mercator(Math.max(...lat)) - mercator(Math.min(...lat))) + 16);
    expect(Math.abs(map.height - expected)).toBeLessThanOrEqual(1);
  });

  it('puts Allington (north-west of Maidstone town) in the upper left, Headcorn (the Weald) to the south', () => {
    const at = (name: string) => map.wards.find((w) => w.name === name)!.labelAt;
    const [ax, ay] = at('Allington');
    expect(ax).toBeLessThan(map.width / 2);
    expect(ay).toBeLessThan(map.height / 2);
    expect(at('Headcorn')[1]).toBeGreaterThan(map.height / 2);
  });
});
