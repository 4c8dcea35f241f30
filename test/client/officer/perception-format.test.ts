/** Perception and crime wording on the officer pages: headings, cells and sentences from made-up figures. */
import { describe, expect, it } from 'vitest';
import { monthList, monthName, pText, rate, rateWithCi } from '../../../client/officer/pages/crime/format';
import {
  correlationSentences,
  crimeVsRest,
  itemHeading,
  overdispersionSentence,
  periodSentence,
  rateCell,
  trendSentences,
  worryCell,
  worryVsRest,
  type PerceptionItem,
  type WardRow,
} from '../../../client/officer/pages/perception/format';

const burglary = { question: 'worry_burglary', construct: 'worry.burglary', category: 'worried', label: 'Net: worried', crimeLabel: 'burglary' };

describe('item headings', () => {
  it('says what is set beside what, in words', () => {
    expect(itemHeading(burglary)).toBe('Worried about burglary vs recorded burglary');
    expect(
      itemHeading({
        question: 'safe_dark_local',
        construct: 'safety.after_dark.local',
        category: 'unsafe',
        label: 'Net: unsafe',
        crimeLabel: 'violence and sexual offences',
      }),
    ).toBe('Feeling unsafe in their local area after dark vs recorded violence and sexual offences');
    // A construct with no phrase falls back to the question's title and the net.
    expect(
      itemHeading({ question: 'q9', construct: 'other.thing', category: 'worried', label: 'Net: worried', crimeLabel: 'drugs' }, 'Worry about parking'),
    ).toBe('Worry about parking: worried vs recorded drugs');
  });
});

// A made-up ward row (fictional figures).
const row: WardRow = {
  ward: 'North (fictional)',
  wardCode: 'E00000001',
  worry: { estimate: 0.419, ci: [0.316, 0.53], n: 103, suppressed: false },
  crime: { count: 46, population: 3401, rate: 13.5254, ci: [9.902, 18.041] },
  worryVsBorough: { difference: -0.1422, rest: 0.5612, p: 0.011, pAdjusted: 0.0426, clear: true },
  crimeVsBorough: { ratio: 1.4913, restRate: 9.0696, ci: [1.08, 2.0], p: 0.0108, pAdjusted: 0.0141, clear: true, funnel: null },
  quadrant: 'low worry, high crime',
  marked: true,
};

describe('ward table cells', () => {
  it('formats worry, rate and the comparison with the rest of the borough', () => {
    expect(worryCell(row)).toBe('41.9% (31.6–53.0%) n=103');
    expect(rateCell(row)).toBe('13.5 (9.90–18.0) 46 crimes');
    expect(worryVsRest(row)).toBe('−14.2 points (rest 56.1%); clear, adjusted p = 0.043');
    expect(crimeVsRest(row)).toBe('1.49 times the rest (9.07); clear, adjusted p = 0.014');
    const suppressed: WardRow = { ...row, worry: { estimate: null, ci: null, n: 12, suppressed: true, reason: 'Base of 12 is below 30.' } };
    expect(worryCell(suppressed)).toBe('suppressed – Base of 12 is below 30.');
  });

  it('writes rates, p-values and months as people read them', () => {
    expect(rate(0.7019)).toBe('0.70');
    expect(rate(9.0696)).toBe('9.07');
    expect(rate(13.5254)).toBe('13.5');
    expect(rateWithCi(1, null)).toBe('1.00');
    expect(pText(0.00001)).toBe('p < 0.001');
    expect(pText(0.0042)).toBe('p = 0.004');
    expect(pText(0.7249)).toBe('p = 0.72');
    expect(monthName('2019-01')).toBe('January 2019');
    expect(monthName('2019-12', true)).toBe('Dec 2019');
    expect(monthList(['2019-01', '2019-02'])).toBe('January 2019 and February 2019');
    expect(monthList(['2019-01', '2019-02', '2019-03', '2019-04'])).toBe('January 2019 to April 2019');
  });
});

