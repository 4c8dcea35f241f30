/** The perception item's ward map in pure functions: classes, tooltips, small bases, model-based estimates (made-up figures). */
import { describe, expect, it } from 'vitest';
import { classOf } from '../../../client/officer/components/ward-map-classes';
import { isMismatch, itemMap, modelQuery, QUADRANT_CLASSES, quadrantTooltip, QUADRANTS } from '../../../client/officer/pages/perception/perception-map';
import type { PerceptionItem, WardEstimates, WardRow } from '../../../client/officer/pages/perception/types';

const row = (code: string, over: Partial<WardRow> = {}): WardRow => ({
  ward: `Ward ${code} (fictional)`,
  wardCode: code,
  worry: { estimate: 0.419, ci: [0.316, 0.53], n: 103, suppressed: false },
  crime: { count: 46, population: 3401, rate: 13.5254, ci: [9.902, 18.041] },
  worryVsBorough: { difference: -0.1422, rest: 0.5612, p: 0.011, pAdjusted: 0.0426, clear: true },
  crimeVsBorough: { ratio: 1.4913, restRate: 9.0696, ci: [1.08, 2.0], p: 0.0108, pAdjusted: 0.0141, clear: true, funnel: null },
  quadrant: 'low worry, high crime',
  marked: true,
  ...over,
});

const wards = [
  row('A'),
  row('B', { quadrant: 'high worry, high crime', worry: { estimate: 0.6, ci: [0.5, 0.7], n: 80, suppressed: false } }),
  row('C', { quadrant: null, worry: { estimate: null, ci: null, n: 12, suppressed: true, reason: 'Base of 12 is below 30.' } }),
];
const item = {
  question: 'worry_burglary',
  construct: 'worry.burglary',
  category: 'worried',
  label: 'Net: worried',
  crimeLabel: 'burglary',
  crimeTypes: ['Burglary'],
  per: 1000,
  wards,
} as unknown as PerceptionItem;

describe('quadrant classes', () => {
  it('hatch the two mismatch quadrants only, each class holding its own quadrant', () => {
    expect(QUADRANT_CLASSES.filter((c) => c.hatched).map((c) => c.label)).toEqual(['High worry, low crime (mismatch)', 'Low worry, high crime (mismatch)']);
    expect(QUADRANTS.filter(isMismatch)).toEqual(['high worry, low crime', 'low worry, high crime']);
    expect(classOf(QUADRANT_CLASSES, QUADRANTS.indexOf('low worry, low crime'))?.label).toBe('Low worry, low crime');
    expect(new Set(QUADRANT_CLASSES.map((c) => c.colour)).size).toBe(4);
  });
});

describe('the item map', () => {
  it('colours by quadrant with the figures in the tooltip, flagging bases under 100', () => {
    const m = itemMap(item, { quadrants: true, kind: 'direct' });
    expect(quadrantTooltip(item, wards[0])).toBe('worry 41.9% (CI 31.6–53.0%), crime 13.5 per 1,000 — low worry, high crime');
    expect(m.values.get('A')).toEqual({ value: 2, text: 'worry 41.9% (CI 31.6–53.0%), crime 13.5 per 1,000 — low worry, high crime', flagged: false });
    expect(m.values.get('B')?.flagged).toBe(true);
    expect(m.values.get('C')).toMatchObject({ value: null, flagged: true });
    expect(m.values.get('C')?.text).toBe('worry suppressed (Base of 12 is below 30.), crime 13.5 per 1,000 — no quadrant');
    expect(m.summary).toContain('high worry, high crime: 1; high worry, low crime: 0; low worry, high crime: 1; low worry, low crime: 0');
    expect(m.summary).toContain('2 wards have fewer than 100 replies');
  });

  it('shows worry only, and says why, when recorded crime does not cover the period', () => {
    const m = itemMap(item, { quadrants: false, kind: 'direct' });
    expect(m.classes.map((c) => c.label)).toEqual(['41.9% to under 60.0%', '60.0%']);
    expect(m.values.get('A')?.text).toBe('worry 41.9% (CI 31.6–53.0%) — no quadrant: recorded crime does not cover the period');
    expect(m.title).toBe('Map of the percentage who are worried about burglary, by ward (worry only)');
    expect(m.summary).toContain('No quadrants are shown: recorded crime does not cover the crime period');
  });

  it('colours by the model-based estimate when chosen, saying what it borrows', () => {
    const model = {
      covariateLabel: 'burglary per 1,000 residents, January 2019',
      fallback: null,
      wards: [
        { ward: 'A', name: 'A', n: 103, direct: 0.42, directSe: 0.05, model: 0.45, modelRmse: 0.034 },
        { ward: 'B', name: 'B', n: 80, direct: 0.6, directSe: 0.06, model: 0.55, modelRmse: 0.04 },
        { ward: 'C', name: 'C', n: 12, direct: null, directSe: null, model: null, modelRmse: null, reason: 'Base of 12 is below 30.' },
      ],
    } as unknown as WardEstimates;
    const m = itemMap(item, { quadrants: true, kind: 'model', model });
    expect(m.values.get('A')).toEqual({ value: 0.45, text: 'worry 45.0% model-based (RMSE 3.4 points), direct 42.0%, crime 13.5 per 1,000', flagged: false });
    expect(m.values.get('C')?.text).toBe('no model-based estimate (Base of 12 is below 30.)');
    expect(m.title).toBe('Map of the model-based estimate of the percentage who are worried about burglary, by ward');
    expect(m.summary).toContain('borrowing strength from burglary per 1,000 residents, January 2019');
    expect(itemMap(item, { quadrants: true, kind: 'model', model: { ...model, fallback: 'σ²u = 0.' } }).summary).toContain(
      'the model did not fit, so these are the direct estimates',
    );
  });
});

describe('the model query', () => {
  it('asks for the rate of the item’s crime: one type, all crime, or the linked types', () => {
    const period = { from: '2019-01', to: '2019-01' };
    expect(modelQuery(item, period)).toEqual({ ...period, question: 'worry_burglary', category: 'worried', covariate: 'crime-rate', crimeType: 'Burglary' });
    expect(
      modelQuery({ ...item, crimeTypes: ['Burglary', 'Drugs'], crimeLabel: 'crime of all types (not counting anti-social behaviour)' }, period).covariate,
    ).toBe('all-crime');
    expect(modelQuery({ ...item, crimeTypes: ['Robbery', 'Possession of weapons'], crimeLabel: 'robbery' }, period)).toEqual({
      ...period,
      question: 'worry_burglary',
      category: 'worried',
      covariate: 'crime-rate',
    });
  });
});
