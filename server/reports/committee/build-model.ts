/**
 * The committee report as a document model (model.ts): the single source of the print copy
 * (render-html.ts) and the Word copy (render-docx.ts). The main body, in plain English: title page,
 * contents, executive summary, how the survey was done, who replied against the population, how
 * precise the figures are, findings by theme (feeling safe, worry, perception beside recorded
 * crime), priorities. Then the technical annex: the method in full and every table. Background
 * (demographic) questions are never results, only breakdowns; suppressed rows are left out of the
 * tables and counted in their captions.
 */
import { SMALL_EFFECTIVE_BASE } from '../../../analysis/report/build-report.js';
import { capitalise } from '../../../analysis/findings/phrases.js';
import type { Change, Comparison, Estimate } from '../../../analysis/report/types.js';
import { ILLUSTRATIVE_TARGETS_NOTICE } from '../../notices.js';
import { councilLogo, councilSettings } from '../../settings/settings.js';
import type { Store } from '../../store/open.js';
import { latestCalibration } from '../../weighting/run.js';
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
import { legendOf } from '../../areas/ward-map-svg.js';
import { returnsSummary } from '../returns.js';
import { howReachedBlocks, ukDate } from './how-reached.js';
import type { Block, Cell, ReportDocument, Section } from './model.js';
import { perceptionBlocks, perceptionSummary, tryPerception } from './perception-crime.js';
import { prioritiesSection } from './priorities.js';
import { UNDER_RULE, underRepresentedWords, whoReplied, whoRepliedTable } from './who-replied.js';

/** The executive summary's sentences at most. */
const SUMMARY_SENTENCES = 8;
/** The themes of the findings: a heading, and the constructs (prefix) whose questions it holds. */
const THEMES = [
  { id: 'safety', heading: 'Feeling safe', prefix: 'safety.' },
  { id: 'worry', heading: 'Worry about crime', prefix: 'worry.' },
] as const;
const int = (n: number) => n.toLocaleString('en-GB');
const signed = (d: number | null) => (d === null || !Number.isFinite(d) ? '' : d > 0 ? `+${(d * 100).toFixed(1)}` : (d * 100).toFixed(1));
const pValue = (p: number | null) => (p === null || !Number.isFinite(p) ? '' : p < 0.0001 ? '< 0.0001' : p.toFixed(4));

function estimateCells(e: Estimate): Cell[] {
  return [
    { text: e.n === null ? '' : String(e.n) },
    { text: `${pct(e.estimate, 1)}${e.caution ? ' (rough)' : ''}` },
    { text: e.ci ? `${pct(e.ci[0], 1)} to ${pct(e.ci[1], 1)}` : '' },
  ];
}

