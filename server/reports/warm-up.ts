/**
 * What a report worker kept ready does before anyone asks (server/jobs/pool.ts, `keep`): it reads
 * the newest big wave and the wave before it, as a report of them would, and makes a small report
 * of them (a few questions of each kind by breakdowns of few and of many groups, the change since
 * the earlier wave, sent lean). So the officer's first report of a big wave finds the waves held
 * (wave-columns-cache.ts: only the responses added since are read) and the code already compiled,
 * rather than paying both in a cold thread: measured in BENCHMARKS.md ("kept ready").
 *
 * Nothing is stored or sent: the report is dropped. Small waves are not read ahead (they read in
 * milliseconds), so a store without a big wave costs one query. The worker reads them again when
 * readAheadKey moves (server/jobs/worker.ts).
 */
import type { ReportBreakdown, ReportQuestion } from '../../analysis/report/types.js';
import type { Store } from '../store/open.js';
import { inPartnership } from '../store/partnership-scope.js';
import { answeredWaves, bigWaves, waveVersions } from './queries.js';
import { reportJson, surveyReport } from './survey-report.js';
import { WAVE_CACHE_FROM } from './wave-columns-cache.js';
import { waveShape } from './wave-data.js';

export interface WarmedWaves {
  slug: string;
  wave: string;
  /** The wave before it (by name) with any complete response, read too; null when there is none. */
  compareWave: string | null;
  /** Complete responses of the wave. */
  responses: number;
  ms: number;
}

/** The newest wave of at least `from` complete responses, with the answered wave before it (by name), or null when there is none. */
export async function waveToWarm(store: Store, from = WAVE_CACHE_FROM) {
  const [newest] = await bigWaves(store, from);
  if (!newest) return null;
  const earlier = (await answeredWaves(store, newest.surveyId)).filter((w) => w.name < newest.wave).at(-1) ?? null;
  return { ...newest, compareWave: earlier?.name ?? null, compareWaveId: earlier?.id ?? null };
}

/**
 * Which waves are to be read ahead and their data as a read of them is kept (waveVersions' `rows`:
 * it moves with a weighting run, an erased or changed reply or a questionnaire change, not with a
 * new reply, which a report adds to the waves held by itself): when this moves, the waves held are
 * stale and the worker kept ready reads them again. A few milliseconds per check.
 */
export async function readAheadKey(store: Store, from = WAVE_CACHE_FROM): Promise<string> {
  const target = await waveToWarm(store, from);
  if (!target) return 'none';
  const ids = [target.waveId, target.compareWaveId].filter((id): id is number => id !== null);
  const versions = await Promise.all(ids.map(async (id) => `${id} ${(await waveVersions(store, id)).rows}`));
  return versions.join(' | ');
}

/**
 * Reads the newest big wave (and the one before it) ahead, as described above; null when the store
 * has no big wave. `before` runs first when there is one (the worker starts its helper threads then,
 * so the wave compared with is read on one, as a report's is).
 */
export async function warmUpReports(store: Store, options: { from?: number; before?: () => Promise<void> } = {}): Promise<WarmedWaves | null> {
  const started = performance.now();
  const target = await waveToWarm(store, options.from);
  if (!target) return null;
  await options.before?.();
  const { slug, wave, compareWave, n } = target;
  await inPartnership(target.partnershipId, async () => {
    const shape = await waveShape(store, slug, wave);
    const report = await surveyReport(store, {
      slug,
      wave,
      compareWave: compareWave ?? undefined,
      by: warmBreakdowns(shape.breakdowns).map((b) => b.name),
      question: warmQuestions(shape.questions).map((q) => q.name),
    });
    reportJson(report);
  });
  return { slug, wave, compareWave, responses: n, ms: Math.round(performance.now() - started) };
}

/** One question of each kind the wave has, and one more: enough to compile every estimator's path. */
function warmQuestions(questions: ReportQuestion[]): ReportQuestion[] {
  const kinds = new Map<string, ReportQuestion>();
  for (const q of questions) if (!kinds.has(q.kind ?? 'single')) kinds.set(q.kind ?? 'single', q);
  const chosen = [...kinds.values()];
  const extra = questions.find((q) => !chosen.includes(q));
  return extra ? [...chosen, extra] : chosen;
}

/** The breakdowns of most groups (each group against the rest) and of fewest (every pair). */
function warmBreakdowns(breakdowns: ReportBreakdown[]): ReportBreakdown[] {
  const usable = breakdowns.filter((b) => b.categories.length >= 2);
  const bySize = [...usable].sort((a, b) => b.categories.length - a.categories.length);
  return [...new Set([...bySize.slice(0, 3), ...bySize.slice(-3)])];
}
