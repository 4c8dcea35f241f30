/**
 * Key findings: short sentences, like the bullets of the council's own reports, written from the
 * report's statistics and claiming only what they support.
 *
 * Rules (each finding lists the figures it rests on in `figures`):
 * - change: a wave-to-wave change of a net with a phrase (phrases.ts), only when it is not
 *   suppressed and significant after the BH adjustment the report applies to its changes.
 * - group-difference: for the headline rows only (default: feeling safe after dark, during the day,
 *   at home), women vs men, and for age the significant pair with the largest gap — only when the
 *   comparison is significant (BH-adjusted) and neither group's estimate is suppressed.
 * - highest-worry: the worry item with the largest share worried; when its 95% CI overlaps the next
 *   item's, the sentence says the order is not certain (the two are not tested against each other).
 * - perception-ward: a ward's worry and recorded crime, only for wards `marked` in the ward table
 *   (both differences from the rest of the borough statistically clear, BH-adjusted across wards).
 * - perception-correlation: the ward rank correlation, only when its permutation p < alpha.
 * - perception-trend: recorded crime change between the waves' periods, only when significant
 *   (with the worry change beside it when that is significant too).
 * Nothing is written from a suppressed estimate or a non-significant difference, and no perception
 * finding (ward, correlation or trend) from a crime period the store does not fully hold or that is
 * not the wave's own (`crimeComplete: false`): a missing month is unknown, never zero.
 *
 * @example
 * keyFindings({ estimates, comparisons, changes, syntheticNotice: null }).findings[0].text
 * // 'Fewer residents feel safe in their local area after dark than in 2025: 54% vs 60% (significant).'
 */
import type { Change, Comparison, Estimate } from '../report/types.js';
import type { WardTable } from '../perception/ward-table.js';
import { periodText, type CrimeTrend } from '../perception/trend.js';
import { SIGNIFICANCE_LEVEL } from '../inference/bh.js';
import { capitalise, groupSubject, percent, rowPhrase } from './phrases.js';

export type FindingKind = 'change' | 'group-difference' | 'highest-worry' | 'perception-ward' | 'perception-correlation' | 'perception-trend';

export type FigureRef =
  | { type: 'estimate'; question: string; category: string; group: Estimate['group'] }
  | { type: 'comparison'; question: string; category: string; variable: string; a: string; b: string }
  | { type: 'change'; question: string; category: string; from: string; to: string }
  | { type: 'ward'; question: string; category: string; crimeLabel: string; wardCode: string }
  | { type: 'spearman'; question: string; category: string; crimeLabel: string }
  | { type: 'crime-trend'; question: string; category: string; crimeLabel: string };

export interface Finding {
  text: string;
  kind: FindingKind;
  figures: FigureRef[];
}

export interface PerceptionFindingInput {
  question: string;
  construct: string;
  /** The net the ward table is about, e.g. 'worried' or 'unsafe'. */
  category: string;
  /** What was recorded, lower case, to follow "the recorded rate of": 'burglary', 'vehicle crime'. */
  crimeLabel: string;
  table: WardTable;
  trend?: { worry: Change | null; crime: CrimeTrend | null } | null;
  /**
   * False when recorded crime does not cover the crime period (months missing, or not the wave's
   * own months): then no ward, correlation or trend finding is drawn. Default true.
   */
  crimeComplete?: boolean;
}

export interface FindingsInput {
  estimates: Estimate[];
  comparisons: Comparison[];
  changes: Change[] | null;
  syntheticNotice: string | null;
  perception?: PerceptionFindingInput[];
  /** Rows whose group differences are reported. */
  headline?: { question: string; category: string }[];
  alpha?: number;
}

export const HEADLINE_ROWS = [
  { question: 'safe_dark_local', category: 'safe' },
  { question: 'safe_day_local', category: 'safe' },
  { question: 'safe_home', category: 'safe' },
];

