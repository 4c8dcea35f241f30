/**
 * Ward boundaries projected once to SVG paths, so the browser and the committee report draw the
 * same map: each page colours the paths it is given, and nothing projects coordinates twice.
 *
 * Mercator fitted to the width is close enough to the Ordnance Survey's grid at a borough's size
 * (the scale varies by well under 1% across 30 km), and keeps north up.
 *
 * @example
 *   projectWards(boundaries, names).wards[0]
 *   // { code: 'E05004982', name: 'Allington', path: 'M214.3,96.1L…Z', labelAt: [230.5, 101.2] }
 */
import { geoMercator, geoPath } from 'd3-geo';
import type { WardBoundaries } from './boundaries.js';

/** The map's width in SVG units; its height follows the borough's shape. */
export const MAP_WIDTH = 600;
const PADDING = 8;

export interface ProjectedWard {
  code: string;
  name: string;
  /** SVG path data in the map's units. */
  path: string;
  /** Where a label or marker for the ward can go (its centroid on the map). */
  labelAt: [number, number];
}

export interface ProjectedMap {
  width: number;
  height: number;
  wards: ProjectedWard[];
}

export function projectWards(boundaries: WardBoundaries, names: ReadonlyMap<string, string>): ProjectedMap {
  const projection = geoMercator().fitWidth(MAP_WIDTH - 2 * PADDING, boundaries);
  const [[, top], [, bottom]] = geoPath(projection).bounds(boundaries);
  projection.translate([projection.translate()[0] + PADDING, projection.translate()[1] + PADDING - top]);
  const path = geoPath(projection).digits(1);
  const round = (v: number) => Math.round(v * 10) / 10;
  const wards = boundaries.features
    .map((f) => {
      const [x, y] = path.centroid(f);
      return {
        code: f.properties.code,
        name: names.get(f.properties.code) ?? f.properties.code,
        path: path(f) ?? '',
        labelAt: [round(x), round(y)] as [number, number],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return { width: MAP_WIDTH, height: Math.ceil(bottom - top + 2 * PADDING), wards };
}
