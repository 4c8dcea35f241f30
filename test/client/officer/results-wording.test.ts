/**
 * The results page's sentences about groups: each says which test it comes from, a comparison with
 * the rest of the sample (b '_rest') reads as such, and when the test across all the groups and the
 * comparisons of groups disagree, both are said. The figures are made up for the tests.
 */
import { describe, expect, it } from 'vitest';
import { associationSentence, differenceSentence, reconcileSentence } from '../../../client/officer/pages/results/format';
import type { Association, Comparison } from '../../../client/officer/pages/results/types';

const labels = new Map([
  ['female', 'Female'],
  ['male', 'Male'],
  ['75+', 'Aged 75+'],
]);

function comparison(over: Partial<Comparison>): Comparison {
  return {
    question: 'safe_home',
    category: 'very_safe',
    variable: 'sex',
    against: 'group',
    a: 'female',
    b: 'male',
    estimateA: 0.42,
    estimateB: 0.565,
    difference: -0.145,
    se: 0.03,
    t: -4.8,
    p: 0.00001,
    pAdjusted: 0.00004,
    significant: true,
    suppressed: false,
    ...over,
  };
}

function association(over: Partial<Association>): Association {
  return { question: 'safe_home', variable: 'sex', F: 1.23, ndf: 2.9, ddf: 2187.4, p: 0.29, pAdjusted: 0.312, significant: false, n: 2200, ...over };
}

describe('differences between groups in words', () => {
  it('names the test of a pair of groups and gives both figures', () => {
    expect(differenceSentence(comparison({}), labels, 'Very safe')).toBe(
      'Comparing pairs of groups (Benjamini–Hochberg adjusted): Female respondents are less likely than Male respondents to say “Very safe” (42.0% vs 56.5%).',
    );
  });

  it('reads a comparison with the rest of the sample as such, higher or lower', () => {
    const higher = comparison({ a: '75+', b: '_rest', estimateA: 0.61, estimateB: 0.48, difference: 0.13 });
    expect(differenceSentence(higher, labels, 'Net: safe')).toBe(
      'Comparing each group with the rest of the sample (Benjamini–Hochberg adjusted): The share of Aged 75+ respondents saying “safe” is higher than the rest of the sample (61.0% vs 48.0%).',
    );
    const lower = comparison({ b: '_rest', estimateA: 0.3, estimateB: 0.41, difference: -0.11 });
    expect(differenceSentence(lower, labels, 'Very safe')).toMatch(
      /Female respondents saying “Very safe” is lower than the rest of the sample \(30\.0% vs 41\.0%\)\.$/,
    );
  });

  it('says nothing of a comparison that is not significant or has no figures', () => {
    expect(differenceSentence(comparison({ significant: false }), labels, 'Very safe')).toBeNull();
    expect(differenceSentence(comparison({ estimateB: null, difference: null }), labels, 'Very safe')).toBeNull();
  });
});

describe('the test across all the groups in words', () => {
  it('names the Rao–Scott test and never says "no significant difference"', () => {
    const not = associationSentence(association({}));
    expect(not).toBe(
      'Rao–Scott test of association across the groups (sex): no significant association between the answers and sex taken as a whole (F = 1.23 on 2.9 and 2,187 degrees of freedom, adjusted p = 0.312; not significant).',
    );
    expect(not).not.toMatch(/no significant difference/i);
    expect(associationSentence(association({ F: 9.87, p: 0.00001, pAdjusted: 0.00002, significant: true }))).toBe(
      'Rao–Scott test of association across the groups (sex): answers differ by sex; the pattern of answers is not the same in every group (F = 9.87 on 2.9 and 2,187 degrees of freedom, adjusted p < 0.001; significant).',
    );
    expect(associationSentence(association({ variable: 'age_band', F: null, p: null, reason: 'Fewer than two groups with answers.' }))).toBe(
      'Rao–Scott test of association across the groups (age band): could not be run: Fewer than two groups with answers.',
    );
  });
});

describe('when the two tests disagree, both are said', () => {
  it('overall test not significant, some pairs significant', () => {
    const text = reconcileSentence(association({}), [comparison({}), comparison({ category: 'fairly_safe', significant: false })]);
    expect(text).toBe(
      'Both results stand: the Rao–Scott test finds no significant association across all the groups of sex, but 1 comparison of a pair of groups is significant after Benjamini–Hochberg adjustment (listed below). Those gaps are between particular groups for particular answers; across sex as a whole the evidence is weaker.',
    );
  });

  it('counts comparisons with the rest of the sample apart from pairs', () => {
    const text = reconcileSentence(association({}), [comparison({}), comparison({ b: '_rest' }), comparison({ a: 'male', b: '_rest' })]);
    expect(text).toContain('but 1 comparison of a pair of groups and 2 comparisons of a group with the rest of the sample are significant');
  });

  it('overall test significant, no comparison significant', () => {
    const text = reconcileSentence(association({ F: 4.1, p: 0.01, pAdjusted: 0.02, significant: true }), [comparison({ significant: false })]);
    expect(text).toMatch(
      /^Both results stand: the Rao–Scott test finds that answers differ across the groups of sex, but no single comparison of groups is significant/,
    );
  });

  it('says nothing more when they agree, or for another breakdown’s comparisons', () => {
    expect(reconcileSentence(association({}), [comparison({ significant: false })])).toBeNull();
    expect(reconcileSentence(association({ significant: true, pAdjusted: 0.01 }), [comparison({})])).toBeNull();
    expect(reconcileSentence(association({}), [comparison({ variable: 'age_band' })])).toBeNull();
    expect(reconcileSentence(association({ F: null, p: null }), [comparison({})])).toBeNull();
  });
});
