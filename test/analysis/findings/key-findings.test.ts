import { describe, expect, it } from 'vitest';
import { keyFindings, perceptionFindings } from '../../../analysis/findings/key-findings.js';
import { wardTable, type WardInput } from '../../../analysis/perception/ward-table.js';
import { crimeTrend } from '../../../analysis/perception/trend.js';
import type { Change, Comparison, Estimate } from '../../../analysis/report/types.js';

function est(
  question: string,
  construct: string,
  category: string,
  estimate: number | null,
  group: Estimate['group'] = null,
  suppressed = false,
  ci: [number, number] | null = null,
): Estimate {
  return {
    question,
    construct,
    category,
    label: category,
    net: true,
    group,
    n: suppressed ? 12 : 400,
    nEffective: null,
    estimate: suppressed ? null : estimate,
    se: suppressed ? null : 0.02,
    ci: suppressed ? null : (ci ?? [estimate! - 0.04, estimate! + 0.04]),
    suppressed,
  };
}

function change(question: string, category: string, from: number, to: number, significant: boolean, extra: Partial<Change> = {}): Change {
  return {
    question,
    category,
    label: category,
    net: true,
    from: { wave: '2025', n: 900, estimate: from },
    to: { wave: '2026', n: 1000, estimate: to },
    difference: to - from,
    se: 0.02,
    p: significant ? 0.001 : 0.3,
    pAdjusted: significant ? 0.003 : 0.4,
    significant,
    suppressed: false,
    ...extra,
  };
}

function cmp(
  question: string,
  variable: string,
  a: string,
  b: string,
  ea: number,
  eb: number,
  significant: boolean,
  extra: Partial<Comparison> = {},
): Comparison {
  return {
    question,
    category: 'safe',
    variable,
    against: 'group',
    a,
    b,
    estimateA: ea,
    estimateB: eb,
    difference: ea - eb,
    se: 0.03,
    t: (ea - eb) / 0.03,
    p: significant ? 0.0001 : 0.2,
    pAdjusted: significant ? 0.001 : 0.3,
    significant,
    suppressed: false,
    ...extra,
  };
}

const sex = (value: string, label: string) => ({ variable: 'sex', value, label });
const age = (value: string) => ({ variable: 'age_band', value, label: value });

describe('keyFindings', () => {
  const estimates: Estimate[] = [
    est('safe_dark_local', 'safety.after_dark.local', 'safe', 0.54),
    est('safe_dark_local', 'safety.after_dark.local', 'safe', 0.48, sex('female', 'Female')),
    est('safe_dark_local', 'safety.after_dark.local', 'safe', 0.66, sex('male', 'Male')),
    est('safe_dark_local', 'safety.after_dark.local', 'safe', 0.4, age('18-24')),
    est('safe_dark_local', 'safety.after_dark.local', 'safe', null, age('75+'), true),
    est('safe_dark_local', 'safety.after_dark.local', 'safe', 0.6, age('45-54')),
    est('safe_day_local', 'safety.day.local', 'safe', 0.8),
    est('safe_day_local', 'safety.day.local', 'safe', 0.78, sex('female', 'Female')),
    est('safe_day_local', 'safety.day.local', 'safe', 0.82, sex('male', 'Male')),
    est('worry_burglary', 'worry.burglary', 'worried', 0.45, null, false, [0.42, 0.48]),
    est('worry_knife', 'worry.knife_crime', 'worried', 0.3, null, false, [0.27, 0.33]),
    est('worry_drugs', 'worry.drugs', 'worried', null, null, true),
  ];
  const comparisons: Comparison[] = [
    cmp('safe_dark_local', 'sex', 'female', 'male', 0.48, 0.66, true),
    // significant, but one group's estimate is suppressed: no finding
    cmp('safe_dark_local', 'age_band', '18-24', '75+', 0.4, 0.7, true),
    cmp('safe_dark_local', 'age_band', '18-24', '45-54', 0.4, 0.6, true),
    // not significant: no finding
    cmp('safe_day_local', 'sex', 'female', 'male', 0.78, 0.82, false),
  ];
  const changes: Change[] = [
    change('safe_dark_local', 'safe', 0.6, 0.54, true),
    change('safe_day_local', 'safe', 0.83, 0.8, false),
    change('worry_burglary', 'worried', 0.4, 0.45, true, { suppressed: true, difference: null }),
    change('worry_knife', 'worried', 0.25, 0.3, true, { net: false }),
  ];
  const { findings, syntheticNotice } = keyFindings({ estimates, comparisons, changes, syntheticNotice: 'SYNTHETIC' });
  const texts = findings.map((f) => f.text);

  it('reports significant wave changes, with their figures', () => {
    expect(texts).toContain('Fewer residents feel safe in their local area after dark than in 2025: 54% vs 60% (significant).');
    const f = findings.find((x) => x.kind === 'change')!;
    expect(f.figures).toEqual([{ type: 'change', question: 'safe_dark_local', category: 'safe', from: '2025', to: '2026' }]);
  });

  it('never claims a non-significant or suppressed change', () => {
    expect(findings.filter((f) => f.kind === 'change')).toHaveLength(1);
    expect(texts.join(' ')).not.toMatch(/during the day than in 2025|burglary than in 2025|knife crime than in 2025/);
  });

  it('reports significant group differences for headline items', () => {
    expect(texts).toContain('Women are less likely than men to feel safe in their local area after dark: 48% vs 66% (significant).');
    expect(texts).toContain(
      'Residents aged 18 to 24 are less likely than residents aged 45 to 54 to feel safe in their local area after dark: 40% vs 60% (significant).',
    );
  });

  it('never claims a group difference that is not significant or rests on a suppressed group', () => {
    expect(texts.join(' ')).not.toMatch(/75/);
    expect(texts.join(' ')).not.toMatch(/during the day: /);
    expect(findings.filter((f) => f.kind === 'group-difference')).toHaveLength(2);
  });

  it('names the most common worry, skipping suppressed items', () => {
    const f = findings.find((x) => x.kind === 'highest-worry')!;
    expect(f.text).toBe('The most common worry is burglary: 45% of residents are worried about it (95% CI 42% to 48%).');
  });

  it('says the order is uncertain when the next worry’s interval overlaps', () => {
    const close = [
      est('worry_burglary', 'worry.burglary', 'worried', 0.45, null, false, [0.42, 0.48]),
      est('worry_asb', 'worry.asb', 'worried', 0.44, null, false, [0.41, 0.47]),
    ];
    const f = keyFindings({ estimates: close, comparisons: [], changes: null, syntheticNotice: null }).findings[0];
    expect(f.text).toMatch(/anti-social behaviour is close behind \(44%\), so the order of the two is not certain/);
    expect(f.figures).toHaveLength(2);
  });

  it('carries the synthetic notice', () => {
    expect(syntheticNotice).toBe('SYNTHETIC');
  });
});

