/** The returns page's pure helpers: days filled in, ward gaps and shortfalls, where to push, school cells. */
import { describe, expect, it } from 'vitest';
import { COMPLEMENTARY_REASON } from '../../../analysis/disclosure/suppress.js';
import {
  dayCaption,
  dayRows,
  dropOutCaption,
  dropOutRows,
  gapText,
  orderWards,
  schoolCell,
  underRepresentationSentence,
  wardRows,
} from '../../../client/officer/pages/returns/returns-format.js';
import type { ReturnsByWard } from '../../../server/reports/returns.js';

/** Wards with counts and population shares; shares of returns worked out here from the counts. */
function wards(spec: [name: string, count: number, populationShare: number | null][]): ReturnsByWard[] {
  const known = spec.reduce((a, [, n]) => a + n, 0);
  return spec.map(([ward, count, populationShare], i) => ({
    wardCode: `W${i}`,
    ward,
    count,
    share: known ? count / known : 0,
    populationShare,
    suppressed: false,
    reason: null,
  }));
}

describe('dayRows', () => {
  it('fills the days without returns with 0 and keeps a running total, whatever the input order', () => {
    const rows = dayRows([
      { date: '2026-09-09', count: 1, complete: 1 },
      { date: '2026-09-07', count: 3, complete: 2 },
    ]);
    expect(rows).toEqual([
      { date: '2026-09-07', count: 3, complete: 2, partial: 1, runningTotal: 3 },
      { date: '2026-09-08', count: 0, complete: 0, partial: 0, runningTotal: 3 },
      { date: '2026-09-09', count: 1, complete: 1, partial: 0, runningTotal: 4 },
    ]);
  });

  it('crosses month ends and a clock change without losing or repeating a day', () => {
    const rows = dayRows([
      { date: '2026-10-24', count: 1, complete: 1 },
      { date: '2026-11-02', count: 1, complete: 1 },
    ]);
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.date).slice(6, 9)).toEqual(['2026-10-30', '2026-10-31', '2026-11-01']);
    expect(dayRows([])).toEqual([]);
  });
});

describe('dayCaption', () => {
  it('says how many, over which days, the busiest day, and the last seven days when there are more', () => {
    expect(
      dayCaption(
        dayRows([
          { date: '2026-09-07', count: 3, complete: 3 },
          { date: '2026-09-09', count: 1, complete: 1 },
        ]),
      ),
    ).toMatch(/^4 returns over 3 days, 7 Sept? 2026 to 9 Sept? 2026\. The busiest day was 7 Sept? 2026 with 3\.$/);
    const ten = Array.from({ length: 10 }, (_, i) => ({ date: `2026-09-${String(i + 1).padStart(2, '0')}`, count: i + 1, complete: i + 1 }));
    // Days 4..10 hold 4+5+…+10 = 49 returns.
    expect(dayCaption(dayRows(ten))).toMatch(/^55 returns over 10 days, .* The busiest day was 10 Sept? 2026 with 10\. In the last 7 days of returns: 49\.$/);
    expect(dayCaption(dayRows([{ date: '2026-09-07', count: 1, complete: 0 }]))).toMatch(/^1 return on 7 Sept? 2026\./);
    expect(dayCaption([])).toBe('No returns yet.');
  });
});

describe('wardRows', () => {
  it('gives the gap in shares and the replies that would bring a ward up to its population share', () => {
    // 100 returns naming a ward: A has 10 (10%) against 20% of the population.
    const [a, b] = wardRows(
      wards([
        ['A', 10, 0.2],
        ['B', 90, 0.8],
      ]),
    );
    expect(a.gap).toBeCloseTo(-0.1, 12);
    // (10 + x) / (100 + x) = 0.2 → x = 12.5: 13 more replies (12 would leave 22/112 = 19.6%).
    expect(a.shortfall).toBe(13);
    expect((10 + 13) / (100 + 13)).toBeGreaterThanOrEqual(0.2);
    expect((10 + 12) / (100 + 12)).toBeLessThan(0.2);
    expect(b.gap).toBeCloseTo(0.1, 12);
    expect(b.shortfall).toBe(0);
  });

  it('gives a hidden ward no gap or shortfall (they would give its count), and the others theirs from the true total', () => {
    // 100 returns naming a ward: A 60, B 34 shown; C's 6 hidden (the API gives total − wardNotGiven = 100).
    const byWard = wards([
      ['A', 60, 0.5],
      ['B', 34, 0.3],
      ['C', 6, 0.2],
    ]).map((w) => (w.ward === 'C' ? { ...w, count: null, share: null, suppressed: true, reason: 'Fewer than 10 returns, so hidden' } : w));
    const [a, , c] = wardRows(byWard, 100);
    expect(a.gap).toBeCloseTo(0.1, 12);
    expect(c).toMatchObject({ gap: null, shortfall: null, suppressed: true });
    const sentence = underRepresentationSentence({ wardQuestion: 'ward', byWard, total: 103, wardNotGiven: 3 });
    expect(sentence).toContain('1 ward’s count is hidden (fewer than 10 returns, or hidden so a small one cannot be worked out): push there too.');
    expect(sentence).not.toMatch(/\b6\b/);
  });

  it('has no gap without population figures', () => {
    expect(wardRows(wards([['A', 5, null]]))[0]).toMatchObject({ gap: null, shortfall: null });
  });
});

describe('orderWards', () => {
  const rows = wardRows(
    wards([
      ['Cobtree', 30, 0.2],
      ['Allington', 30, 0.5],
      ['Boxley', 40, 0.3],
    ]),
  );
  it('orders by gap (most under first), by returns (ties by name) or by name', () => {
    expect(orderWards(rows, 'gap').map((w) => w.ward)).toEqual(['Allington', 'Cobtree', 'Boxley']);
    expect(orderWards(rows, 'count').map((w) => w.ward)).toEqual(['Boxley', 'Allington', 'Cobtree']);
    expect(orderWards(rows, 'name').map((w) => w.ward)).toEqual(['Allington', 'Boxley', 'Cobtree']);
  });
});

