/**
 * ILLUSTRATIVE adult population by ward × sex × age band for the demo. These figures are MADE UP
 * (seeded, round-ish numbers of a plausible size); they are not ONS estimates. They are stored with
 * `illustrative = true` and every output that uses them says so. Load real mid-year estimates with
 * `population import` to replace them.
 */
import { maidstoneWards } from '../../surveys/areas/wards.js';
import { prng } from './synthetic-responses.js';

export const ILLUSTRATIVE_SOURCE = 'Illustrative figures made up for the demo (not ONS data)';
export const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'] as const;

// Rough shape of an English borough's adult age profile (shares sum to 1).
const AGE_SHARE = [0.1, 0.16, 0.16, 0.18, 0.16, 0.13, 0.11];

export interface PopulationCell {
  areaCode: string;
  sex: string;
  ageBand: string;
  count: number;
}

export function illustrativePopulation(seed = 19): PopulationCell[] {
  const r = prng(seed);
  const cells: PopulationCell[] = [];
  for (const ward of maidstoneWards()) {
    const adults = 3000 + Math.round(r.next() * 60) * 100; // 3,000–9,000 adults per ward
    const older = 0.8 + r.next() * 0.4; // some wards older, some younger
    const shares = AGE_SHARE.map((s, i) => s * (i >= 4 ? older : 2 - older));
    const total = shares.reduce((a, b) => a + b, 0);
    AGE_BANDS.forEach((ageBand, i) => {
      const band = (adults * shares[i]) / total;
      const femaleShare = 0.5 + (i >= 5 ? 0.04 * (i - 4) : 0.01); // more women among the oldest
      cells.push({ areaCode: ward.code, sex: 'female', ageBand, count: Math.round(band * femaleShare) });
      cells.push({ areaCode: ward.code, sex: 'male', ageBand, count: Math.round(band * (1 - femaleShare)) });
    });
  }
  return cells;
}
