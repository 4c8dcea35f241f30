/**
 * A big report shared out between threads: the wave compared with is read and estimated on a helper
 * thread while this thread reads the wave itself, and the questions are shared out, each part
 * estimated by every breakdown where it runs. A question's figures depend only on its own answers
 * and the design (one pass per breakdown adds the same numbers in the same order whatever other
 * questions share it), so the report put together is the one built in one thread, to the last digit
 * (test/server/reports/report-parts.test.ts); the tests of association are BH-adjusted once more
 * across all questions when the parts are put together, as in one thread.
 *
 * The helpers are whatever the process registers (useReportHelpers): a report worker registers its
 * own small pool of helper threads (server/jobs/worker.ts). Without helpers, or below `from`
 * respondents (starting work elsewhere then costs more than it saves), the report is built in one
 * thread as before.
 */
import { codedColumns, type CodedColumn } from '../../analysis/report/answers.js';
import { adjust, buildWaveReport, DEFAULT_ALPHA, reportRows } from '../../analysis/report/build-report.js';
import type { CiMethod, ComparisonMode, ReportBreakdown, ReportInput, ReportQuestion, WaveReport } from '../../analysis/report/types.js';
import type { Store } from '../store/open.js';
import { parseFilters, type ReportFilter, recoded } from './report-query.js';
import { loadWaveColumns, type WaveColumns } from './wave-columns.js';
import { waveShape } from './wave-data.js';

/** Threads that run the two kinds of work below (server/jobs/kinds.ts: `reportPart`, `earlierWave`). */
export interface ReportHelpers {
  /** Helper threads: the report is shared into one part more than this. */
  size: number;
  /** False while they have not been started (they start at the first part of a big report sent them). */
  started?(): boolean;
  run(kind: 'reportPart' | 'earlierWave', args: PartInput | EarlierWaveArgs, partnership?: number): Promise<unknown>;
}

/** Respondents from which a report is shared out, unless set otherwise. */
export const PARALLEL_FROM = 20_000;

let helpers: ReportHelpers | null = null;
let parallelFrom = PARALLEL_FROM;

/** Registers the helper threads big reports share their work with (null: none), and from how many respondents. */
export function useReportHelpers(h: ReportHelpers | null, from = PARALLEL_FROM): void {
  helpers = h && h.size > 0 ? h : null;
  parallelFrom = from;
}

/**
 * The helpers registered and running, whatever the size of the wave (for reading the wave compared
 * with), or null: a report of a small wave never waits for them to start.
 */
export function registeredHelpers(): ReportHelpers | null {
  return helpers && (helpers.started?.() ?? true) ? helpers : null;
}

/** The helpers to share the questions of a wave of n respondents with, or null. */
export function helpersFor(n: number): ReportHelpers | null {
  return helpers && n >= parallelFrom ? helpers : null;
}

/** What a part of a report needs, as plain data a thread can be sent: its questions and the answers they and the breakdowns read. */
export interface PartInput extends Omit<ReportInput, 'answers'> {
  n: number;
  columns: [string, CodedColumn][];
}

/** A part of the report for some of the questions (by every breakdown). */
export function reportPart(input: PartInput): WaveReport {
  const { n, columns, ...rest } = input;
  const byName = new Map(columns);
  return buildWaveReport({ ...rest, answers: codedColumns(n, (name) => byName.get(name)) });
}

/** The part's input: the questions' and breakdowns' answers, taken from the wave's columns. */
export function partInput(data: WaveColumns, input: Omit<ReportInput, 'answers'>): PartInput {
  const names = [...new Set([...input.questions.map((q) => q.name), ...input.breakdowns.map((b) => b.name)])];
  const columns = names.flatMap((name): [string, CodedColumn][] => {
    const c = data.answers.coded?.(name);
    return c ? [[name, c]] : [];
  });
  return { ...input, n: data.answers.length, columns };
}

/**
 * Shares the questions into `parts` parts of about equal work (the largest first, each to the part
 * with least so far); `headStart[k]` is work part k has already. An estimate of the work of a
 * question by the breakdowns, in about milliseconds at 100,000 respondents.
 */
