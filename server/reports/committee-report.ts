/**
 * The committee report's shared parts: what the document model (committee/build-model.ts) is
 * made from (committeeContext), the sentences both copies print (method, a question's paragraph,
 * who replied by ward) and the print copy (committeeReportHtml: the model as one self-contained
 * A4 page, rendered by committee/render-html.ts). Nothing is called significant unless the report
 * flags it (Benjamini–Hochberg adjusted p below 0.05).
 *
 *   committeeReportHtml(store, { slug: 'resident-safety', wave: '2026', by: ['sex'], compareWave: '2025' })
 */
import { REST_OF_SAMPLE } from '../../analysis/report/comparison-rules.js';
import { capitalise, rowPhrase } from '../../analysis/findings/phrases.js';
import type { Association, Estimate, ReportQuestion } from '../../analysis/report/types.js';
import type { PriorityRanking } from './priority-ranking.js';
import type { Store } from '../store/open.js';
import { gapClasses, RETURNS_IN_LINE } from '../areas/map-classes.js';
import { wardMap } from '../areas/maps.js';
import { wardMapHtml } from '../areas/ward-map-svg.js';
import { Conflict } from '../errors.js';
import { imputedWords, methodWords } from '../weighting/words.js';
import { pct } from './committee-report-svg.js';
import { surveyFindings } from './findings.js';
import { returnsSummary } from './returns.js';
import { surveyReport, type SurveyReport } from './survey-report.js';
import { loadWaveData, type WaveData } from './wave-data.js';

export interface CommitteeReportOptions {
  slug: string;
  wave: string;
  by?: string[];
  compareWave?: string;
  /** The partnership's priority matrix, printed as the Priorities section when given. */
  priorities?: PriorityRanking | null;
}

export const CONFIDENCE = '95%';
/** Significant group differences named in a question's paragraph, per breakdown (the rest are in the appendix). */
const DIFFERENCES_IN_WORDS = 3;

export const CI_METHOD_TEXT: Record<SurveyReport['ciMethod'], string> = {
  logit: 'logit-transformed intervals with t on n − 1 degrees of freedom (as R survey::svyciprop, method "logit")',
  beta: 'Korn–Graubard (beta) intervals (as R survey::svyciprop, method "beta")',
  wilson: 'Wilson score intervals on the effective sample size',
};

/** Background questions (about the respondent or household) are breakdowns, never results. */
export const isResultQuestion = (construct: string) => !construct.startsWith('demographic.') && !construct.startsWith('household.');

/** "±2.6%": the margin of error in percentage points, one decimal, as councils quote it. */
export function marginOfErrorText(moe: number): string {
  return `±${(moe * 100).toFixed(1)}% at the ${CONFIDENCE} confidence level`;
}

/** "sex", "age band", "ethnicity (grouped)": a breakdown's name as words. */
export const variableWords = (name: string) => name.replace(/_group$/, ' (grouped)').replace(/_/g, ' ');
export const plainLabel = (label: string) => label.replace(/^Net:\s*/i, '');
const points = (d: number) => `${(Math.abs(d) * 100).toFixed(1)} percentage point${(Math.abs(d) * 100).toFixed(1) === '1.0' ? '' : 's'}`;
const int = (n: number) => n.toLocaleString('en-GB');

export function weightingSentence(r: SurveyReport): string {
  const w = r.weighting;
  if (w.kind === 'design')
    return 'These responses have not yet been weighted to the population: results use design weights only and may not represent the area.';
  const method = methodWords(w.calibration?.method ?? w.method, w.calibration?.bounds);
  const margins = w.margins?.length ? ` to the population by ${w.margins.map(variableWords).join(', ')}` : '';
  const excluded = w.excluded
    ? ` ${w.excluded} responses could not be weighted (no population target for their answer, such as “prefer not to say”, or a weighting question left blank) and are left out.`
    : '';
  const imputed = imputedWords(w.calibration?.imputed);
  const bounds = w.calibration?.boundsNotice ? ` ${w.calibration.boundsNotice}` : '';
  return (
    `Responses were weighted${margins} using ${method}, so that the results reflect the population rather than who happened to reply.${excluded}` +
    `${imputed ? ` ${imputed}` : ''}${bounds}`
  );
}

