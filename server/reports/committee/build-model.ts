/**
 * The committee report as a document model (model.ts), section by section as the print copy
 * (committee-report.ts) has them: method, key findings, priorities, who replied by ward, charts,
 * results by question, and the appendix of significant group differences. The Word copy is
 * rendered from this.
 */
import { SMALL_EFFECTIVE_BASE } from '../../../analysis/report/build-report.js';
import { capitalise } from '../../../analysis/findings/phrases.js';
import type { Change, Comparison, Estimate } from '../../../analysis/report/types.js';
import { ILLUSTRATIVE_TARGETS_NOTICE } from '../../notices.js';
import type { Store } from '../../store/open.js';
import { barChartSvg, pct } from '../committee-report-svg.js';
import {
  CI_METHOD_TEXT,
  CONFIDENCE,
  type CommitteeReportOptions,
  committeeContext,
  fallbackFindings,
  fieldworkSentence,
  isResultQuestion,
  marginOfErrorText,
  plainLabel,
  questionSummary,
  returnsByWard,
  summaryLabel,
  variableWords,
  weightingSentence,
} from '../committee-report.js';
import type { Block, Cell, ReportDocument, Section } from './model.js';
import { prioritiesSection } from './priorities.js';

const int = (n: number) => n.toLocaleString('en-GB');
const signed = (d: number | null) => (d === null || !Number.isFinite(d) ? '' : d > 0 ? `+${(d * 100).toFixed(1)}` : (d * 100).toFixed(1));
const pValue = (p: number | null) => (p === null || !Number.isFinite(p) ? '' : p < 0.0001 ? '< 0.0001' : p.toFixed(4));
const suppressedCell = (reason: string | undefined, span: number): Cell => ({ text: `suppressed${reason ? ` — ${reason}` : ''}`, span });

function estimateCells(e: Estimate): Cell[] {
  if (e.suppressed || e.estimate === null) return [{ text: String(e.n) }, suppressedCell(e.reason, 2)];
  return [
    { text: String(e.n) },
    { text: `${pct(e.estimate, 1)}${e.caution ? ' (rough)' : ''}` },
    { text: e.ci ? `${pct(e.ci[0], 1)} to ${pct(e.ci[1], 1)}` : '' },
  ];
}

function changeRow(c: Change): Cell[] {
  if (c.suppressed) return [{ text: c.label, header: true }, suppressedCell(c.reason, 5)];
  const s = !!c.significant;
  return [
    { text: c.label, header: true, strong: s },
    { text: pct(c.from.estimate, 1), strong: s },
    { text: pct(c.to.estimate, 1), strong: s },
    { text: signed(c.difference), strong: s },
    { text: pValue(c.pAdjusted), strong: s },
    { text: s ? 'Yes' : 'No', strong: s },
  ];
}

/** The svg element of a ward map's HTML (figure, legend and table around it are the print copy's). */
const svgOf = (html: string) => html.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? null;