export function shareQuestions(questions: ReportQuestion[], breakdowns: ReportBreakdown[], parts: number, headStart: number[] = []): ReportQuestion[][] {
  const work = (q: ReportQuestion) => {
    const rows = reportRows(q).length;
    const groups = breakdowns.filter((b) => b.name !== q.name).reduce((sum, b) => sum + b.categories.length, 0);
    const kind = q.kind ?? 'single';
    // Measured (each question's share of the full report of bench/scale.ts at 100,000, 2026-12-07): a
    // mean's table costs a pass per row; a choice's table shares the passes, and the association test
    // of a big table (ethnicity × ward) costs more than its passes.
    return kind === 'multi' ? 0.7 * rows * groups : kind === 'numeric' ? 50 : 25 + 0.1 * rows * groups + (rows > 12 ? 0.12 * rows * groups : 0);
  };
  const load = Array.from({ length: parts }, (_, k) => headStart[k] ?? 0);
  const out: ReportQuestion[][] = Array.from({ length: parts }, () => []);
  const order = questions.map((q, i) => ({ q, i, w: work(q) })).sort((a, b) => b.w - a.w || a.i - b.i);
  for (const { q, w } of order) {
    const k = load.indexOf(Math.min(...load));
    out[k].push(q);
    load[k] += w;
  }
  // Each part in questionnaire order.
  return out.map((qs) => qs.sort((a, b) => questions.indexOf(a) - questions.indexOf(b))).filter((qs) => qs.length > 0);
}

/**
 * The work, in shareQuestions' units, of the wave compared with on the helper that reads it: its
 * overall figures (no breakdowns), measured with the questions' (reading it overlaps this thread's
 * own reading). The helper starts its share that much later, so it is given less.
 */
export function earlierWaveWork(n: number): number {
  return 250 * (n / 100_000);
}

/** The parts (each for some of the questions) as the one report of all of them, in the questions' order. */
export function mergeParts(questions: ReportQuestion[], parts: WaveReport[]): WaveReport {
  const order = new Map(questions.map((q, i) => [q.name, i]));
  const inOrder = <T extends { question: string }>(lists: T[][]): T[] => {
    const buckets = questions.map((): T[] => []);
    for (const list of lists) for (const x of list) buckets[order.get(x.question)!].push(x);
    return buckets.flat();
  };
  const associations = inOrder(parts.map((p) => p.associations));
  // One family across every question, as buildWaveReport adjusts them.
  adjust(associations, DEFAULT_ALPHA);
  return {
    ...parts[0],
    bases: inOrder(parts.map((p) => p.bases)),
    estimates: inOrder(parts.map((p) => p.estimates)),
    comparisons: inOrder(parts.map((p) => p.comparisons)),
    associations,
  };
}

/** The wave compared with, as surveyReport reads it: the filters (parsed as on the wave reported) applied. */
export interface EarlierWaveArgs {
  slug: string;
  /** The wave reported on, whose questions the filters are read against. */
  wave: string;
  compareWave: string;
  includePartial: boolean;
  filter: string[];
  ci: CiMethod;
  threshold: number;
  comparisons: ComparisonMode;
}

/**
 * The earlier wave's overall figures (every question, no breakdowns) and how many of its replies are
 * synthetic: on a helper, or in the report's own thread with the filters it has parsed already.
 */
export async function earlierWave(store: Store, args: EarlierWaveArgs, parsed?: ReportFilter[]): Promise<{ report: WaveReport; synthetic: number }> {
  const filters = parsed ?? (args.filter.length ? parseFilters({ ...(await waveShape(store, args.slug, args.wave)), answers: [] }, args.filter) : []);
  const earlier = recoded(await loadWaveColumns(store, args.slug, args.compareWave, { includePartial: args.includePartial }), filters, []);
  const report = buildWaveReport({
    questions: earlier.questions,
    breakdowns: [],
    answers: earlier.answers,
    weights: earlier.weights,
    calibration: earlier.calibration,
    design: earlier.sampleDesign,
    ci: args.ci,
    threshold: args.threshold,
    comparisons: args.comparisons,
  });
  return { report, synthetic: earlier.synthetic };
}