describe('sentences', () => {
  const item = (rho: number, pValue: number) =>
    ({
      ...burglary,
      per: 1000,
      spearman: { n: 26, rho, pValue, method: 'permutation', permutations: 9999, seed: 1, ties: false, wards: 26 },
    }) as unknown as PerceptionItem;

  it('says a correlation is not clear when its p is 0.05 or more', () => {
    const s = correlationSentences(item(-0.07, 0.72));
    expect(s[0]).toBe("Spearman's rank correlation across the 26 wards with a figure: rho = −0.07 (p = 0.72, permutation test, 9,999 random permutations).");
    expect(s[1]).toMatch(/^No clear association: across wards, the share of residents who are worried about burglary does not clearly rise or fall/);
  });

  it('names the direction and strength of a clear correlation', () => {
    expect(correlationSentences(item(0.65, 0.001))[1]).toMatch(
      /^A strong positive association that is statistically clear: wards with a higher recorded rate of burglary tend to have a higher share of residents who are worried about burglary\./,
    );
    expect(correlationSentences(item(-0.4, 0.02))[1]).toMatch(/^A moderate negative association .* tend to have a lower share/);
  });

  it('passes on why there is no correlation', () => {
    const none = { ...burglary, per: 1000, spearman: { reason: 'No rank correlation: Spearman needs at least 3 pairs, not 2.' } } as unknown as PerceptionItem;
    expect(correlationSentences(none)).toEqual(['No rank correlation: Spearman needs at least 3 pairs, not 2.']);
  });

  it('says which crime period was used and why', () => {
    const fallback = {
      from: '2018-02',
      to: '2019-01',
      months: 12,
      monthsWithData: 1,
      matchesWave: false,
      note: 'No recorded crime is imported for the 12 months to 2026-10.',
    };
    expect(periodSentence(fallback, 'wave 2026', false)).toBe(
      'Crime period for wave 2026: February 2018 to January 2019 (12 months, 1 with recorded crime stored). No recorded crime is imported for the 12 months to 2026-10.',
    );
    const own = { from: '2019-01', to: '2019-01', months: 1, monthsWithData: 1, matchesWave: true };
    expect(periodSentence(own, 'wave 2026', true)).toBe(
      'Crime period for wave 2026: January 2019 (1 month, 1 with recorded crime stored). Why: it is the period you chose.',
    );
    expect(periodSentence(own, 'wave 2026', false)).toMatch(/Why: it is the 12 months up to the month of the wave's last response\.$/);
  });

  it('gives the period basis the API sends', () => {
    const own = { from: '2024-07', to: '2025-06', months: 12, monthsWithData: 12, matchesWave: true };
    expect(periodSentence(own, 'wave 2025', false, 'the 12 months to the month the wave closed (its last day of fieldwork was 30 June 2025)')).toBe(
      'Crime period for wave 2025: July 2024 to June 2025 (12 months, 12 with recorded crime stored). Why: it is the 12 months to the month the wave closed (its last day of fieldwork was 30 June 2025).',
    );
  });
});

describe('trend sentences', () => {
  const withTrend = (crime: object) => ({ ...burglary, trend: { worry: null, crime } }) as unknown as PerceptionItem;

  it('says there is no trend, naming the period once, when both waves are set beside the same months', () => {
    const same = { from: '2018-02', to: '2019-01', months: 12, monthsWithData: 1, count: 110, label: 'February 2018 to January 2019' };
    const reason =
      'Both waves are set beside the same crime period (February 2018 to January 2019), so the crime periods overlap and there is no change to test.';
    const text = trendSentences(withTrend({ earlier: same, later: same, ratio: null, ci: null, p: null, significant: false, reason }))[1];
    expect(text).toBe(`Recorded burglary: no trend. ${reason}`);
    expect(text.split('February 2018 to January 2019')).toHaveLength(2);
  });

  it('names two distinct periods with their counts', () => {
    const earlier = { from: '2024-07', to: '2025-06', months: 12, count: 1320, label: 'July 2024 to June 2025' };
    const later = { from: '2025-11', to: '2026-10', months: 12, count: 2640, label: 'November 2025 to October 2026' };
    const text = trendSentences(withTrend({ earlier, later, ratio: 2, ci: [1.8, 2.2], p: 0.0001, significant: true }))[1];
    expect(text).toMatch(
      /^Recorded burglary: 1,320 crimes in July 2024 to June 2025 and 2,640 crimes in November 2025 to October 2026; the later monthly rate is /,
    );
  });
});

describe('overdispersionSentence', () => {
  it('says how much more recorded crime varies than chance, and what the comparisons do about it', () => {
    const item = (phi: number | null) => ({
      crimeLabel: 'burglary',
      overdispersion: { phi, factor: Math.max(1, phi ?? 1), method: 'multiplicative' as const, winsorised: 0.1, wards: 26 },
    });
    expect(overdispersionSentence(item(22.02))).toBe(
      'Recorded burglary varies between wards more than chance alone would make it: 22.0 times as much (the over-dispersion factor φ). ' +
        'Each ward’s crime comparison allows for that, so a ward counts as clearly different only when it stands out from that wider spread.',
    );
    expect(overdispersionSentence(item(2.234))).toMatch(/: 2\.23 times as much/);
    expect(overdispersionSentence(item(0.51))).toBe(
      'Recorded burglary varies between wards no more than chance alone would (over-dispersion factor φ = 0.51), so the crime comparisons need no widening.',
    );
    expect(overdispersionSentence(item(null))).toBe('');
  });
});
