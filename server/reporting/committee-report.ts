/**
 * The committee report: one self-contained, printable HTML document for a survey wave, in the
 * shape of the seeds' Appendix 4 (a Community Safety Partnership's strategic assessment): about
 * the survey (method), key findings in sentences, a chart per question and tables of estimates,
 * group comparisons and wave-on-wave changes. No external resources (system fonts, inline CSS and
 * SVG), print CSS with page breaks, every text escaped. Synthetic data and illustrative weighting
 * targets are announced at the top, in a box that prints.
 *
 *   committeeReportHtml(store, { slug: 'resident-safety', wave: '2026', by: ['sex'], compareWave: '2025' })
 */
import type { Comparison, Estimate } from '../../analysis/report/types.js';
import type { Store } from '../db/open.js';
import { ILLUSTRATIVE_TARGETS_NOTICE } from '../exports/report-workbook.js';
import { barChartSvg, escapeHtml as esc, pct } from './committee-report-svg.js';
import { surveyFindings } from './findings.js';
import { surveyReport, type SurveyReport } from './survey-report.js';
import { loadWaveData } from './wave-data.js';

export interface CommitteeReportOptions {
  slug: string;
  wave: string;
  by?: string[];
  compareWave?: string;
}

const CONFIDENCE = '95%';

const CI_METHOD_TEXT: Record<SurveyReport['ciMethod'], string> = {
  logit: 'logit-transformed intervals with t on n − 1 degrees of freedom (as R survey::svyciprop, method "logit")',
  beta: 'Korn–Graubard (beta) intervals (as R survey::svyciprop, method "beta")',
  wilson: 'Wilson score intervals on the effective sample size',
};

/** Background questions are the breakdowns, not results to chart. */
const isResultQuestion = (construct: string) => !construct.startsWith('demographic.');

/** "±2.6%": the margin of error in percentage points, one decimal, as councils quote it. */
export function marginOfErrorText(moe: number): string {
  return `±${(moe * 100).toFixed(1)}% at the ${CONFIDENCE} confidence level`;
}

function weightingSentence(r: SurveyReport): string {
  const w = r.weighting;
  if (w.kind === 'design') return 'These responses have not yet been weighted to the population: results use design weights only and may not represent the area.';
  const method = w.method === 'raking' ? 'raking (iterative proportional fitting)' : 'post-stratification';
  const margins = w.margins?.length ? ` to the population by ${w.margins.map((m) => m.replace(/_/g, ' ')).join(', ')}` : '';
  const excluded = w.excluded ? ` ${w.excluded} responses could not be weighted (no population target for their answer, such as “prefer not to say”, or a weighting question left blank) and are left out.` : '';
  return `Responses were weighted${margins} using ${method}, so that the results reflect the population rather than who happened to reply.${excluded}`;
}

/** Each question's headline net (its first net, e.g. "safe", "worried"), overall. */
function headlineRows(r: SurveyReport) {
  const firstNet = new Map<string, string>();
  for (const e of r.estimates) if (e.net && !firstNet.has(e.question)) firstNet.set(e.question, e.category);
  return { firstNet, overall: r.estimates.filter((e) => e.group === null && e.net && firstNet.get(e.question) === e.category && isResultQuestion(e.construct)) };
}

function questionTitles(titles: Map<string, string>) {
  return (q: string) => titles.get(q) ?? q.replace(/_/g, ' ');
}

function estimateCells(e: Pick<Estimate, 'n' | 'estimate' | 'ci' | 'suppressed' | 'reason'>): string {
  if (e.suppressed || e.estimate === null) {
    return `<td class="num">${e.n}</td><td colspan="2" class="suppressed">suppressed${e.reason ? ` — ${esc(e.reason)}` : ''}</td>`;
  }
  return `<td class="num">${e.n}</td><td class="num">${pct(e.estimate, 1)}</td><td class="num">${e.ci ? `${pct(e.ci[0], 1)} to ${pct(e.ci[1], 1)}` : ''}</td>`;
}