function changeRow(c: Change): Cell[] {
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

export async function committeeReportModel(store: Store, opts: CommitteeReportOptions): Promise<ReportDocument> {
  const { report, findings, ctx } = await committeeContext(store, opts);
  const { data, titleOf, groupLabel, headline } = ctx;
  const body: Section[] = [];
  const annex: Section[] = [];
  let tableNo = 0;
  let figureNo = 0;

  const perception = await tryPerception(store, { slug: opts.slug, wave: opts.wave, compareWave: opts.compareWave });
  const returns = await returnsSummary(store, opts.slug, opts.wave);
  const calibration = await latestCalibration(store, data.wave.id);
  const shares = whoReplied(data, calibration?.margins ?? []);
  const under = underRepresentedWords(shares.filter((w) => w.variable !== 'ward'));

  // Executive summary: perception beside crime first, then the strongest findings.
  const summary: string[] = perceptionSummary(perception).slice(0, 2);
  // The strongest findings, one per question (the "safe" and "unsafe" sides of one change say the same).
  const seen = new Set<string>();
  const found = findings.findings.filter((f) => {
    const key = `${f.kind}|${f.figures[0]?.question ?? f.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sentences = found.length ? found.map((f) => f.text) : fallbackFindings(ctx);
  summary.push(...sentences.slice(0, SUMMARY_SENTENCES - 1 - summary.length));
  summary.push(
    `These results come from ${int(report.n)} ${ctx.respondents} who replied, weighted so that they match the population${
      under.length ? `; ${under.length === 1 ? 'one group was' : `${under.length} groups were`} under-represented among the replies (see “Who replied”)` : ''
    }.`,
  );
  body.push({
    id: 'summary',
    heading: 'Executive summary',
    blocks:
      summary.length > 1
        ? summary.map((text) => ({ kind: 'paragraph', text }))
        : [{ kind: 'paragraph', text: 'No statistically significant differences or changes were found in this wave.' }],
  });

  body.push({ id: 'how-done', heading: 'How the survey was done', blocks: await howReachedBlocks(store, data, returns, report.n) });

  // Who replied against the population.
  const who: Block[] = [
    {
      kind: 'paragraph',
      text: `The replies are compared with the population for each thing the results were weighted by, and for ethnic group. ${UNDER_RULE} “Weighted replies” are the shares after weighting, which is what every result in this report uses.`,
    },
  ];
  for (const w of shares.filter((x) => x.variable !== 'ward')) who.push(whoRepliedTable(w, ++tableNo, variableWords(w.variable.replace(/_group$/, ''))));
  if (shares.some((w) => w.variable === 'ward')) who.push({ kind: 'paragraph', text: 'The shares by ward are in the technical annex.' });
  who.push({
    kind: 'paragraph',
    text: under.length
      ? `Under-represented: ${under.join('; ')}. Weighting gives their replies more weight, but results for these groups rest on fewer replies and are less precise.`
      : 'No group is under-represented by this rule.',
  });
  if (shares.some((w) => w.groups.some((g) => g.population === null)))
    who.push({
      kind: 'paragraph',
      text: 'No population figures are held for ethnic group, so the replies cannot be compared with it; they are shown for information.',
    });
  if (!shares.length)
    who.push({ kind: 'paragraph', text: 'This wave has not been weighted to population figures, so the replies cannot be compared with the population.' });
  body.push({ id: 'who-replied', heading: 'Who replied', blocks: who });

  const byWard = await returnsByWard(store, opts);
  const mapSvg = byWard && svgOf(byWard.mapHtml);
  if (byWard) {
    const blocks: Block[] = [{ kind: 'paragraph', text: byWard.summary }];
    if (mapSvg)
      blocks.push({
        kind: 'figure',
        svg: mapSvg,
        alt: byWard.mapSummary,
        caption: "Each ward's share of returns against its share of the population.",
        html: byWard.mapHtml,
        legend: legendOf(byWard.mapHtml),
      });
    blocks.push({ kind: 'paragraph', text: byWard.note });
    body.push({ id: 'returns-by-ward', heading: 'Who replied, by ward', blocks });
  }

  const moe = (report.marginOfError * 100).toFixed(1);
  body.push({
    id: 'precision',
    heading: 'How precise the figures are',
    blocks: [
      {
        kind: 'paragraph',
        text: `A survey asks some people, not everyone, so its figures are estimates. For a figure of about 50% from all ${int(report.n)} replies, the true figure is likely to be within ±${moe} percentage points of it (we can be ${CONFIDENCE} confident it lies between ${(50 - Number(moe)).toFixed(1)}% and ${(50 + Number(moe)).toFixed(1)}%). Figures for smaller groups, such as one ward or one age band, are less precise.`,
      },
      {
        kind: 'definitions',
        items: [
          {
            term: 'Weighted',
            text: 'Replies are given more or less weight so that the replies as a whole match the population (for example, by age and sex).',
          },
          {
            term: 'Significant',
            text: 'A difference or change is called significant only when it is too large to be put down to chance in who happened to reply. Differences not called significant may be chance.',
          },
          { term: 'Range (95% confidence interval)', text: `The range the true figure is likely to lie in, ${CONFIDENCE} of the time.` },
        ],
      },
    ],
  });

  // Findings by theme.
  const results = (prefix: string) => [
    ...new Set(report.estimates.filter((e) => e.construct.startsWith(prefix) && isResultQuestion(e.construct)).map((e) => e.question)),
  ];
  const inQuestions = (qs: string[]) => findings.findings.filter((f) => f.figures.some((x) => qs.includes(x.question)));
  for (const theme of THEMES) {
    const qs = results(theme.prefix);
    if (!qs.length) continue;
    const blocks: Block[] = [];
    const said = inQuestions(qs).map((f) => f.text);
    blocks.push(
      said.length ? { kind: 'list', items: said } : { kind: 'paragraph', text: 'No significant differences or changes were found on these questions.' },
    );
    const rows = qs.map((q) => headline.get(q)).filter((e): e is Estimate => !!e && e.net);
    if (rows.length) {
      const label = plainLabel(rows[0].label);
      const title = `${capitalise(theme.heading)}: share of ${ctx.respondents} answering “${label}” or similar, with ${CONFIDENCE} ranges`;
      figureNo++;
      blocks.push(
        figure(
          `chart-${figureNo}`,
          title,
          `Bars show the weighted percentage, whiskers the ${CONFIDENCE} range.`,
          rows.map((e) => ({
            label: `${summaryLabel(e, titleOf)} (${plainLabel(e.label)})`,
            estimate: e.estimate,
            ci: e.ci,
            suppressed: e.suppressed,
            reason: e.reason,
          })),
          `Figure ${figureNo}. ${title}.`,
        ),
      );
      const changes = new Map((report.changes ?? []).map((c) => [`${c.question}|${c.category}`, c]));
      const hasChange = rows.some((e) => changes.has(`${e.question}|${e.category}`));
      tableNo++;
      blocks.push({
        kind: 'table',
        caption: `Table ${tableNo}. ${theme.heading}: the headline answer of each question, all ${ctx.respondents}`,
        head: ['Question', 'Answer', 'Weighted %', `${CONFIDENCE} range`, ...(hasChange ? [`Change since ${opts.compareWave}`] : [])],
        rows: rows
          .filter((e) => !e.suppressed && e.estimate !== null)
          .map((e) => {
            const c = changes.get(`${e.question}|${e.category}`);
            return [
              { text: titleOf(e.question), header: true },
              { text: plainLabel(e.label) },
              { text: pct(e.estimate, 1) },
              { text: e.ci ? `${pct(e.ci[0], 1)} to ${pct(e.ci[1], 1)}` : '' },
              ...(hasChange
                ? [
                    {
                      text: c && !c.suppressed && c.difference !== null ? `${signed(c.difference)} points${c.significant ? ' (significant)' : ''}` : '',
                      strong: !!c?.significant,
                    },
                  ]
                : []),
            ];
          }),
      });
    }
    body.push({ id: theme.id, heading: theme.heading, blocks });
  }

  body.push({ id: 'perception', heading: 'Feelings beside recorded crime', blocks: await perceptionBlocks(store, data, perception, headline) });

  const priorities = prioritiesSection(opts.priorities);
  if (priorities) body.push(priorities);

  // Technical annex: the method in full.
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
      `Any estimate resting on fewer than ${report.threshold} unweighted respondents is suppressed, to protect respondents and avoid unreliable figures: such rows are left out of the tables, and each table's caption says how many. ` +
      `An estimate whose effective base (the number of simply sampled respondents that would give the same precision) is below ${SMALL_EFFECTIVE_BASE} is shown marked “(rough)”.`,
  });
  if (report.bases.length)
    method.push({
      term: 'Bases',
      text: "Percentages are of respondents who answered each question; “don't know” answers and blanks are left out of the base where stated in the tables.",
    });
  method.push({ term: 'Under-represented groups', text: UNDER_RULE });
  method.push({
    term: 'Background questions',
    text: 'Questions about the respondent (such as sex, age band, ethnic group, ward or household) are used only to break results down; they are not reported as results by one another.',
  });
  if (typeof perception !== 'string') method.push({ term: 'Feelings beside recorded crime', text: perception.method.join(' ') });
  annex.push({ id: 'method', heading: 'Technical annex: method', newPage: true, blocks: [{ kind: 'definitions', items: method }] });

  const wardShares = shares.find((w) => w.variable === 'ward');
  if (wardShares)
    annex.push({ id: 'who-replied-ward', heading: 'Technical annex: who replied, by ward', blocks: [whoRepliedTable(wardShares, ++tableNo, 'ward')] });

  // Question by question.
  const tables: Block[] = [];
  const appendix: { question: string; variable: string; sig: Comparison[]; showCategory: boolean; what: string }[] = [];
  const questions = [...new Set(report.estimates.filter((e) => isResultQuestion(e.construct)).map((e) => e.question))];
  for (const q of questions) {
    const rows = report.estimates.filter((e) => e.question === q && e.group === null);
    const top = headline.get(q);
    const net = top?.net ? top.category : undefined;
    tables.push({ kind: 'heading', text: titleOf(q) });
    for (const s of questionSummary(ctx, q)) tables.push({ kind: 'paragraph', text: s });
    const answers = rows.filter((e) => !e.net && e.category !== 'mean');
    if (answers.length) {
      figureNo++;
      const title = `${titleOf(q)}: all answers, weighted %`;
      tables.push(
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
    const shown = rows.filter((e) => !e.suppressed && e.estimate !== null);
    if (shown.length)
      tables.push({
        kind: 'table',
        caption: `Table ${++tableNo}. ${titleOf(q)}: weighted estimates, all respondents${base ? `. ${base.note}` : ''}${left(rows.length - shown.length, report.threshold)}`,
        head: ['Answer', 'Base (n)', 'Weighted %', `${CONFIDENCE} CI`],
        rows: shown.map((e) => [{ text: e.label, header: true }, ...estimateCells(e)]),
      });
    for (const variable of report.by) {
      const groupRows = report.estimates.filter((e) => e.question === q && e.group?.variable === variable && (net ? e.category === net : true));
      const visible = groupRows.filter((e) => !e.suppressed && e.estimate !== null);
      if (!groupRows.length) continue;
      const what = net ? plainLabel(groupRows[0].label) : 'answers';
      if (visible.length)
        tables.push({
          kind: 'table',
          caption: `Table ${++tableNo}. ${titleOf(q)}: ${net ? `“${what}”` : what} by ${variableWords(variable)}${left(groupRows.length - visible.length, report.threshold)}`,
          head: [capitalise(variableWords(variable)), ...(net ? [] : ['Answer']), 'Base (n)', 'Weighted %', `${CONFIDENCE} CI`],
          rows: visible.map((e) => [{ text: e.group!.label, header: true }, ...(net ? [] : [{ text: e.label }]), ...estimateCells(e)]),
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
    const changesShown = changes.filter((c) => !c.suppressed);
    if (changesShown.length) {
      const [from, to] = [changes[0].from.wave, changes[0].to.wave];
      tables.push({
        kind: 'table',
        caption: `Table ${++tableNo}. ${titleOf(q)}: change from ${from} to ${to} (significant after Benjamini–Hochberg adjustment in bold)${left(changes.length - changesShown.length, report.threshold)}`,
        head: ['Answer', from, to, 'Change (points)', 'Adjusted p', 'Significant?'],
        rows: changesShown.map(changeRow),
      });
    }
    if (appendix.some((a) => a.question === q && a.sig.length))
      tables.push({
        kind: 'paragraph',
        text: 'Significant differences between pairs of groups are listed in the technical annex: differences between groups.',
      });
  }
  annex.push({ id: 'tables', heading: 'Technical annex: results by question', blocks: tables });

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
      const label = (v: string) => groupLabel.get(`${a.variable}|${v}`) ?? v;
      blocks.push({
        kind: 'table',
        caption: `Table ${++tableNo}. ${titleOf(a.question)}: significant differences in ${a.what} between ${variableWords(a.variable)} groups`,
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
    annex.push({ id: 'appendix', heading: 'Technical annex: differences between groups', blocks });
  }
  for (const s of annex) s.annex = true;

  const contents: Section = {
    id: 'contents',
    heading: 'Contents',
    blocks: [{ kind: 'contents', items: [...body, ...annex].map((s) => ({ id: s.id, heading: s.heading })) }],
  };

  const notices = [report.syntheticNotice, report.weighting.illustrativeTargets ? ILLUSTRATIVE_TARGETS_NOTICE : null].filter((n): n is string => !!n);
  if (notices.length) notices.push('Do not quote these figures as findings about any real area.');
  const settings = await councilSettings(store);
  const logo = await councilLogo(store);
  const today = ukDate(new Date().toISOString());
  return {
    title: `${report.survey.title}: ${report.wave} results`,
    titlePage: {
      partnership: settings.councilName,
      logo: logo ? { type: logo.type, base64: logo.bytes.toString('base64'), alt: `${settings.councilName ?? 'The council'} logo` } : null,
      wave: report.wave,
      date: today,
    },
    intro: `Community safety survey: report for the Crime and Disorder Committee.${opts.compareWave ? ` Changes are compared with the ${opts.compareWave} wave.` : ''}`,
    notices,
    sections: [contents, ...body, ...annex],
    footer: `Produced ${today} from the survey database. Figures are weighted estimates; the method is in the technical annex.`,
  };
}

/** ". 2 groups with fewer than 30 replies are not shown." for a caption, or nothing. */
const left = (n: number, threshold: number) =>
  n > 0 ? `. ${n} ${n === 1 ? 'row' : 'rows'} with fewer than ${threshold} replies ${n === 1 ? 'is' : 'are'} not shown` : '';

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
