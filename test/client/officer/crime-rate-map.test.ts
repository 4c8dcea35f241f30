/** The recorded crime page's ward map helpers: tooltips, wards without a population as no figure, the summary in words. */
import { describe, expect, it } from 'vitest';
import type { CrimeRates } from '../../../client/officer/pages/crime/format.js';
import { rateBound, rateMapSummary, wardRateText, wardRateValues } from '../../../client/officer/pages/crime/rate-map.js';

const rates = {
  per: 1000,
  period: { from: '2019-01', to: '2019-03' },
  wards: [
    { wardCode: 'E1', ward: 'Allington', count: 42, population: 3100, rate: 13.5, ci: [9.9, 18.0] },
    { wardCode: 'E2', ward: 'Bearsted', count: 1, population: 1000, rate: 1, ci: [0.025, 5.57] },
    { wardCode: 'E3', ward: 'Boxley', count: 3, population: null, rate: null, ci: null },
  ],
} as unknown as CrimeRates;

describe('wardRateValues', () => {
  it('gives each ward its rate and tooltip by code, no population as no figure', () => {
    const v = wardRateValues(rates);
    expect(v.get('E1')).toEqual({ value: 13.5, text: '13.5 per 1,000 (95% CI 9.90–18.0), 42 crimes' });
    expect(v.get('E2')).toEqual({ value: 1, text: '1.00 per 1,000 (95% CI 0.03–5.57), 1 crime' });
    expect(v.get('E3')).toEqual({ value: null, text: 'no figure: no population figure for the ward (3 crimes)' });
    expect(wardRateText(rates.wards[0], 100_000)).toBe('13.5 per 100,000 (95% CI 9.90–18.0), 42 crimes');
  });

  it('writes legend bounds as rates', () => {
    expect(rateBound(1000)(30.12)).toBe('30.1 per 1,000');
  });
});

describe('rateMapSummary', () => {
  it('sums the map up in words', () => {
    expect(rateMapSummary(rates, 'burglary')).toBe(
      'Recorded burglary per 1,000 residents in each ward, January 2019 to March 2019: darker wards have higher rates. ' +
        'Highest: Allington (13.5); lowest: Bearsted (1.00). 1 ward has no figure (no population figure). Every figure is in the table below.',
    );
  });
});
