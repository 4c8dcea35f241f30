/**
 * The committee report: one self-contained, printable HTML document for a survey wave, in the
 * shape of the seeds' Appendix 4 (the council's write-up of its resident survey's community safety
 * questions): about the survey (fieldwork, sample, weighting, margin of error), key findings in
 * sentences, summary charts, then question by question a paragraph in words (the overall figure,
 * the change since the earlier wave, the differences between groups), a chart of the answers and
 * the tables; the significant pairwise group differences follow in an appendix. Nothing is called significant
 * unless the report flags it (Benjamini–Hochberg adjusted p below 0.05).
 *
 * Print: A4 with page numbers, the appendix starts a page, headings stay with
 * what follows, charts and table rows are never split, long tables repeat their header row. No
 * external resources (system fonts, inline CSS and SVG), every text escaped. Synthetic data and
 * illustrative weighting targets are announced at the top, in a box that prints.
 *
 *   committeeReportHtml(store, { slug: 'resident-safety', wave: '2026', by: ['sex'], compareWave: '2025' })
 */
import { REST_OF_SAMPLE } from '../../analysis/report/comparison-rules.js';
import { SMALL_EFFECTIVE_BASE } from '../../analysis/report/build-report.js';
import { capitalise, rowPhrase } from '../../analysis/findings/phrases.js';
import type { Association, Change, Comparison, Estimate, ReportQuestion } from '../../analysis/report/types.js';
import type { PriorityRanking } from './priority-ranking.js';
import type { Store } from '../store/open.js';
import { prioritiesSection } from './committee/priorities.js';
import { sectionHtml } from './committee/render-html.js';
import { gapClasses, RETURNS_IN_LINE } from '../areas/map-classes.js';
import { wardMap } from '../areas/maps.js';
import { WARD_MAP_CSS, wardMapHtml } from '../areas/ward-map-svg.js';
import { Conflict } from '../errors.js';
import { ILLUSTRATIVE_TARGETS_NOTICE } from '../notices.js';
import { escapeHtml as esc } from '../formats/html.js';
import { imputedWords, methodWords } from '../weighting/words.js';
import { barChartSvg, pct } from './committee-report-svg.js';
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
/** Tables with more body rows than this may break across pages (between rows); shorter ones never do. */
const LONG_TABLE_ROWS = 14;
/** Significant group differences named in a question's paragraph, per breakdown (the rest are in the appendix). */
const DIFFERENCES_IN_WORDS = 3;

export const CI_METHOD_TEXT: Record<SurveyReport['ciMethod'], string> = {
  logit: 'logit-transformed intervals with t on n − 1 degrees of freedom (as R survey::svyciprop, method "logit")',
  beta: 'Korn–Graubard (beta) intervals (as R survey::svyciprop, method "beta")',
  wilson: 'Wilson score intervals on the effective sample size',
};

/** Background questions are the breakdowns, not results to chart. */
export const isResultQuestion = (construct: string) => !construct.startsWith('demographic.');

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

function estimateCells(e: Pick<Estimate, 'n' | 'estimate' | 'ci' | 'suppressed' | 'reason' | 'caution'>): string {
  if (e.suppressed || e.estimate === null) {
    return `<td class="num">${e.n}</td><td colspan="2" class="suppressed">suppressed${e.reason ? ` — ${esc(e.reason)}` : ''}</td>`;
  }
  // A figure on a small effective base says so beside it (the method explains the rule).
  const rough = e.caution ? ' <span class="caution">(rough)</span>' : '';
  return `<td class="num">${e.n}</td><td class="num">${pct(e.estimate, 1)}${rough}</td><td class="num">${e.ci ? `${pct(e.ci[0], 1)} to ${pct(e.ci[1], 1)}` : ''}</td>`;
}