export function keyFindings(input: FindingsInput): { syntheticNotice: string | null; findings: Finding[] } {
  const alpha = input.alpha ?? SIGNIFICANCE_LEVEL;
  const findings: Finding[] = [];
  const construct = new Map(input.estimates.map((e) => [e.question, e.construct]));
  const overall = new Map(input.estimates.filter((e) => e.group === null).map((e) => [`${e.question}|${e.category}`, e]));
  const grouped = new Map(input.estimates.filter((e) => e.group).map((e) => [`${e.question}|${e.category}|${e.group!.variable}|${e.group!.value}`, e]));

  // Wave changes.
  for (const c of input.changes ?? []) {
    if (!c.net || c.suppressed || !c.significant || c.difference === null || c.from.estimate === null || c.to.estimate === null) continue;
    const phrase = rowPhrase(construct.get(c.question) ?? '', c.category);
    if (!phrase) continue;
    const more = c.difference > 0 ? 'More' : 'Fewer';
    findings.push({
      kind: 'change',
      text: `${more} residents ${phrase} than in ${c.from.wave}: ${percent(c.to.estimate)} vs ${percent(c.from.estimate)} (significant).`,
      figures: [{ type: 'change', question: c.question, category: c.category, from: c.from.wave, to: c.to.wave }],
    });
  }

  // Group differences for the headline rows.
  for (const h of input.headline ?? HEADLINE_ROWS) {
    const phrase = rowPhrase(construct.get(h.question) ?? '', h.category);
    if (!phrase) continue;
    const usable = input.comparisons.filter((c) => {
      if (c.question !== h.question || c.category !== h.category || c.suppressed || !c.significant) return false;
      if (c.estimateA === null || c.estimateB === null || c.difference === null) return false;
      const a = grouped.get(`${c.question}|${c.category}|${c.variable}|${c.a}`);
      const b = grouped.get(`${c.question}|${c.category}|${c.variable}|${c.b}`);
      return !!a && !!b && !a.suppressed && !b.suppressed;
    });
    const sex = usable.find((c) => c.variable === 'sex' && ((c.a === 'female' && c.b === 'male') || (c.a === 'male' && c.b === 'female')));
    const age = usable.filter((c) => c.variable === 'age_band').sort((x, y) => Math.abs(y.difference!) - Math.abs(x.difference!))[0];
    for (const c of [sex, age]) {
      if (!c) continue;
      const label = (v: string) => grouped.get(`${c.question}|${c.category}|${c.variable}|${v}`)!.group!.label;
      // Write the sentence from the group with the lower share.
      const [lo, hi, eLo, eHi] = c.estimateA! <= c.estimateB! ? [c.a, c.b, c.estimateA!, c.estimateB!] : [c.b, c.a, c.estimateB!, c.estimateA!];
      findings.push({
        kind: 'group-difference',
        text: `${capitalise(groupSubject(c.variable, lo, label(lo)))} are less likely than ${groupSubject(c.variable, hi, label(hi))} to ${infinitive(phrase)}: ${percent(eLo)} vs ${percent(eHi)} (significant).`,
        figures: [
          { type: 'comparison', question: c.question, category: c.category, variable: c.variable, a: c.a, b: c.b },
          { type: 'estimate', question: c.question, category: c.category, group: grouped.get(`${c.question}|${c.category}|${c.variable}|${lo}`)!.group },
          { type: 'estimate', question: c.question, category: c.category, group: grouped.get(`${c.question}|${c.category}|${c.variable}|${hi}`)!.group },
        ],
      });
    }
  }

  // Highest worry.
  const worries = [...overall.values()]
    .filter((e) => e.construct.startsWith('worry.') && e.category === 'worried' && !e.suppressed && e.estimate !== null && rowPhrase(e.construct, 'worried'))
    .sort((a, b) => b.estimate! - a.estimate!);
  if (worries.length) {
    const [top, next] = worries;
    const topic = rowPhrase(top.construct, 'worried')!.replace(/^are worried about /, '');
    let text = `The most common worry is ${topic}: ${percent(top.estimate!)} of residents are worried about it`;
    if (top.ci) text += ` (95% CI ${percent(top.ci[0])} to ${percent(top.ci[1])})`;
    const figures: FigureRef[] = [{ type: 'estimate', question: top.question, category: 'worried', group: null }];
    if (next && (!top.ci || !next.ci || next.ci[1] >= top.ci[0])) {
      text += `; ${rowPhrase(next.construct, 'worried')!.replace(/^are worried about /, '')} is close behind (${percent(next.estimate!)}), so the order of the two is not certain`;
      figures.push({ type: 'estimate', question: next.question, category: 'worried', group: null });
    }
    findings.push({ kind: 'highest-worry', text: `${text}.`, figures });
  }

  for (const p of input.perception ?? []) findings.push(...perceptionFindings(p, alpha));
  return { syntheticNotice: input.syntheticNotice, findings };
}