describe('perceptionFindings', () => {
  const ward = (i: number, estimate: number, difference: number, p: number, count: number, population: number, suppressed = false): WardInput => ({
    wardCode: `E0${i}`,
    ward: `Ward${i}`,
    worry: suppressed
      ? { estimate: null, ci: null, n: 10, suppressed: true, vsRest: null }
      : { estimate, ci: [estimate - 0.05, estimate + 0.05], n: 200, suppressed: false, vsRest: { difference, rest: estimate - difference, p } },
    crime: { count, population },
  });

  it('writes a ward sentence only where both differences are clear', () => {
    const table = wardTable(
      [
        ward(0, 0.6, 0.25, 0.0001, 300, 5000), // both clear
        ward(1, 0.5, 0.1, 0.3, 200, 5000), // worry not clear
        ward(2, 0.3, -0.1, 0.001, 50, 5000),
        ward(3, 0.35, -0.05, 0.002, 40, 5000),
        // ordinary wards: recorded crime over-dispersed, so a clear ward must stand well out
        ...[95, 102, 98, 105, 100, 97, 103, 99].map((count, i) => ward(4 + i, 0.4, 0.01, 0.9, count, 5000)),
      ],
      { worry: 0.4 },
    );
    const f = perceptionFindings({ question: 'worry_burglary', construct: 'worry.burglary', category: 'worried', crimeLabel: 'burglary', table });
    const wards = f.filter((x) => x.kind === 'perception-ward');
    expect(wards.map((x) => x.figures[0])).toEqual(
      table.rows
        .filter((r) => r.marked)
        .map((r) => ({ type: 'ward', question: 'worry_burglary', category: 'worried', crimeLabel: 'burglary', wardCode: r.wardCode })),
    );
    expect(wards.some((x) => x.text.includes('Ward1'))).toBe(false);
    expect(wards[0].text).toMatch(
      /^In Ward0 ward, more residents are worried about burglary than in the rest of the borough \(60% vs 35%\), and the recorded rate of burglary is higher \(60\.0 vs 19\.8 per 1,000 residents\); both differences are statistically clear\.$/,
    );
  });

  it('writes nothing from a suppressed ward or an unclear correlation', () => {
    const table = wardTable(
      [ward(0, 0, 0, 1, 200, 5000, true), ward(1, 0.4, 0.01, 0.9, 100, 5000), ward(2, 0.41, 0.02, 0.8, 101, 5000), ward(3, 0.39, -0.01, 0.9, 99, 5000)],
      { worry: 0.4 },
    );
    expect(table.rows[0].marked).toBe(false);
    const f = perceptionFindings({ question: 'worry_burglary', construct: 'worry.burglary', category: 'worried', crimeLabel: 'burglary', table });
    expect(f).toEqual([]);
  });

  it('states a crime trend only when it is significant, with the worry change only when that is too', () => {
    const table = wardTable([ward(0, 0.4, 0.01, 0.9, 100, 5000), ward(1, 0.41, 0.02, 0.8, 101, 5000), ward(2, 0.39, -0.01, 0.9, 99, 5000)], { worry: 0.4 });
    // R: poisson.test(c(1040, 950), c(12, 12)): ratio 1.0947, p 0.046
    const crime = crimeTrend({ from: '2024-11', to: '2025-10', months: 12, count: 950 }, { from: '2025-11', to: '2026-10', months: 12, count: 1040 });
    const base = { question: 'worry_burglary', construct: 'worry.burglary', category: 'worried', crimeLabel: 'burglary', table };
    const both = perceptionFindings({ ...base, trend: { worry: change('worry_burglary', 'worried', 0.4, 0.45, true), crime } });
    expect(both.map((f) => f.text)).toEqual([
      'The recorded count of burglary rose by 9% from 2024-11–2025-10 to 2025-11–2026-10 (significant); over the same waves the share who are worried about burglary rose from 40% to 45% (significant).',
    ]);
    const worryNotSignificant = perceptionFindings({ ...base, trend: { worry: change('worry_burglary', 'worried', 0.4, 0.42, false), crime } });
    expect(worryNotSignificant[0].text).not.toMatch(/share who/);
    // R: poisson.test(c(960, 950), c(12, 12))$p.value = 0.84: nothing to say
    const flat = crimeTrend({ from: '2024-11', to: '2025-10', months: 12, count: 950 }, { from: '2025-11', to: '2026-10', months: 12, count: 960 });
    expect(perceptionFindings({ ...base, trend: { worry: change('worry_burglary', 'worried', 0.4, 0.45, true), crime: flat } })).toEqual([]);
  });
});
