/** Pure wording and grouping for the results page: numbers as people read them, in sentences. */
import { rowPhrase } from '../../../../analysis/findings/phrases';
import type { Association, Change, CiMethod, Comparison, Estimate, SurveyReport } from './types';
import { ciText, count, oneDecimal, pct } from '../../format';

export { ciText, count, pct };

/** Numeric questions come back as one row, category 'mean' (a mean, not a share). */
export const isMean = (e: Estimate) => e.category === 'mean';

export const valueText = (e: Estimate) => (e.estimate === null ? '' : isMean(e) ? oneDecimal(e.estimate) : pct(e.estimate));

/** "Net: safe" → "safe". */
export const plainLabel = (label: string) => label.replace(/^Net:\s*/i, '');

export interface QuestionResults {
  question: string;
  /** The question's construct id (e.g. 'safety.after_dark.local'), for the wording of changes. */
  construct: string;
  title: string;
  /** Whole-sample rows (group null), categories then nets. */
  overall: Estimate[];
  /** Rows per breakdown group, in the report's order. */
  byGroup: { variable: string; value: string; label: string; rows: Estimate[] }[];
  comparisons: Comparison[];
  /** Change of each overall row from the earlier wave (empty without a comparison wave). */
  changes: Change[];
  /** Rao–Scott test of the answers against each breakdown (empty without a breakdown). */
  associations: Association[];
  baseNote?: string;
}

/** The report's flat lists regrouped question by question, in the report's order. */
export function resultsByQuestion(report: SurveyReport, titles: Map<string, string>): QuestionResults[] {
  const order: string[] = [];
  const byName = new Map<string, QuestionResults>();
  for (const e of report.estimates) {
    let q = byName.get(e.question);
    if (!q) {
      q = {
        question: e.question,
        construct: e.construct,
        title: titles.get(e.question) ?? e.question,
        overall: [],
        byGroup: [],
        comparisons: [],
        changes: [],
        associations: [],
      };
      q.baseNote = report.bases.find((b) => b.question === e.question)?.note;
      byName.set(e.question, q);
      order.push(e.question);
    }
    if (!e.group) {
      q.overall.push(e);
      continue;
    }
    const g = e.group;
    let group = q.byGroup.find((x) => x.variable === g.variable && x.value === g.value);
    if (!group) q.byGroup.push((group = { ...g, rows: [] }));
    group.rows.push(e);
  }
  for (const c of report.comparisons) byName.get(c.question)?.comparisons.push(c);
  for (const c of report.changes ?? []) byName.get(c.question)?.changes.push(c);
  for (const a of report.associations) byName.get(a.question)?.associations.push(a);
  return order.map((name) => byName.get(name)!);
}

/** The headline row of a question: its first net (e.g. "safe") if it has one, else its largest category. */
export function headline(rows: Estimate[]): Estimate | undefined {
  const shown = rows.filter((e) => !e.suppressed && e.estimate !== null);
  return shown.find((e) => e.net) ?? [...shown].sort((a, b) => b.estimate! - a.estimate!)[0];
}

/** "84.2% safe (95% CI 82.3–85.8%), base 2,092". */
export function caption(e: Estimate): string {
  if (e.suppressed || e.estimate === null || e.n === null) return `${plainLabel(e.label)}: suppressed (${e.reason ?? 'base too small'}).`;
  if (isMean(e)) return `Average ${oneDecimal(e.estimate)}${e.ci ? ` (95% CI ${oneDecimal(e.ci[0])}–${oneDecimal(e.ci[1])})` : ''}, base ${count(e.n)}`;
  return `${pct(e.estimate)} ${plainLabel(e.label).toLowerCase()}${e.ci ? ` (95% CI ${ciText(e.ci)})` : ''}, base ${count(e.n)}`;
}

/** Where a comparison of groups comes from: pairs of groups, or one group against the rest of the sample (b '_rest'). */
export const REST = '_rest';
export const PAIRS_SOURCE = 'Comparing pairs of groups (Benjamini–Hochberg adjusted)';
export const REST_SOURCE = 'Comparing each group with the rest of the sample (Benjamini–Hochberg adjusted)';

const capitalised = (s: string) => `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`;

/**
 * A significant difference in words, led by the test it comes from:
 * "Comparing pairs of groups (Benjamini–Hochberg adjusted): Female respondents are less likely than male respondents to say “Very safe” (42.0% vs 56.5%)."
 * "Comparing each group with the rest of the sample (Benjamini–Hochberg adjusted): The share of female respondents saying “Very safe” is lower than the rest of the sample (42.0% vs 56.5%)."
 */