function pValue(p: number | null) {
  if (p === null || !Number.isFinite(p)) return '';
  return p < 0.0001 ? '&lt; 0.0001' : p.toFixed(4);
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

/** A table whose rows may break across pages when it is long (then its header row repeats). */
function table(rowCount: number, html: string) {
  return rowCount > LONG_TABLE_ROWS ? `<div class="long-table">${html}</div>` : html;
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; background: #fff; max-width: 56rem; margin: 0 auto; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #1f5f99; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
.notice { border: 3px solid #a00000; background: #fff1f1; padding: 0.75rem 1rem; font-weight: bold; margin: 1rem 0; }
.notice p { margin: 0.25rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #888; padding: 0.2rem 0.4rem; vertical-align: top; }
thead th { background: #e8eef5; }
th[scope="row"] { text-align: left; font-weight: normal; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.suppressed { font-style: italic; color: #333; }
tr.significant td, tr.significant th { font-weight: bold; }
figure { margin: 0.75rem 0 1rem; }
figcaption { font-size: 0.9rem; color: #333; }
svg.chart { display: block; max-width: 100%; height: auto; }
dl.method dt { font-weight: bold; margin-top: 0.5rem; }
dl.method dd { margin-left: 1rem; }
.summary p { margin: 0.35rem 0; }
.question { border-top: 1px solid #bbb; margin-top: 1.5rem; }
.question:first-of-type { border-top: 0; }
.see-appendix { font-size: 0.9rem; color: #333; }
footer { margin-top: 2rem; font-size: 0.9rem; color: #333; }
@page {
  size: A4;
  margin: 16mm 14mm 18mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 9pt; color: #444; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; }
  h3 { font-size: 12pt; }
  /* The appendix starts a page; everything else runs on. */
  h2.new-page { break-before: page; page-break-before: always; }
  h2, h3, h4, caption, .summary { break-after: avoid; page-break-after: avoid; }
  /* A question's heading, its paragraph and its chart stay together on one page. */
  .question-head, figure, svg, li, dd, tr, caption, thead, .notice { break-inside: avoid; page-break-inside: avoid; }
  table { break-inside: avoid; page-break-inside: avoid; }
  /* A long table may break between rows, but never straight after its caption and header. */
  .long-table table { break-inside: auto; page-break-inside: auto; }
  .long-table tbody tr:nth-child(-n+2), .see-appendix { break-before: avoid; page-break-before: avoid; }
  thead { display: table-header-group; }
  .question { border-top: 0; margin-top: 0; }
  .notice, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

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
export function committeeContext(store: Store, opts: CommitteeReportOptions) {
  const report = surveyReport(store, { slug: opts.slug, wave: opts.wave, by: opts.by ?? [], compareWave: opts.compareWave });
  // Findings read the report without breakdowns (plus sex / age band for the headline rows).
  const findings = surveyFindings(store, { slug: opts.slug, wave: opts.wave, compareWave: opts.compareWave });
  const data = loadWaveData(store, opts.slug, opts.wave);
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

export function committeeReportHtml(store: Store, opts: CommitteeReportOptions): string {
  const { report, findings, ctx } = committeeContext(store, opts);
  const { data, titleOf, groupLabel, headline } = ctx;
  const title = `${report.survey.title}: ${report.wave} results`;
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html>`, `<html lang="en">`, `<head>`, `<meta charset="utf-8">`, `<meta name="viewport" content="width=device-width, initial-scale=1">`);
  parts.push(`<title>${esc(title)}</title>`, `<style>${STYLE}${WARD_MAP_CSS}</style>`, `</head>`, `<body>`, `<header>`);
  parts.push(`<h1>${esc(title)}</h1>`);
  parts.push(
    `<p>Community safety questions: summary for the Community Safety Partnership committee.${opts.compareWave ? ` Changes are compared with the ${esc(opts.compareWave)} wave.` : ''}</p>`,
  );
  const notices = [report.syntheticNotice, report.weighting.illustrativeTargets ? ILLUSTRATIVE_TARGETS_NOTICE : null].filter((n): n is string => !!n);
  if (notices.length) {
    parts.push(
      `<div class="notice" role="note" aria-label="Important notice">${notices.map((n) => `<p>${esc(n)}</p>`).join('')}<p>Do not quote these figures as findings about any real area.</p></div>`,
    );
  }
  parts.push(`</header>`, `<main>`);

  // Method: what Appendix 4's "About the survey" says.
  parts.push(`<section aria-labelledby="method"><h2 id="method" class="first">Method</h2><dl class="method">`);
  const dl = (t: string, d: string) => parts.push(`<dt>${esc(t)}</dt><dd>${d}</dd>`);
  dl('Survey and fieldwork', esc(fieldworkSentence(data)));
  dl('Sample size', `${int(report.n)} complete responses (n) are used in this report.`);
  dl('Weighting', esc(weightingSentence(report)));
  dl(
    'Effective sample size',
    `${int(Math.round(report.nEffective))} (Kish: the sample size that weighted results are as precise as; weighting lowers it below n).`,
  );
  dl(
    'Margin of error',
    `The overall results are accurate to ${esc(marginOfErrorText(report.marginOfError))}. This means we can be ${CONFIDENCE} certain that, for a result of 50%, the true figure lies within ${(report.marginOfError * 100).toFixed(1)} percentage points of it. Results for smaller groups are less precise: see each confidence interval.`,
  );
  dl('Confidence intervals', `${CONFIDENCE} confidence intervals use ${esc(CI_METHOD_TEXT[report.ciMethod])}, allowing for the weighting.`);
  dl(
    'Significance',
    `Differences between groups and between waves are tested with design-based t tests, and whether answers differ by a breakdown at all with the Rao–Scott test; p-values are adjusted for the number of comparisons made (Benjamini–Hochberg) and a difference is called significant only when the adjusted p-value is below 0.05.`,
  );
  dl('Comparisons between groups', esc(report.comparisonMethod));
  if (report.sampleDesign) dl('Sample design', esc(report.sampleDesign.text));
  dl(
    'Suppression',
    `Any estimate resting on fewer than ${report.threshold} unweighted respondents is suppressed (shown as “suppressed” with the reason), to protect respondents and avoid unreliable figures. ` +
      `An estimate whose effective base (the number of simply sampled respondents that would give the same precision) is below ${SMALL_EFFECTIVE_BASE} is shown marked “(rough)”.`,
  );
  if (report.bases.length)
    dl(
      'Bases',
      `Percentages are of respondents who answered each question; “don't know” answers and blanks are left out of the base where stated in the tables.`,
    );
  parts.push(`</dl></section>`);

  // Key findings.
  parts.push(`<section aria-labelledby="findings"><h2 id="findings">Key findings</h2>`);
  const sentences = findings.findings.map((f) => f.text);
  if (!sentences.length) sentences.push(...fallbackFindings(ctx));
  if (sentences.length) parts.push(`<ul>${sentences.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`);
  else parts.push(`<p>No statistically significant differences or changes were found in this wave.</p>`);
  parts.push(`</section>`);

  const priorities = prioritiesSection(opts.priorities);
  if (priorities) parts.push(sectionHtml(priorities));

  parts.push(...returnsByWardSection(store, opts));

  // Summary charts: each question's headline net, side by side across questions.
  parts.push(`<section aria-labelledby="charts"><h2 id="charts">Charts</h2>`);
  const netGroups = new Map<string, Estimate[]>();
  for (const e of headline.values()) if (e.net && isResultQuestion(e.construct)) netGroups.set(e.label, [...(netGroups.get(e.label) ?? []), e]);
  let figureNo = 0;
  for (const [label, rows] of netGroups) {
    figureNo++;
    const chartTitle = `${capitalise(plainLabel(label))}: weighted % of respondents with ${CONFIDENCE} confidence intervals`;
    parts.push(`<figure>`);
    parts.push(
      barChartSvg({
        id: `chart-${figureNo}`,
        title: chartTitle,
        note: `Bars show the weighted percentage, whiskers the ${CONFIDENCE} confidence interval.`,
        rows: rows.map((e) => ({ label: summaryLabel(e, titleOf), estimate: e.estimate, ci: e.ci, suppressed: e.suppressed, reason: e.reason })),
      }),
    );
    parts.push(`<figcaption>Figure ${figureNo}. ${esc(chartTitle)}. The same figures are in the tables of each question.</figcaption></figure>`);
  }
  if (!figureNo) parts.push(`<p>No question in this survey has a summary (net) category to chart.</p>`);
  parts.push(`</section>`);

  // Question by question: words, a chart of the answers, the tables.
  parts.push(`<section aria-labelledby="tables"><h2 id="tables">Results by question</h2>`);
  const questions = [...new Set(report.estimates.filter((e) => isResultQuestion(e.construct)).map((e) => e.question))];
  let tableNo = 0;
  const appendix: { question: string; variable: string; comps: Comparison[]; showCategory: boolean; what: string }[] = [];
  for (const q of questions) {
    const rows = report.estimates.filter((e) => e.question === q && e.group === null);
    const top = headline.get(q);
    const net = top?.net ? top.category : undefined;
    parts.push(`<div class="question">`);
    parts.push(`<div class="question-head"><h3>${esc(titleOf(q))}</h3>`);
    parts.push(
      `<div class="summary">${questionSummary(ctx, q)
        .map((s) => `<p>${esc(s)}</p>`)
        .join('')}</div>`,
    );
    const answers = rows.filter((e) => !e.net && e.category !== 'mean');
    if (answers.length) {
      figureNo++;
      const chartTitle = `${titleOf(q)}: all answers, weighted %`;
      parts.push(`<figure>`);
      parts.push(
        barChartSvg({
          id: `chart-${figureNo}`,
          title: chartTitle,
          note: `Bars show the weighted percentage of respondents giving each answer, whiskers the ${CONFIDENCE} confidence interval.`,
          rows: answers.map((e) => ({ label: e.label, estimate: e.estimate, ci: e.ci, suppressed: e.suppressed, reason: e.reason })),
        }),
      );
      parts.push(`<figcaption>Figure ${figureNo}. ${esc(chartTitle)}, with ${CONFIDENCE} confidence intervals.</figcaption></figure>`);
    }
    parts.push(`</div>`);

    const base = report.bases.find((b) => b.question === q);
    tableNo++;
    parts.push(
      table(
        rows.length,
        `<table><caption>Table ${tableNo}. ${esc(titleOf(q))}: weighted estimates, all respondents${base ? `. ${esc(base.note)}` : ''}</caption>` +
          `<thead><tr><th scope="col">Answer</th><th scope="col">Base (n)</th><th scope="col">Weighted %</th><th scope="col">${CONFIDENCE} CI</th></tr></thead><tbody>` +
          rows.map((e) => `<tr><th scope="row">${esc(e.label)}</th>${estimateCells(e)}</tr>`).join('') +
          `</tbody></table>`,
      ),
    );

    for (const variable of report.by) {
      const groupRows = report.estimates.filter((e) => e.question === q && e.group?.variable === variable && (net ? e.category === net : true));
      if (!groupRows.length) continue;
      tableNo++;
      const what = net ? plainLabel(groupRows[0].label) : 'answers';
      const head = capitalise(variableWords(variable));
      parts.push(
        table(
          groupRows.length,
          `<table><caption>Table ${tableNo}. ${esc(titleOf(q))}: ${esc(net ? `“${what}”` : what)} by ${esc(variableWords(variable))}</caption>` +
            `<thead><tr><th scope="col">${esc(head)}</th>${net ? '' : '<th scope="col">Answer</th>'}<th scope="col">Base (n)</th><th scope="col">Weighted %</th><th scope="col">${CONFIDENCE} CI</th></tr></thead><tbody>` +
            groupRows.map((e) => `<tr><th scope="row">${esc(e.group!.label)}</th>${net ? '' : `<td>${esc(e.label)}</td>`}${estimateCells(e)}</tr>`).join('') +
            `</tbody></table>`,
        ),
      );
      const comps = report.comparisons.filter((c) => c.question === q && c.variable === variable && (net ? c.category === net : true));
      if (comps.length) appendix.push({ question: q, variable, comps, showCategory: !net, what: net ? `“${what}”` : 'answers' });
    }

    const changes = (report.changes ?? []).filter((c) => c.question === q && (c.net || !rows.some((e) => e.net)));
    if (changes.length) {
      tableNo++;
      const [from, to] = [changes[0].from.wave, changes[0].to.wave];
      parts.push(
        table(
          changes.length,
          `<table><caption>Table ${tableNo}. ${esc(titleOf(q))}: change from ${esc(from)} to ${esc(to)} (significant after Benjamini–Hochberg adjustment in bold)</caption>` +
            `<thead><tr><th scope="col">Answer</th><th scope="col">${esc(from)}</th><th scope="col">${esc(to)}</th><th scope="col">Change (points)</th><th scope="col">Adjusted p</th><th scope="col">Significant?</th></tr></thead><tbody>` +
            changes.map(changeRow).join('') +
            `</tbody></table>`,
        ),
      );
    }
    if (appendix.some((a) => a.question === q && a.comps.some((c) => c.significant && !c.suppressed))) {
      parts.push(`<p class="see-appendix">Significant differences between pairs of groups are listed in the appendix.</p>`);
    }
    parts.push(`</div>`);
  }
  parts.push(`</section>`);

  // Appendix: the pairwise comparisons between groups.
  // Only the significant pairs are listed (every pair is in the report tables workbook).
  if (appendix.length) {
    parts.push(`<section aria-labelledby="appendix"><h2 id="appendix" class="new-page">Appendix: differences between groups</h2>`);
    const compared = appendix.reduce((n, a) => n + a.comps.filter((c) => !c.suppressed).length, 0);
    parts.push(
      `<p>${int(compared)} pairs of groups were compared. The tables list the pairs whose difference is significant after the Benjamini–Hochberg adjustment (adjusted p below 0.05), with the difference in percentage points (first group minus second); every pair, significant or not, is in the report tables workbook (XLSX).</p>`,
    );
    const none: string[] = [];
    for (const a of appendix) {
      const sig = a.comps.filter((c) => c.significant && !c.suppressed);
      if (!sig.length) {
        none.push(`${titleOf(a.question)} (by ${variableWords(a.variable)})`);
        continue;
      }
      tableNo++;
      parts.push(
        comparisonTable(
          tableNo,
          `${titleOf(a.question)}: significant differences in ${a.what} between ${variableWords(a.variable)} groups`,
          sig,
          groupLabel,
          a.showCategory,
          report,
        ),
      );
    }
    if (none.length) parts.push(`<h3>No significant differences between groups</h3><ul>${none.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
    parts.push(`</section>`);
  }
  parts.push(
    `</main>`,
    `<footer><p>Produced ${esc(new Date().toISOString().slice(0, 10))} from the survey database. Figures are weighted estimates; see Method.</p></footer>`,
    `</body>`,
    `</html>`,
  );
  return parts.join('\n');
}

function changeRow(c: Change): string {
  if (c.suppressed)
    return `<tr><th scope="row">${esc(c.label)}</th><td colspan="5" class="suppressed">suppressed${c.reason ? ` — ${esc(c.reason)}` : ''}</td></tr>`;
  return `<tr${c.significant ? ' class="significant"' : ''}><th scope="row">${esc(c.label)}</th><td class="num">${pct(c.from.estimate, 1)}</td><td class="num">${pct(c.to.estimate, 1)}</td><td class="num">${signedPoints(c.difference)}</td><td class="num">${pValue(c.pAdjusted)}</td><td>${c.significant ? 'Yes' : 'No'}</td></tr>`;
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
  if (top.suppressed || top.estimate === null) {
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

function comparisonTable(no: number, caption: string, comps: Comparison[], groupLabel: Map<string, string>, showCategory: boolean, r: SurveyReport) {
  const label = (v: string, value: string) => groupLabel.get(`${v}|${value}`) ?? value;
  const catLabel = new Map(r.estimates.map((e) => [`${e.question}|${e.category}`, e.label]));
  const out = [`<table><caption>Table ${no}. ${esc(caption)}</caption>`];
  out.push(
    `<thead><tr><th scope="col">Groups compared</th>${showCategory ? '<th scope="col">Answer</th>' : ''}<th scope="col">Difference (points)</th><th scope="col">Adjusted p</th><th scope="col">Significant?</th></tr></thead><tbody>`,
  );
  for (const c of comps) {
    const pair = `${label(c.variable, c.a)} vs ${label(c.variable, c.b)}`;
    const cat = showCategory ? `<td>${esc(catLabel.get(`${c.question}|${c.category}`) ?? c.category)}</td>` : '';
    if (c.suppressed) {
      out.push(`<tr><th scope="row">${esc(pair)}</th>${cat}<td colspan="3" class="suppressed">suppressed${c.reason ? ` — ${esc(c.reason)}` : ''}</td></tr>`);
      continue;
    }
    out.push(
      `<tr${c.significant ? ' class="significant"' : ''}><th scope="row">${esc(pair)}</th>${cat}<td class="num">${signedPoints(c.difference)}</td><td class="num">${pValue(c.pAdjusted)}</td><td>${c.significant ? 'Yes' : 'No'}</td></tr>`,
    );
  }
  out.push(`</tbody></table>`);
  return table(comps.length, out.join(''));
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
export function returnsByWard(store: Store, opts: CommitteeReportOptions) {
  const returns = returnsSummary(store, opts.slug, opts.wave);
  const known = returns.byWard.reduce((a, w) => a + w.count, 0);
  if (!returns.wardQuestion || !known || returns.byWard.every((w) => w.populationShare === null)) return null;
  let map: ReturnType<typeof wardMap>;
  try {
    map = wardMap(store);
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
    return null;
  }
  const gaps = returns.byWard.map((w) => ({ ...w, gap: w.populationShare === null ? null : w.share - w.populationShare }));
  const points = (g: number) => `${Math.abs(g * 100).toFixed(1)} points`;
  const under = gaps.filter((w) => w.gap !== null && w.gap <= -RETURNS_IN_LINE).sort((a, b) => a.gap! - b.gap!);
  const values = new Map(
    gaps.map((w) => [
      w.wardCode,
      {
        value: w.gap,
        text:
          w.gap === null
            ? 'no population figure'
            : `${pct(w.share, 1)} of returns, ${pct(w.populationShare!, 1)} of the population (${w.gap < 0 ? 'under' : 'over'} by ${points(w.gap)})`,
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

function returnsByWardSection(store: Store, opts: CommitteeReportOptions): string[] {
  const r = returnsByWard(store, opts);
  if (!r) return [];
  return [
    `<section aria-labelledby="returns-by-ward"><h2 id="returns-by-ward">Who replied, by ward</h2>`,
    `<p>${esc(r.summary)}</p>`,
    r.mapHtml,
    `<p class="note">${esc(r.note)}</p>`,
    `</section>`,
  ];
}
