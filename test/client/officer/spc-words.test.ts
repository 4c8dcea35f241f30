/** The SPC chart's words for screened moving ranges (client/officer/pages/crime/format.ts). */
import { describe, expect, it } from 'vitest';
import { screenedSentence, SIGNAL_NAMES } from '../../../client/officer/pages/crime/format.js';

describe('screenedSentence', () => {
  it('names each screened month, one or several (not as a range: they need not be consecutive)', () => {
    expect(screenedSentence(['2018-01'])).toBe(
      'The jump into January 2018 was unusually large (a moving range of 3.267 times the mean or more), so it is left out of the mean moving range the limits come from.',
    );
    expect(screenedSentence(['2018-01', '2018-06', '2019-02', '2019-09'])).toMatch(
      /^The jumps into January 2018, June 2018, February 2019 and September 2019 were unusually large \(moving ranges of/,
    );
  });

  it('has words for every signal kind', () => {
    expect(Object.keys(SIGNAL_NAMES).sort()).toEqual(['outside-limits', 'shift', 'trend', 'two-of-three']);
  });
});