export function fieldworkSentence(d: WaveData): string {
  const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const { opensAt, closesAt } = d.wave;
  const who = d.survey.audience === 'youth' ? 'young people, through links given to schools' : d.survey.audience === 'resident' ? 'residents' : 'respondents';
  const dates = opensAt && closesAt ? ` Fieldwork ran from ${day(opensAt)} to ${day(closesAt)}.` : opensAt ? ` Fieldwork opened on ${day(opensAt)}.` : '';
  return `${d.survey.title}, wave ${d.wave.name}, answered by ${who}.${dates}`;
}

function pWords(p: number | null) {
  if (p === null || !Number.isFinite(p)) return 'not available';
  return p < 0.001 ? 'below 0.001' : p.toFixed(3);
}

function signedPoints(d: number | null) {
  if (d === null || !Number.isFinite(d)) return '';
  const v = (d * 100).toFixed(1);
  return d > 0 ? `+${v}` : v;
}

/** "A", "A or B", "A, B or C". */
function orList(items: string[]) {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

export interface Context {
  report: SurveyReport;
  data: WaveData;
  titleOf: (q: string) => string;
  groupLabel: Map<string, string>;
  questionOf: Map<string, ReportQuestion>;
  /** Each question's headline row: its first net, else its largest category. */
  headline: Map<string, Estimate>;
  respondents: string;
}

/** What the print and Word copies are made from: the report, its findings, the wave, and the lookups both need. */
export async function committeeContext(store: Store, opts: CommitteeReportOptions) {
  const report = await surveyReport(store, { slug: opts.slug, wave: opts.wave, by: opts.by ?? [], compareWave: opts.compareWave });
  // Findings read the report without breakdowns (plus sex / age band for the headline rows).
  const findings = await surveyFindings(store, { slug: opts.slug, wave: opts.wave, compareWave: opts.compareWave });
  const data = await loadWaveData(store, opts.slug, opts.wave);
  const titles = new Map<string, string>();
  for (const q of [...data.questions, ...data.breakdowns]) if (q.title) titles.set(q.name, q.title);
  const titleOf = (q: string) => titles.get(q) ?? q.replace(/_/g, ' ');
  const groupLabel = new Map<string, string>();
  for (const e of report.estimates) if (e.group) groupLabel.set(`${e.group.variable}|${e.group.value}`, e.group.label);
  // A comparison of a group with the rest of the sample names the rest as such.
  for (const c of report.comparisons) if (c.b === REST_OF_SAMPLE) groupLabel.set(`${c.variable}|${c.b}`, 'the rest of the sample');
  const headline = new Map<string, Estimate>();
  for (const q of new Set(report.estimates.map((e) => e.question))) {
    const overall = report.estimates.filter((e) => e.question === q && e.group === null);
    const top =
      overall.find((e) => e.net) ?? [...overall].filter((e) => e.estimate !== null && e.category !== 'mean').sort((a, b) => b.estimate! - a.estimate!)[0];
    if (top) headline.set(q, top);
  }
  const ctx: Context = {
    report,
    data,
    titleOf,
    groupLabel,
    questionOf: new Map(data.questions.map((q) => [q.name, q])),
    headline,
    respondents: data.survey.audience === 'youth' ? 'young people' : 'residents',
  };

  return { report, findings, ctx };
}

/** A short label for a question in the summary charts: "In the local area after dark", "Burglary", else the question's wording. */
export function summaryLabel(e: Estimate, titleOf: (q: string) => string): string {
  const phrase = rowPhrase(e.construct, e.category);
  if (!phrase) return titleOf(e.question);
  return capitalise(phrase.replace(/^(feel (un)?safe|are worried about|agree) /, '').replace(/\btheir\b/g, 'the'));
}

/** The paragraph of a question, as Appendix 4 writes it: the overall figure, the change, the differences between groups. */
export function questionSummary(ctx: Context, q: string): string[] {
  const { report } = ctx;
  const out: string[] = [];
  const top = ctx.headline.get(q);
  const question = ctx.questionOf.get(q);
  if (!top) return out;
  const ciText = (e: Estimate) => (e.ci ? `; ${CONFIDENCE} CI ${pct(e.ci[0], 1)} to ${pct(e.ci[1], 1)}` : '');
  if (top.suppressed || top.estimate === null || top.n === null) {
    out.push(`The overall result is suppressed: ${top.reason ?? 'the base is too small'}`);
  } else if (top.net) {
    const members = question?.nets.find((n) => n.name === top.category)?.values.map((v) => question.categories.find((c) => c.value === v)?.label ?? v) ?? [];
    const answered = members.length ? `answered ${orList(members.map((m) => `“${m}”`))}` : `answered “${plainLabel(top.label)}”`;
    out.push(`Overall, ${pct(top.estimate, 1)} of respondents ${answered} (${plainLabel(top.label)}${ciText(top)}; base ${int(top.n)}).`);
  } else if (question?.kind === 'multi') {
    out.push(
      `The option chosen most often was “${top.label}”, by ${pct(top.estimate, 1)} of those who answered (${ciText(top).slice(2)}; base ${int(top.n)}). Respondents could choose more than one.`,
    );
  } else {
    out.push(`The most common answer was “${top.label}”, given by ${pct(top.estimate, 1)} of respondents (${ciText(top).slice(2)}; base ${int(top.n)}).`);
  }

  // Change since the earlier wave.
  const changes = (report.changes ?? []).filter((c) => c.question === q);
  const c = changes.find((x) => x.category === top.category);
  if (c) {
    if (c.suppressed || c.difference === null || c.from.estimate === null)
      out.push(`The change since ${c.from.wave} cannot be shown: ${c.reason ?? 'a base is too small'}`);
    else if (c.significant) {
      const phrase = rowPhrase(top.construct, top.category);
      const lead = phrase
        ? `${c.difference > 0 ? 'More' : 'Fewer'} ${ctx.respondents} ${phrase} than in ${c.from.wave}`
        : `“${plainLabel(c.label)}” ${c.difference > 0 ? 'rose' : 'fell'} since ${c.from.wave}`;
      out.push(
        `${lead}: ${pct(c.to.estimate, 1)} vs ${pct(c.from.estimate, 1)}, a significant ${c.difference > 0 ? 'rise' : 'fall'} of ${points(c.difference)}.`,
      );
    } else {
      out.push(
        `In ${c.from.wave} the figure was ${pct(c.from.estimate, 1)}; the change of ${signedPoints(c.difference)} points is not statistically significant.`,
      );
    }
  }
  const others = changes.filter((x) => x !== c && x.significant && !x.suppressed && x.difference !== null);
  if (others.length) {
    out.push(
      `Other significant changes since ${others[0].from.wave}: ${others.map((x) => `“${plainLabel(x.label)}” ${pct(x.to.estimate, 1)} vs ${pct(x.from.estimate, 1)} (${signedPoints(x.difference)} points)`).join('; ')}.`,
    );
  }

  // Differences between groups, breakdown by breakdown.
  for (const variable of report.by) {
    const v = variableWords(variable);
    const assoc: Association | undefined = report.associations.find((a) => a.question === q && a.variable === variable);
    const label = (value: string) => ctx.groupLabel.get(`${variable}|${value}`) ?? value;
    const sig = report.comparisons
      .filter((x) => x.question === q && x.variable === variable && x.category === top.category && x.significant && !x.suppressed && x.difference !== null)
      .sort((a, b) => Math.abs(b.difference!) - Math.abs(a.difference!));
    const test = assoc && assoc.F !== null ? ` (Rao–Scott test, adjusted p ${pWords(assoc.pAdjusted)})` : '';
    if (sig.length) {
      const named = sig.slice(0, DIFFERENCES_IN_WORDS).map((x) => {
        const [hi, lo, eHi, eLo] = x.difference! > 0 ? [x.a, x.b, x.estimateA!, x.estimateB!] : [x.b, x.a, x.estimateB!, x.estimateA!];
        return `${label(hi)} ${pct(eHi, 1)} vs ${label(lo)} ${pct(eLo, 1)} (${points(x.difference!)})`;
      });
      const more = sig.length > DIFFERENCES_IN_WORDS ? `, and ${sig.length - DIFFERENCES_IN_WORDS} more in the appendix` : '';
      out.push(
        `By ${v}, “${plainLabel(top.label)}” differs significantly between ${sig.length === 1 ? 'two groups' : 'groups'}: ${named.join('; ')}${more}.${assoc?.significant ? ` The pattern of all answers differs by ${v} too${test}.` : ''}`,
      );
    } else if (assoc?.significant) {
      out.push(`The pattern of answers differs by ${v}${test}, although no two groups differ significantly in “${plainLabel(top.label)}”.`);
    } else if (assoc && assoc.F === null) {
      out.push(`Differences by ${v} could not be tested${assoc.reason ? `: ${assoc.reason.replace(/\.$/, '')}` : ''}.`);
    } else {
      out.push(`There are no significant differences by ${v}${test}.`);
    }
  }
  return out;
}

/** When the findings rules write nothing (e.g. a survey without the headline questions): significant changes and group differences of headline nets, in sentences. */
export function fallbackFindings(ctx: Context): string[] {
  const { report: r, titleOf, groupLabel, headline } = ctx;
  const isHeadline = (q: string, category: string) => headline.get(q)?.net && headline.get(q)?.category === category;
  const out: string[] = [];
  for (const c of r.changes ?? []) {
    if (!c.significant || c.suppressed || !isHeadline(c.question, c.category) || c.difference === null) continue;
    out.push(
      `${titleOf(c.question)} (${plainLabel(c.label)}): ${pct(c.to.estimate)} in ${c.to.wave} vs ${pct(c.from.estimate)} in ${c.from.wave}, a significant ${c.difference > 0 ? 'rise' : 'fall'}.`,
    );
  }
  for (const c of r.comparisons) {
    if (!c.significant || c.suppressed || !isHeadline(c.question, c.category) || c.difference === null) continue;
    const a = groupLabel.get(`${c.variable}|${c.a}`) ?? c.a;
    const b = groupLabel.get(`${c.variable}|${c.b}`) ?? c.b;
    out.push(`${titleOf(c.question)} (${c.category.replace(/_/g, ' ')}): ${a} ${pct(c.estimateA)} vs ${b} ${pct(c.estimateB)} (significant difference).`);
  }
  return out;
}

/**
 * Who replied, ward by ward, against the population: the same map as the Returns page (under-
 * represented wards orange and hatched). Nothing when the questionnaire has no ward question,
 * there are no population figures, or no boundaries fit the ward lookup (the report says which).
 */
export async function returnsByWard(store: Store, opts: CommitteeReportOptions) {
  const returns = await returnsSummary(store, opts.slug, opts.wave);
  const known = returns.total - returns.wardNotGiven;
  if (!returns.wardQuestion || !known || returns.byWard.every((w) => w.populationShare === null)) return null;
  let map: Awaited<ReturnType<typeof wardMap>>;
  try {
    map = await wardMap(store);
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
    return null;
  }
  // A hidden ward has no gap: with the total it would give its count.
  const gaps = returns.byWard.map((w) => ({ ...w, gap: w.populationShare === null || w.share === null ? null : w.share - w.populationShare }));
  const points = (g: number) => `${Math.abs(g * 100).toFixed(1)} points`;
  const under = gaps.filter((w) => w.gap !== null && w.gap <= -RETURNS_IN_LINE).sort((a, b) => a.gap! - b.gap!);
  const values = new Map(
    gaps.map((w) => [
      w.wardCode,
      {
        value: w.gap,
        text: w.suppressed
          ? 'count hidden to protect a small group'
          : w.gap === null
            ? 'no population figure'
            : `${pct(w.share!, 1)} of returns, ${pct(w.populationShare!, 1)} of the population (${w.gap < 0 ? 'under' : 'over'} by ${points(w.gap)})`,
      },
    ]),
  );
  const summary = under.length
    ? `${under.length} of ${returns.byWard.length} wards gave fewer returns than their share of the population; most under-represented: ${under
        .slice(0, 3)
        .map((w) => `${w.ward} (under by ${points(w.gap!)})`)
        .join(', ')}. Weighting corrects for this, but their results rest on fewer replies.`
    : `Every ward's share of returns is within ${points(RETURNS_IN_LINE)} of its share of the population, or above it.`;
  const mapSummary = `Under-represented wards are orange and hatched, wards in line pale, over-represented wards purple. ${summary}`;
  const mapHtml = wardMapHtml(map, values, gapClasses(RETURNS_IN_LINE), {
    id: 'returns-ward-map',
    title: "Each ward's share of returns against its share of the population",
    summary: mapSummary,
    attribution: map.attribution,
  });
  const note = `Shares are of the ${known.toLocaleString('en-GB')} returns that name a ward; population shares are of adults in each ward.${
    returns.illustrativePopulationNotice ? ` ${returns.illustrativePopulationNotice}` : ''
  }`;
  return { summary, mapSummary, mapHtml, note };
}
