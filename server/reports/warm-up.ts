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
 * the target's key moves (server/jobs/worker.ts).
 */
import type { ReportBreakdown, ReportQuestion } from '../../analysis/report/types.js';
import type { Store } from '../store/open.js';
import { inPartnership } from '../store/partnership-scope.js';
import { allSurveys, completeCountsByWave, type SurveyRow, type WaveRow, wavesOf } from '../surveys/queries.js';
import { waveVersions } from './queries.js';
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

/** What is read ahead: the wave, the wave compared with, and `key`, their data as a read of them is kept. */
export interface WarmTarget {
  slug: string;
  partnershipId: number;
  wave: string;
  n: number;
  compareWave: string | null;
  /**
   * Both waves' ids and waveVersions' `rows` (it moves with a weighting run, an erased or changed
   * reply or a questionnaire change, not with a new reply, which a report adds to the waves held by
   * itself): when it moves, the waves held are stale and the worker kept ready reads them again.
   */
  key: string;
}

/**
 * The newest (last created) wave of at least `from` complete responses, with the answered wave
 * before it by name, or null when there is none: the survey's own queries (the counts are one query
 * on the responses' wave index), then the two waves' versions. A few milliseconds.
 */
export async function waveToWarm(store: Store, from = WAVE_CACHE_FROM): Promise<WarmTarget | null> {
  const counts = await completeCountsByWave(store.db);
  if (![...counts.values()].some((n) => n >= from)) return null;
  let found: { survey: SurveyRow; wave: WaveRow; earlier: WaveRow | undefined } | null = null;
  for (const survey of await allSurveys(store.db)) {
    const waves = await wavesOf(store.db, survey.id);
    for (const [i, wave] of waves.entries()) {
      if ((counts.get(wave.id) ?? 0) < from || (found && found.wave.id > wave.id)) continue;
      found = {
        survey,
        wave,
        earlier: waves
          .slice(0, i)
          .filter((w) => (counts.get(w.id) ?? 0) > 0)
          .at(-1),
      };
    }
  }
  if (!found) return null;
  const { survey, wave, earlier } = found;
  const versions = await Promise.all([wave, earlier].flatMap((w) => (w ? [w.id] : [])).map(async (id) => `${id} ${(await waveVersions(store, id)).rows}`));
  return {
    slug: survey.slug,
    partnershipId: survey.partnershipId,
    wave: wave.name,
    n: counts.get(wave.id)!,
    compareWave: earlier?.name ?? null,
    key: versions.join(' | '),
  };
}

/**
 * Reads the newest big wave (and the one before it) ahead, as described above: `target` when the
 * caller has looked it up already, else waveToWarm's; null when the store has no big wave. `before`
 * runs first when there is one (the worker starts its helper threads then, so the wave compared
 * with is read on one, as a report's is).
 */
export async function warmUpReports(
  store: Store,
  options: { from?: number; target?: WarmTarget; before?: () => Promise<void> } = {},
): Promise<WarmedWaves | null> {
  const started = performance.now();
  const target = options.target ?? (await waveToWarm(store, options.from));
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