export function differenceSentence(c: Comparison, labels: Map<string, string>, categoryLabel: string): string | null {
  if (!c.significant || c.estimateA === null || c.estimateB === null || c.difference === null) return null;
  const a = groupName(labels.get(c.a) ?? c.a);
  const answer = plainLabel(categoryLabel);
  const figures = `(${pct(c.estimateA)} vs ${pct(c.estimateB)})`;
  if (c.b === REST) {
    return `${REST_SOURCE}: The share of ${a} respondents saying “${answer}” is ${c.difference < 0 ? 'lower' : 'higher'} than the rest of the sample ${figures}.`;
  }
  const b = groupName(labels.get(c.b) ?? c.b);
  return `${PAIRS_SOURCE}: ${capitalised(a)} respondents are ${c.difference < 0 ? 'less' : 'more'} likely than ${b} respondents to say “${answer}” ${figures}.`;
}

/** Group values as words: "prefer_not_say" → "prefer not say". */
export const groupName = (label: string) => label.replace(/_/g, ' ');

/** The CI methods the report offers, each with one line on what it is (shown beside the choice). */
export const CI_CHOICES: { value: CiMethod; name: string; line: string }[] = [
  {
    value: 'logit',
    name: 'Logit (default)',
    line: 'Works on the log-odds scale and allows for the weighting, as R survey’s svyciprop does by default; never goes below 0% or above 100%.',
  },
  {
    value: 'beta',
    name: 'Korn–Graubard (beta)',
    line: 'An exact (Clopper–Pearson) interval on the effective sample size: a little wider, the cautious choice for small groups and shares near 0% or 100%.',
  },
  {
    value: 'wilson',
    name: 'Wilson',
    line: 'The Wilson score interval on the effective sample size: close to logit for most results, and common in published survey tables.',
  },
];

/** "Korn–Graubard (beta)" for 'beta'. */
export const ciMethodName = (m: CiMethod) => CI_CHOICES.find((c) => c.value === m)?.name.replace(' (default)', '') ?? m;

/** A difference in proportion as signed points: 0.0526 → "+5.3", −0.0526 → "−5.3". */
export function signedPoints(d: number): string {
  const v = oneDecimal(Math.abs(d) * 100);
  return v === '0.0' ? '0.0' : `${d > 0 ? '+' : '−'}${v}`;
}

/** "5.3 points" (always one decimal, "point" only for exactly 1.0). */
const points = (d: number) => `${oneDecimal(Math.abs(d) * 100)} ${oneDecimal(Math.abs(d) * 100) === '1.0' ? 'point' : 'points'}`;

/** Who answered, as the subject of a sentence: "residents", "young people". */
export const respondentsWord = (audience: string | undefined) => (audience === 'youth' ? 'young people' : 'residents');

/** The change cell of a table: "−5.3 points (significant)", "+0.4 points (not significant)", or why it is not shown. */
/** A change the report could not test (e.g. a share both waves are weighted to): not suppressed, no p. */
export const untested = (c: Change) => !c.suppressed && c.p === null;

export function changeCellText(c: Change): string {
  if (c.suppressed || c.difference === null) return `suppressed – ${c.reason ?? 'base too small in one of the waves'}`;
  if (untested(c)) return 'not tested';
  return `${signedPoints(c.difference)} points (${c.significant ? 'significant' : 'not significant'})`;
}

/**
 * A change from the earlier wave in words. Only a change the report flags as significant (after the
 * Benjamini–Hochberg adjustment) is called significant; the numbers are this wave's then the earlier one's:
 * "More residents feel unsafe in their local area after dark than in 2025: 56.0% vs 47.0%, a rise of 9.0 points (significant)."
 * "Very safe, 2026 vs 2025: 33.1% vs 38.4%, a fall of 5.3 points (significant)."
 */