describe('gapText', () => {
  it('writes the gap in percentage points with its sign', () => {
    expect(gapText(-0.0333)).toBe('−3.3 points');
    expect(gapText(0.012)).toBe('+1.2 points');
    expect(gapText(-0.0004)).toBe('0.0 points');
  });
});

describe('underRepresentationSentence', () => {
  it('names the three wards furthest below their population share, in that order, with the replies needed', () => {
    // 200 returns. Gaps: D −15 points, C −10, B −5, E −0.2 (in line), A +30.
    const byWard = wards([
      ['A', 100, 0.2],
      ['B', 30, 0.2],
      ['C', 20, 0.2],
      ['D', 10, 0.2],
      ['E', 40, 0.202],
    ]);
    const s = underRepresentationSentence({ wardQuestion: 'ward', byWard });
    expect(s).toMatch(/^Push for more replies where returns fall furthest below the population\. The 3 wards most under-represented are D \(/);
    expect(s.indexOf('D (')).toBeLessThan(s.indexOf('C ('));
    expect(s.indexOf('C (')).toBeLessThan(s.indexOf('B ('));
    expect(s).not.toMatch(/\bE \(/);
    // D: 5.0% of returns against 20.0%; (10 + x) / (200 + x) = 0.2 → x = 37.5 → 38.
    expect(s).toContain('D (5.0% of returns against 20.0% of the population, 15.0 points short: about 38 more replies would close the gap)');
    expect(s).not.toContain('more wards are under');
  });

  it('counts the under-represented wards it does not name', () => {
    const byWard = wards([
      ['A', 160, 0.2],
      ['B', 10, 0.2],
      ['C', 10, 0.2],
      ['D', 10, 0.2],
      ['E', 10, 0.2],
    ]);
    expect(underRepresentationSentence({ wardQuestion: 'ward', byWard })).toMatch(/ 1 more ward is under by at least 0\.5 points; see the table\.$/);
  });

  it('names a single under-represented ward as the one', () => {
    const byWard = wards([
      ['A', 50, 0.5],
      ['B', 40, 0.4],
      ['C', 10, 0.1 + 0.03],
    ]);
    expect(underRepresentationSentence({ wardQuestion: 'ward', byWard })).toMatch(
      /The one ward clearly under-represented is C \(10\.0% of returns against 13\.0%/,
    );
  });

  it('says when returns are in line with the population, and when there is nothing to compare', () => {
    expect(
      underRepresentationSentence({
        wardQuestion: 'ward',
        byWard: wards([
          ['A', 50, 0.498],
          ['B', 50, 0.502],
        ]),
      }),
    ).toMatch(/^Every ward's share of returns is within 0\.5 points/);
    expect(underRepresentationSentence({ wardQuestion: null, byWard: [] })).toMatch(/does not ask which ward/);
    expect(
      underRepresentationSentence({
        wardQuestion: 'ward',
        byWard: wards([
          ['A', 0, 0.5],
          ['B', 0, 0.5],
        ]),
      }),
    ).toMatch(/No returns name a ward yet/);
    expect(underRepresentationSentence({ wardQuestion: 'ward', byWard: wards([['A', 3, null]]) })).toMatch(/no population figures.*population import/);
  });
});

describe('schoolCell', () => {
  it('shows a count, or says suppressed and why', () => {
    expect(schoolCell({ label: 'X', count: 1234, suppressed: false, reason: null }, 10)).toEqual({ count: '1,234', why: '' });
    const small = schoolCell({ label: 'X', count: null, suppressed: true, reason: 'Fewer than 10 returns, so hidden' }, 10);
    expect(small.count).toBe('suppressed (fewer than 10)');
    expect(small.why).toMatch(/^Fewer than 10 returns: .*identify/);
    const other = schoolCell({ label: 'Y', count: null, suppressed: true, reason: COMPLEMENTARY_REASON }, 10);
    expect(other.count).toBe('suppressed (to protect a small group)');
    expect(other.why).toMatch(/subtracting from the total/);
  });
});

describe('where respondents stop', () => {
  const dropOut = {
    pages: [
      { page: 1, title: 'Feeling safe', started: 10, stoppedHere: 1 },
      { page: 2, title: 'Worries', started: 9, stoppedHere: 3 },
      { page: 3, title: 'About you', started: 6, stoppedHere: 0 },
    ],
    finished: 6,
    unfinished: 5,
    pageNotRecorded: 1,
  };

  it('gives each page the share of those who reached it who stopped there', () => {
    expect(dropOutRows(dropOut).map((r) => r.stoppedShare)).toEqual(['10.0%', '33.3%', '0.0%']);
    expect(dropOutRows({ ...dropOut, pages: [{ page: 1, title: 'P', started: 0, stoppedHere: 0 }] })[0].stoppedShare).toBe('–');
  });

  it('says in words how many finished, the page most stop on, and those without a page', () => {
    expect(dropOutCaption(dropOut)).toBe(
      '6 of 11 web returns are complete and 5 unfinished. Most unfinished returns stopped on page 2 (Worries): 3. 1 unfinished return does not say which page.',
    );
    expect(dropOutCaption({ pages: dropOut.pages.map((p) => ({ ...p, started: 0, stoppedHere: 0 })), finished: 0, unfinished: 0, pageNotRecorded: 0 })).toBe(
      'No web returns yet, so there is nothing to show about where people stop.',
    );
  });
});
