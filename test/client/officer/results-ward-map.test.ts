/** The results page's ward map helpers: ward breakdowns found by code, tooltips, small bases flagged, the summary in words. */
import { describe, expect, it } from 'vitest';
import type { QuestionResults } from '../../../client/officer/pages/results/format.js';
import type { Estimate } from '../../../client/officer/pages/results/types.js';
import {
  CAUTION_LABEL,
  isWardBreakdown,
  mapCategory,
  wardEstimateText,
  wardMapSummary,
  wardMapTitle,
  wardMapValues,
} from '../../../client/officer/pages/results/ward-map.js';

function est(category: string, estimate: number | null, n: number, extra: Partial<Estimate> = {}): Estimate {
  return {
    question: 'safe_day',
    construct: 'safety.day',
    category,
    label: category === 'safe' ? 'Net: safe' : category,
    net: category === 'safe',
    group: null,
    n,
    nEffective: null,
    estimate,
    se: null,
    ci: estimate === null ? null : [estimate - 0.05, estimate + 0.05],
    suppressed: estimate === null,
    ...extra,
  };
}

const group = (value: string, label: string, rows: Estimate[]) => ({ variable: 'ward', value, label, rows });

const q: QuestionResults = {
  question: 'safe_day',
  construct: 'safety.day',
  title: 'How safe do you feel in the day?',
  overall: [est('very_safe', 0.4, 900), est('safe', 0.8, 900)],
  byGroup: [
    group('E1', 'Allington', [est('very_safe', 0.5, 250), est('safe', 0.9, 250)]),
    group('E2', 'Bearsted', [est('very_safe', 0.3, 60), est('safe', 0.7, 60)]),
    group('E3', 'Boxley', [est('very_safe', null, 12, { reason: 'Base of 12 is below 30.' }), est('safe', null, 12, { reason: 'Base of 12 is below 30.' })]),
    group('dont_know', 'Don’t know', [est('very_safe', 0.2, 40)]),
  ],
  comparisons: [],
  changes: [],
  associations: [],
};
const codes = new Set(['E1', 'E2', 'E3', 'E4']);
const names = new Map([
  ['E1', 'Allington'],
  ['E2', 'Bearsted'],
  ['E3', 'Boxley'],
]);

describe('isWardBreakdown', () => {
  it('is a ward breakdown when most groups are wards of the map, not otherwise', () => {
    expect(isWardBreakdown(q, codes)).toBe(true);
    expect(isWardBreakdown({ ...q, byGroup: [group('female', 'Female', []), group('male', 'Male', [])] }, codes)).toBe(false);
    expect(isWardBreakdown({ ...q, byGroup: [] }, codes)).toBe(false);
    // The ward question by ward: no map.
    expect(isWardBreakdown({ ...q, question: 'ward' }, codes)).toBe(false);
  });
});

describe('mapCategory', () => {
  it('is the answer picked if the question has it, else its first', () => {
    expect(mapCategory(q, 'safe')).toBe('safe');
    expect(mapCategory(q, undefined)).toBe('very_safe');
    expect(mapCategory(q, 'not_an_answer')).toBe('very_safe');
  });
});

describe('wardMapValues', () => {
  it('gives each ward its estimate and tooltip, suppressed wards no figure with the reason, small bases flagged', () => {
    const v = wardMapValues(q, 'very_safe', codes);
    expect([...v.keys()]).toEqual(['E1', 'E2', 'E3']);
    expect(v.get('E1')).toEqual({ value: 0.5, text: '50.0% (95% CI 45.0–55.0%), 250 replies', flagged: false });
    expect(v.get('E2')).toEqual({ value: 0.3, text: '30.0% (95% CI 25.0–35.0%), 60 replies', flagged: true });
    expect(v.get('E3')).toEqual({ value: null, text: 'no figure: Base of 12 is below 30.', flagged: false });
  });

  it('flags a base of 99 but not of 100', () => {
    const edge: QuestionResults = { ...q, byGroup: [group('E1', 'A', [est('safe', 0.5, 99)]), group('E2', 'B', [est('safe', 0.5, 100)])] };
    const v = wardMapValues(edge, 'safe', codes);
    expect([v.get('E1')?.flagged, v.get('E2')?.flagged]).toEqual([true, false]);
  });
});

describe('wardEstimateText', () => {
  it('says no figure when a ward has no row, and one reply in the singular', () => {
    expect(wardEstimateText(undefined)).toBe('no figure: no replies');
    expect(wardEstimateText(est('safe', 1, 1, { ci: null }))).toBe('100.0%, 1 reply');
  });
});

describe('wardMapTitle and wardMapSummary', () => {
  it('names the answer and sums the map up in words', () => {
    expect(wardMapTitle(q, 'safe')).toBe('Ward map of the weighted share answering “safe”: How safe do you feel in the day?');
    const v = wardMapValues(q, 'very_safe', codes);
    expect(wardMapSummary(q, 'very_safe', v, names)).toBe(
      'Darker wards have higher weighted estimates, lightest lowest. Highest: Allington (50.0%); lowest: Bearsted (30.0%). ' +
        `1 ward has no figure (too few replies to show). 1 ward is hatched: ${CAUTION_LABEL.toLowerCase()}. Every figure is in the table below.`,
    );
  });
});