export function changeSentence(c: Change, construct: string, subject = 'residents'): string {
  const label = plainLabel(c.label);
  if (c.suppressed || c.difference === null || c.from.estimate === null || c.to.estimate === null) {
    return `“${label}”: the change since ${c.from.wave} is not shown (${c.reason ?? 'base too small in one of the waves'}).`;
  }
  const figures = `${pct(c.to.estimate)} vs ${pct(c.from.estimate)}`;
  const size = c.difference === 0 || signedPoints(c.difference) === '0.0' ? 'no change' : `a ${c.difference > 0 ? 'rise' : 'fall'} of ${points(c.difference)}`;
  const verdict = c.significant ? '(significant)' : '(not significant after adjustment for multiple comparisons)';
  const phrase = rowPhrase(construct, c.category);
  if (phrase) {
    if (c.significant) return `${c.difference > 0 ? 'More' : 'Fewer'} ${subject} ${phrase} than in ${c.from.wave}: ${figures}, ${size} ${verdict}.`;
    return `No significant change in the share of ${subject} who ${phrase} since ${c.from.wave}: ${figures}, ${size} ${verdict}.`;
  }
  const first = `${label[0]?.toUpperCase() ?? ''}${label.slice(1)}`;
  return `${first}, ${c.to.wave} vs ${c.from.wave}: ${figures}, ${size} ${verdict}.`;
}

/** The changes of a question put in words: its headline row first and always, then every other significant change (nets first). */
export function changesToDescribe(q: QuestionResults): Change[] {
  const top = headline(q.overall);
  const isTop = (c: Change) => !!top && c.category === top.category;
  const others = q.changes.filter((c) => !isTop(c) && c.significant && !c.suppressed);
  // Nets ("unsafe") read before single answers ("Very unsafe"); untested changes are explained once, not in sentences.
  return [...q.changes.filter((c) => isTop(c) && !untested(c)), ...others.filter((c) => c.net), ...others.filter((c) => !c.net)];
}

/** A breakdown's name as words: "age_band" → "age band", "ethnicity_group" → "ethnicity (grouped)". */
export const variableWords = (name: string) => name.replace(/_group$/, ' (grouped)').replace(/_/g, ' ');

function pText(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return 'not available';
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}

/** Where the test of a whole breakdown comes from. */
export const ASSOCIATION_SOURCE = 'Rao–Scott test of association across the groups';

/**
 * Whether answers differ between the groups of a breakdown (Rao–Scott second-order test), in words,
 * led by the test's name; "significant" only when the report says so (adjusted p below 0.05). It
 * speaks of the breakdown as a whole, never of "no difference", since pairs of groups may still differ.
 */
export function associationSentence(a: Association): string {
  const v = variableWords(a.variable);
  const lead = `${ASSOCIATION_SOURCE} (${v})`;
  if (a.F === null || a.p === null) return `${lead}: could not be run${a.reason ? `: ${a.reason.replace(/\.$/, '')}` : ''}.`;
  const test = `F = ${a.F.toFixed(2)} on ${oneDecimal(a.ndf ?? 0)} and ${count(Math.round(a.ddf ?? 0))} degrees of freedom, adjusted p ${pText(a.pAdjusted)}`;
  return a.significant
    ? `${lead}: answers differ by ${v}; the pattern of answers is not the same in every group (${test}; significant).`
    : `${lead}: no significant association between the answers and ${v} taken as a whole (${test}; not significant).`;
}

/**
 * When the test across all the groups and the comparisons of groups disagree, both said plainly
 * (null when they agree). Each is a different question: the Rao–Scott test asks whether the whole
 * pattern of answers differs across the breakdown; a comparison asks about one answer in two groups.
 */
export function reconcileSentence(a: Association, comparisons: Comparison[]): string | null {
  if (a.F === null || a.p === null) return null;
  const v = variableWords(a.variable);
  const mine = comparisons.filter((c) => c.variable === a.variable && c.question === a.question);
  const significant = mine.filter((c) => c.significant && c.difference !== null);
  const pairs = significant.filter((c) => c.b !== REST).length;
  const rest = significant.length - pairs;
  const parts = [
    pairs ? `${pairs} ${pairs === 1 ? 'comparison of a pair of groups' : 'comparisons of pairs of groups'}` : '',
    rest ? `${rest} ${rest === 1 ? 'comparison of a group with the rest of the sample' : 'comparisons of a group with the rest of the sample'}` : '',
  ].filter(Boolean);
  const verb = significant.length === 1 ? 'is' : 'are';
  if (!a.significant && significant.length) {
    return `Both results stand: the Rao–Scott test finds no significant association across all the groups of ${v}, but ${parts.join(' and ')} ${verb} significant after Benjamini–Hochberg adjustment (listed below). Those gaps are between particular groups for particular answers; across ${v} as a whole the evidence is weaker.`;
  }
  if (a.significant && !significant.length && mine.length) {
    return `Both results stand: the Rao–Scott test finds that answers differ across the groups of ${v}, but no single comparison of groups is significant after Benjamini–Hochberg adjustment. The difference is spread over several answers or groups rather than one clear gap.`;
  }
  return null;
}
