/** Answers → codes: the values a questionnaire stores may be numbers or strings; categories are strings. */
import { describe, expect, it } from 'vitest';
import { answeredMask, categoryCodes, optionIndicators, sumOfOptions } from '../../../analysis/report/codes.js';
import type { ReportQuestion } from '../../../analysis/report/types.js';

const question = (kind: 'single' | 'multi'): ReportQuestion => ({
  name: 'q',
  construct: 'test.q',
  kind,
  categories: [
    { value: '1', label: 'One' },
    { value: '2', label: 'Two' },
    { value: '9', label: "Don't know" },
  ],
  nets: [],
  excludeFromBase: ['9'],
});

describe('categoryCodes', () => {
  it('matches numeric and string answers to the same category, and leaves excluded or blank answers out', () => {
    const codes = categoryCodes([{ q: 1 }, { q: '2' }, { q: 9 }, {}, { q: 'other' }], question('single'));
    expect([...codes]).toEqual([0, 1, -1, -1, -1]);
  });
});

describe('optionIndicators', () => {
  it('counts numeric choice values of a multi-select question like their string categories', () => {
    const { ys, valid } = optionIndicators([{ q: [1, 2] }, { q: ['2'] }, { q: [] }, {}], question('multi'));
    expect([...valid]).toEqual([1, 1, 0, 0]);
    expect([...ys[0]]).toEqual([1, 0, 0, 0]);
    expect([...ys[1]]).toEqual([1, 1, 0, 0]);
    // Only base options get an indicator ("Don't know" is excluded from the base).
    expect(ys).toHaveLength(2);
  });
});

describe('answeredMask and sumOfOptions', () => {
  it('marks who has a category', () => {
    expect(Array.from(answeredMask(Int32Array.from([2, -1, 0, -1])))).toEqual([1, 0, 1, 0]);
  });

  it('adds the chosen options of a net per respondent', () => {
    const ys = [Float64Array.from([1, 0, 1]), Float64Array.from([0, 0, 1]), Float64Array.from([1, 1, 0])];
    expect(Array.from(sumOfOptions(ys, [0, 1]))).toEqual([1, 0, 2]);
    expect(Array.from(sumOfOptions(ys, [2]))).toEqual([1, 1, 0]);
  });
});