function pValue(p: number | null) {
  if (p === null || !Number.isFinite(p)) return '';
  return p < 0.0001 ? '&lt; 0.0001' : p.toFixed(4);
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; background: #fff; max-width: 56rem; margin: 0 auto; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #1f5f99; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
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
figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 0.9rem; color: #333; }
svg.chart { max-width: 100%; height: auto; }
dl.method dt { font-weight: bold; margin-top: 0.5rem; }
dl.method dd { margin-left: 1rem; }
.question { break-inside: avoid-page; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  @page { size: A4; margin: 18mm 15mm; }
  h2 { break-before: page; page-break-before: always; }
  h2.first { break-before: auto; page-break-before: auto; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  table, figure { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

export function committeeReportHtml(store: Store, opts: CommitteeReportOptions): string {
  const report = surveyReport(store, { slug: opts.slug, wave: opts.wave, by: opts.by ?? [], compareWave: opts.compareWave });
  // Findings read the report without breakdowns (plus sex / age band for the headline rows).
  const findings = surveyFindings(store, { slug: opts.slug, wave: opts.wave, compareWave: opts.compareWave });
  const titles = new Map<string, string>();
  for (const e of report.estimates) if (!titles.has(e.question)) titles.set(e.question, e.question.replace(/_/g, ' '));
  const wording = questionWording(store, opts.slug, opts.wave);
  for (const [k, v] of wording) titles.set(k, v);
  const titleOf = questionTitles(titles);

  const { firstNet, overall } = headlineRows(report);
  const groupLabel = new Map<string, string>();
  for (const e of report.estimates) if (e.group) groupLabel.set(`${e.group.variable}|${e.group.value}`, e.group.label);
  const variableTitle = (v: string) => titles.get(v) ?? v.replace(/_/g, ' ');

  const title = `${report.survey.title}: ${report.wave} results`;
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html>`, `<html lang="en">`, `<head>`, `<meta charset="utf-8">`, `<meta name="viewport" content="width=device-width, initial-scale=1">`);
  parts.push(`<title>${esc(title)}</title>`, `<style>${STYLE}</style>`, `</head>`, `<body>`, `<header>`);
  parts.push(`<h1>${esc(title)}</h1>`);
  parts.push(`<p>Community safety questions: summary for the Community Safety Partnership committee.${opts.compareWave ? ` Changes are compared with the ${esc(opts.compareWave)} wave.` : ''}</p>`);
  const notices = [report.syntheticNotice, report.weighting.illustrativeTargets ? ILLUSTRATIVE_TARGETS_NOTICE : null].filter((n): n is string => !!n);
  if (notices.length) {
    parts.push(`<div class="notice" role="note" aria-label="Important notice">${notices.map((n) => `<p>${esc(n)}</p>`).join('')}<p>Do not quote these figures as findings about any real area.</p></div>`);
  }
  parts.push(`</header>`, `<main>`);

  // Method: what Appendix 4's "About the survey" says.
  parts.push(`<section aria-labelledby="method"><h2 id="method" class="first">Method</h2><dl class="method">`);
  const dl = (t: string, d: string) => parts.push(`<dt>${esc(t)}</dt><dd>${d}</dd>`);
  dl('Survey and fieldwork wave', `${esc(report.survey.title)} (${esc(report.survey.slug)}), wave ${esc(report.wave)}.`);
  dl('Sample size', `${report.n.toLocaleString('en-GB')} complete responses (n) are used in this report.`);
  dl('Weighting', esc(weightingSentence(report)));
  dl('Effective sample size', `${Math.round(report.nEffective).toLocaleString('en-GB')} (Kish: the sample size that weighted results are as precise as; weighting lowers it below n).`);
  dl(
    'Margin of error',
    `The overall results are accurate to ${esc(marginOfErrorText(report.marginOfError))}. This means we can be ${CONFIDENCE} certain that, for a result of 50%, the true figure lies within ${(report.marginOfError * 100).toFixed(1)} percentage points of it. Results for smaller groups are less precise: see each confidence interval.`,
  );
  dl('Confidence intervals', `${CONFIDENCE} confidence intervals use ${esc(CI_METHOD_TEXT[report.ciMethod])}, allowing for the weighting.`);
  dl(
    'Significance',
    `Differences between groups and between waves are tested with design-based t tests; p-values are adjusted for the number of comparisons made (Benjamini–Hochberg) and a difference is called significant when the adjusted p-value is below 0.05.`,
  );
  dl('Suppression', `Any estimate resting on fewer than ${report.threshold} unweighted respondents is suppressed (shown as “suppressed” with the reason), to protect respondents and avoid unreliable figures.`);
  if (report.bases.length) dl('Bases', `Percentages are of respondents who answered each question; “don't know” answers and blanks are left out of the base where stated in the tables.`);
  parts.push(`</dl></section>`);

  // Key findings.
  parts.push(`<section aria-labelledby="findings"><h2 id="findings">Key findings</h2>`);
  const sentences = findings.findings.map((f) => f.text);
  if (!sentences.length) sentences.push(...fallbackFindings(report, titleOf, groupLabel));
  if (sentences.length) parts.push(`<ul>${sentences.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`);
  else parts.push(`<p>No statistically significant differences or changes were found in this wave.</p>`);
  parts.push(`</section>`);

  // Charts of each question's headline net.
  parts.push(`<section aria-labelledby="charts"><h2 id="charts">Charts</h2>`);
  const netGroups = new Map<string, Estimate[]>();
  for (const e of overall) netGroups.set(e.label, [...(netGroups.get(e.label) ?? []), e]);
  let chartNo = 0;
  for (const [label, rows] of netGroups) {
    chartNo++;
    const chartTitle = `${label.replace(/^Net:\s*/i, '').replace(/^./, (c) => c.toUpperCase())}: weighted % of respondents with ${CONFIDENCE} confidence intervals`;
    parts.push(`<figure>`);
    parts.push(
      barChartSvg({
        id: `chart-${chartNo}`,
        title: chartTitle,
        note: `Bars show the weighted percentage, whiskers the ${CONFIDENCE} confidence interval.`,
        rows: rows.map((e) => ({ label: titleOf(e.question), estimate: e.estimate, ci: e.ci, suppressed: e.suppressed, reason: e.reason })),
      }),
    );
    parts.push(`<figcaption>Figure ${chartNo}. ${esc(chartTitle)}. The same figures are in the tables below.</figcaption></figure>`);
  }
  if (!chartNo) parts.push(`<p>No question in this survey has a summary (net) category to chart.</p>`);
  parts.push(`</section>`);

  // Tables per question.
  parts.push(`<section aria-labelledby="tables"><h2 id="tables">Results by question</h2>`);
  const questions = [...new Set(report.estimates.filter((e) => isResultQuestion(e.construct)).map((e) => e.question))];
  let tableNo = 0;
  for (const q of questions) {
    parts.push(`<div class="question"><h3>${esc(titleOf(q))}</h3>`);
    const base = report.bases.find((b) => b.question === q);
    if (base) parts.push(`<p>${esc(base.note)}</p>`);
    const rows = report.estimates.filter((e) => e.question === q && e.group === null);
    tableNo++;
    parts.push(`<table><caption>Table ${tableNo}. ${esc(titleOf(q))}: weighted estimates, all respondents</caption>`);
    parts.push(`<thead><tr><th scope="col">Answer</th><th scope="col">Base (n)</th><th scope="col">Weighted %</th><th scope="col">${CONFIDENCE} CI</th></tr></thead><tbody>`);
    for (const e of rows) parts.push(`<tr><th scope="row">${esc(e.label)}</th>${estimateCells(e)}</tr>`);
    parts.push(`</tbody></table>`);

    const net = firstNet.get(q);
    for (const variable of report.by) {
      const groupRows = report.estimates.filter((e) => e.question === q && e.group?.variable === variable && (net ? e.category === net : true));
      if (!groupRows.length) continue;
      tableNo++;
      const what = net ? groupRows[0].label : 'answers';
      parts.push(`<table><caption>Table ${tableNo}. ${esc(titleOf(q))}: ${esc(what)} by ${esc(variableTitle(variable))}</caption>`);
      parts.push(`<thead><tr><th scope="col">${esc(variableTitle(variable))}</th>${net ? '' : '<th scope="col">Answer</th>'}<th scope="col">Base (n)</th><th scope="col">Weighted %</th><th scope="col">${CONFIDENCE} CI</th></tr></thead><tbody>`);
      for (const e of groupRows) parts.push(`<tr><th scope="row">${esc(e.group!.label)}</th>${net ? '' : `<td>${esc(e.label)}</td>`}${estimateCells(e)}</tr>`);
      parts.push(`</tbody></table>`);

      const comps = report.comparisons.filter((c) => c.question === q && c.variable === variable && (net ? c.category === net : true));
      if (comps.length) {
        tableNo++;
        parts.push(comparisonTable(tableNo, `${titleOf(q)}: differences in ${what} between ${variableTitle(variable)} groups`, comps, groupLabel, !net, report));
      }
    }

    const changes = (report.changes ?? []).filter((c) => c.question === q && c.net);
    if (changes.length) {
      tableNo++;
      parts.push(`<table><caption>Table ${tableNo}. ${esc(titleOf(q))}: change from ${esc(changes[0].from.wave)} to ${esc(changes[0].to.wave)}</caption>`);
      parts.push(
        `<thead><tr><th scope="col">Answer</th><th scope="col">${esc(changes[0].from.wave)}</th><th scope="col">${esc(changes[0].to.wave)}</th><th scope="col">Change (points)</th><th scope="col">Adjusted p</th><th scope="col">Significant?</th></tr></thead><tbody>`,
      );
      for (const c of changes) {
        if (c.suppressed) {
          parts.push(`<tr><th scope="row">${esc(c.label)}</th><td colspan="5" class="suppressed">suppressed${c.reason ? ` — ${esc(c.reason)}` : ''}</td></tr>`);
          continue;
        }
        parts.push(
          `<tr${c.significant ? ' class="significant"' : ''}><th scope="row">${esc(c.label)}</th><td class="num">${pct(c.from.estimate, 1)}</td><td class="num">${pct(c.to.estimate, 1)}</td><td class="num">${signedPoints(c.difference)}</td><td class="num">${pValue(c.pAdjusted)}</td><td>${c.significant ? 'Yes' : 'No'}</td></tr>`,
        );
      }
      parts.push(`</tbody></table>`);
    }
    parts.push(`</div>`);
  }
  parts.push(`</section>`);
  parts.push(`</main>`, `<footer><p>Produced ${esc(new Date().toISOString().slice(0, 10))} from the survey database. Figures are weighted estimates; see Method.</p></footer>`, `</body>`, `</html>`);
  return parts.join('\n');
}

function signedPoints(d: number | null) {
  if (d === null || !Number.isFinite(d)) return '';
  const v = (d * 100).toFixed(1);
  return d > 0 ? `+${v}` : v;
}

function comparisonTable(no: number, caption: string, comps: Comparison[], groupLabel: Map<string, string>, showCategory: boolean, r: SurveyReport) {
  const label = (v: string, value: string) => groupLabel.get(`${v}|${value}`) ?? value;
  const catLabel = new Map(r.estimates.map((e) => [`${e.question}|${e.category}`, e.label]));
  const out = [`<table><caption>Table ${no}. ${esc(caption)} (significant after Benjamini–Hochberg adjustment in bold)</caption>`];
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
  return out.join('');
}

/** When the findings rules write nothing (e.g. a survey without the headline questions): significant changes and group differences of headline nets, in sentences. */
function fallbackFindings(r: SurveyReport, titleOf: (q: string) => string, groupLabel: Map<string, string>): string[] {
  const { firstNet } = headlineRows(r);
  const out: string[] = [];
  for (const c of r.changes ?? []) {
    if (!c.significant || c.suppressed || firstNet.get(c.question) !== c.category || c.difference === null) continue;
    out.push(`${titleOf(c.question)} (${c.label.replace(/^Net:\s*/i, '')}): ${pct(c.to.estimate)} in ${c.to.wave} vs ${pct(c.from.estimate)} in ${c.from.wave}, a significant ${c.difference > 0 ? 'rise' : 'fall'}.`);
  }
  for (const c of r.comparisons) {
    if (!c.significant || c.suppressed || firstNet.get(c.question) !== c.category || c.difference === null) continue;
    const a = groupLabel.get(`${c.variable}|${c.a}`) ?? c.a;
    const b = groupLabel.get(`${c.variable}|${c.b}`) ?? c.b;
    out.push(`${titleOf(c.question)} (${c.category.replace(/_/g, ' ')}): ${a} ${pct(c.estimateA)} vs ${b} ${pct(c.estimateB)} (significant difference).`);
  }
  return out;
}

/** Question wording from the questionnaire, keyed by name. */
function questionWording(store: Store, slug: string, wave: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const q of loadWaveDataQuestions(store, slug, wave)) if (q.title) out.set(q.name, q.title);
  return out;
}

function loadWaveDataQuestions(store: Store, slug: string, wave: string) {
  const d = loadWaveData(store, slug, wave);
  return [...d.questions, ...d.breakdowns];
}