function infinitive(phrase: string) {
  return phrase.replace(/^are /, 'be ');
}

function rate(x: number) {
  return x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export function perceptionFindings(p: PerceptionFindingInput, alpha = SIGNIFICANCE_LEVEL): Finding[] {
  const out: Finding[] = [];
  const phrase = rowPhrase(p.construct, p.category);
  if (!phrase || p.crimeComplete === false) return out;
  const per = p.table.per.toLocaleString('en-GB');
  for (const r of p.table.rows) {
    if (!r.marked || r.worry.suppressed || r.worry.estimate === null || !r.worryVsBorough.clear || !r.crimeVsBorough.clear) continue;
    const w = r.worryVsBorough;
    const c = r.crimeVsBorough;
    if (w.difference === null || w.rest === null || c.ratio === null || c.restRate === null || r.crime.rate === null) continue;
    const moreWorry = w.difference > 0;
    const moreCrime = c.ratio > 1;
    const crimeClause = `the recorded rate of ${p.crimeLabel} is ${moreCrime ? 'higher' : 'lower'} (${rate(r.crime.rate)} vs ${rate(c.restRate)} per ${per} residents)`;
    const joint = moreWorry === moreCrime ? 'and' : 'while';
    out.push({
      kind: 'perception-ward',
      text:
        `In ${r.ward} ward, ${moreWorry ? 'more' : 'fewer'} residents ${phrase} than in the rest of the borough (${percent(r.worry.estimate)} vs ${percent(w.rest)}), ` +
        `${joint} ${crimeClause}; both differences are statistically clear.`,
      figures: [{ type: 'ward', question: p.question, category: p.category, crimeLabel: p.crimeLabel, wardCode: r.wardCode }],
    });
  }
  const s = p.table.spearman;
  if ('rho' in s && s.pValue < alpha) {
    out.push({
      kind: 'perception-correlation',
      text:
        `Across the ${s.wards} wards with enough answers, the share who ${phrase} is ${s.rho > 0 ? 'higher' : 'lower'} where the recorded rate of ${p.crimeLabel} is higher ` +
        `(Spearman's rho ${s.rho.toFixed(2)}, ${s.method} p = ${s.pValue.toFixed(3)}).`,
      figures: [{ type: 'spearman', question: p.question, category: p.category, crimeLabel: p.crimeLabel }],
    });
  }
  const t = p.trend?.crime;
  if (t?.significant && t.ratio !== null && t.p !== null) {
    const pct = Math.round(Math.abs(t.ratio - 1) * 100);
    // Labelled periods read 'February 2018 to January 2019', so 'between … and …' keeps the two apart.
    const span =
      t.earlier.label && t.later.label ? `between ${t.earlier.label} and ${t.later.label}` : `from ${periodText(t.earlier)} to ${periodText(t.later)}`;
    let text = `The recorded count of ${p.crimeLabel} ${t.ratio > 1 ? 'rose' : 'fell'} by ${pct}% ${span} (significant)`;
    const figures: FigureRef[] = [{ type: 'crime-trend', question: p.question, category: p.category, crimeLabel: p.crimeLabel }];
    const wc = p.trend?.worry;
    if (wc?.significant && !wc.suppressed && wc.difference !== null && wc.from.estimate !== null && wc.to.estimate !== null) {
      text += `; over the same waves the share who ${phrase} ${wc.difference > 0 ? 'rose' : 'fell'} from ${percent(wc.from.estimate)} to ${percent(wc.to.estimate)} (significant)`;
      figures.push({ type: 'change', question: wc.question, category: wc.category, from: wc.from.wave, to: wc.to.wave });
    }
    out.push({ kind: 'perception-trend', text: `${text}.`, figures });
  }
  return out;
}