export function committeeReportModel(store: Store, opts: CommitteeReportOptions): ReportDocument {
  const { report, findings, ctx } = committeeContext(store, opts);
  const { data, titleOf, groupLabel, headline } = ctx;
  const sections: Section[] = [];

  const method: { term: string; text: string }[] = [
    { term: 'Survey and fieldwork', text: fieldworkSentence(data) },
    { term: 'Sample size', text: `${int(report.n)} complete responses (n) are used in this report.` },
    { term: 'Weighting', text: weightingSentence(report) },
    {
      term: 'Effective sample size',
      text: `${int(Math.round(report.nEffective))} (Kish: the sample size that weighted results are as precise as; weighting lowers it below n).`,
    },
    {
      term: 'Margin of error',
      text: `The overall results are accurate to ${marginOfErrorText(report.marginOfError)}. This means we can be ${CONFIDENCE} certain that, for a result of 50%, the true figure lies within ${(report.marginOfError * 100).toFixed(1)} percentage points of it. Results for smaller groups are less precise: see each confidence interval.`,
    },
    { term: 'Confidence intervals', text: `${CONFIDENCE} confidence intervals use ${CI_METHOD_TEXT[report.ciMethod]}, allowing for the weighting.` },
    {
      term: 'Significance',
      text: 'Differences between groups and between waves are tested with design-based t tests, and whether answers differ by a breakdown at all with the Rao–Scott test; p-values are adjusted for the number of comparisons made (Benjamini–Hochberg) and a difference is called significant only when the adjusted p-value is below 0.05.',
    },
    { term: 'Comparisons between groups', text: report.comparisonMethod },
  ];
  if (report.sampleDesign) method.push({ term: 'Sample design', text: report.sampleDesign.text });
  method.push({
    term: 'Suppression',
    text:
      `Any estimate resting on fewer than ${report.threshold} unweighted respondents is suppressed (shown as “suppressed” with the reason), to protect respondents and avoid unreliable figures. ` +
      `An estimate whose effective base (the number of simply sampled respondents that would give the same precision) is below ${SMALL_EFFECTIVE_BASE} is shown marked “(rough)”.`,
  });
  if (report.bases.length)
    method.push({
      term: 'Bases',
      text: "Percentages are of respondents who answered each question; “don't know” answers and blanks are left out of the base where stated in the tables.",
    });
  sections.push({ id: 'method', heading: 'Method', blocks: [{ kind: 'definitions', items: method }] });

  const sentences = findings.findings.map((f) => f.text);
  if (!sentences.length) sentences.push(...fallbackFindings(ctx));
  sections.push({
    id: 'findings',
    heading: 'Key findings',
    blocks: [
      sentences.length
        ? { kind: 'list', items: sentences }
        : { kind: 'paragraph', text: 'No statistically significant differences or changes were found in this wave.' },
    ],
  });

  const priorities = prioritiesSection(opts.priorities);
  if (priorities) sections.push(priorities);

  const returns = returnsByWard(store, opts);
  const mapSvg = returns && svgOf(returns.mapHtml);
  if (returns) {
    const blocks: Block[] = [{ kind: 'paragraph', text: returns.summary }];
    if (mapSvg)
      blocks.push({ kind: 'figure', svg: mapSvg, alt: returns.mapSummary, caption: "Each ward's share of returns against its share of the population." });
    blocks.push({ kind: 'paragraph', text: returns.note });
    sections.push({ id: 'returns-by-ward', heading: 'Who replied, by ward', blocks });
  }

  // Summary charts: each question's headline net across questions.
  let figureNo = 0;
  const charts: Block[] = [];
  const netGroups = new Map<string, Estimate[]>();
  for (const e of headline.values()) if (e.net && isResultQuestion(e.construct)) netGroups.set(e.label, [...(netGroups.get(e.label) ?? []), e]);
  for (const [label, rows] of netGroups) {
    figureNo++;
    const title = `${capitalise(plainLabel(label))}: weighted % of respondents with ${CONFIDENCE} confidence intervals`;
    charts.push(
      figure(
        `chart-${figureNo}`,
        title,
        `Bars show the weighted percentage, whiskers the ${CONFIDENCE} confidence interval.`,
        rows.map((e) => ({ label: summaryLabel(e, titleOf), estimate: e.estimate, ci: e.ci, suppressed: e.suppressed, reason: e.reason })),
        `Figure ${figureNo}. ${title}. The same figures are in the tables of each question.`,
      ),
    );
  }
  if (!figureNo) charts.push({ kind: 'paragraph', text: 'No question in this survey has a summary (net) category to chart.' });
  sections.push({ id: 'charts', heading: 'Charts', blocks: charts });

  // Question by question.
  const results: Block[] = [];
  const appendix: { question: string; variable: string; sig: Comparison[]; showCategory: boolean; what: string }[] = [];
  let tableNo = 0;
  const questions = [...new Set(report.estimates.filter((e) => isResultQuestion(e.construct)).map((e) => e.question))];
  for (const q of questions) {
    const rows = report.estimates.filter((e) => e.question === q && e.group === null);
    const top = headline.get(q);
    const net = top?.net ? top.category : undefined;
    results.push({ kind: 'heading', text: titleOf(q) });
    for (const s of questionSummary(ctx, q)) results.push({ kind: 'paragraph', text: s });
    const answers = rows.filter((e) => !e.net && e.category !== 'mean');
    if (answers.length) {
      figureNo++;
      const title = `${titleOf(q)}: all answers, weighted %`;
      results.push(
        figure(
          `chart-${figureNo}`,
          title,
          `Bars show the weighted percentage of respondents giving each answer, whiskers the ${CONFIDENCE} confidence interval.`,
          answers.map((e) => ({ label: e.label, estimate: e.estimate, ci: e.ci, suppressed: e.suppressed, reason: e.reason })),
          `Figure ${figureNo}. ${title}, with ${CONFIDENCE} confidence intervals.`,
        ),
      );
    }
    const base = report.bases.find((b) => b.question === q);
    tableNo++;
    results.push({
      kind: 'table',
      caption: `Table ${tableNo}. ${titleOf(q)}: weighted estimates, all respondents${base ? `. ${base.note}` : ''}`,
      head: ['Answer', 'Base (n)', 'Weighted %', `${CONFIDENCE} CI`],
      rows: rows.map((e) => [{ text: e.label, header: true }, ...estimateCells(e)]),
    });
    for (const variable of report.by) {
      const groupRows = report.estimates.filter((e) => e.question === q && e.group?.variable === variable && (net ? e.category === net : true));
      if (!groupRows.length) continue;
      tableNo++;
      const what = net ? plainLabel(groupRows[0].label) : 'answers';
      results.push({
        kind: 'table',
        caption: `Table ${tableNo}. ${titleOf(q)}: ${net ? `“${what}”` : what} by ${variableWords(variable)}`,
        head: [capitalise(variableWords(variable)), ...(net ? [] : ['Answer']), 'Base (n)', 'Weighted %', `${CONFIDENCE} CI`],
        rows: groupRows.map((e) => [{ text: e.group!.label, header: true }, ...(net ? [] : [{ text: e.label }]), ...estimateCells(e)]),
      });
      const comps = report.comparisons.filter((c) => c.question === q && c.variable === variable && (net ? c.category === net : true));
      if (comps.length)
        appendix.push({
          question: q,
          variable,
          sig: comps.filter((c) => c.significant && !c.suppressed),
          showCategory: !net,
          what: net ? `“${what}”` : 'answers',
        });
    }
    const changes = (report.changes ?? []).filter((c) => c.question === q && (c.net || !rows.some((e) => e.net)));
    if (changes.length) {
      tableNo++;
      const [from, to] = [changes[0].from.wave, changes[0].to.wave];
      results.push({
        kind: 'table',
        caption: `Table ${tableNo}. ${titleOf(q)}: change from ${from} to ${to} (significant after Benjamini–Hochberg adjustment in bold)`,
        head: ['Answer', from, to, 'Change (points)', 'Adjusted p', 'Significant?'],
        rows: changes.map(changeRow),
      });
    }
    if (appendix.some((a) => a.question === q && a.sig.length))
      results.push({ kind: 'paragraph', text: 'Significant differences between pairs of groups are listed in the appendix.' });
  }
  sections.push({ id: 'tables', heading: 'Results by question', blocks: results });

  if (appendix.length) {
    const catLabel = new Map(report.estimates.map((e) => [`${e.question}|${e.category}`, e.label]));
    const blocks: Block[] = [
      {
        kind: 'paragraph',
        text: 'The tables list the pairs of groups whose difference is significant after the Benjamini–Hochberg adjustment (adjusted p below 0.05), with the difference in percentage points (first group minus second); every pair, significant or not, is in the report tables workbook (XLSX).',
      },
    ];
    const none: string[] = [];
    for (const a of appendix) {
      if (!a.sig.length) {
        none.push(`${titleOf(a.question)} (by ${variableWords(a.variable)})`);
        continue;
      }
      tableNo++;
      const label = (v: string) => groupLabel.get(`${a.variable}|${v}`) ?? v;
      blocks.push({
        kind: 'table',
        caption: `Table ${tableNo}. ${titleOf(a.question)}: significant differences in ${a.what} between ${variableWords(a.variable)} groups`,
        head: ['Groups compared', ...(a.showCategory ? ['Answer'] : []), 'Difference (points)', 'Adjusted p', 'Significant?'],
        rows: a.sig.map((c) => [
          { text: `${label(c.a)} vs ${label(c.b)}`, header: true, strong: true },
          ...(a.showCategory ? [{ text: catLabel.get(`${c.question}|${c.category}`) ?? c.category }] : []),
          { text: signed(c.difference), strong: true },
          { text: pValue(c.pAdjusted), strong: true },
          { text: 'Yes', strong: true },
        ]),
      });
    }
    if (none.length) blocks.push({ kind: 'heading', text: 'No significant differences between groups' }, { kind: 'list', items: none });
    sections.push({ id: 'appendix', heading: 'Appendix: differences between groups', newPage: true, blocks });
  }

  const notices = [report.syntheticNotice, report.weighting.illustrativeTargets ? ILLUSTRATIVE_TARGETS_NOTICE : null].filter((n): n is string => !!n);
  if (notices.length) notices.push('Do not quote these figures as findings about any real area.');
  return {
    title: `${report.survey.title}: ${report.wave} results`,
    intro: `Community safety questions: summary for the Community Safety Partnership committee.${opts.compareWave ? ` Changes are compared with the ${opts.compareWave} wave.` : ''}`,
    notices,
    sections,
    footer: `Produced ${new Date().toISOString().slice(0, 10)} from the survey database. Figures are weighted estimates; see Method.`,
  };
}

function figure(id: string, title: string, note: string, rows: Parameters<typeof barChartSvg>[0]['rows'], caption: string): Block {
  const svg = barChartSvg({ id, title, note, rows });
  const desc = svg.match(/<desc[^>]*>([\s\S]*?)<\/desc>/)?.[1] ?? '';
  return { kind: 'figure', svg, alt: `${title}. ${unescapeHtml(desc)}`, caption };
}

/** The chart's <desc> back to plain text (barChartSvg escapes it for HTML). */
const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
