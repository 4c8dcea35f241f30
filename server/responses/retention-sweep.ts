/**
 * The retention sweep: deletes every response older than its questionnaire's retention period
 * (server/surveys/retention.ts), audited as `responses.deleted` with the count per wave and the
 * reason "retention period". The server runs it at start and then hourly on its clock; `responses
 * sweep` runs it by hand. Running it twice deletes nothing more. The data version triggers bump on
 * delete, so cached reports of a wave that lost responses are never served again.
 */
import { audit } from '../accounts/audit.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/open.js';
import { allSurveys } from '../surveys/queries.js';
import { retentionCutoff } from '../surveys/retention.js';
import { deleteArrivedBefore, waveHasWeights } from './queries.js';

export const RETENTION_REASON = 'retention period';
export const SWEEP_EVERY_MS = 60 * 60 * 1000;

export interface SweptSurvey {
  survey: string;
  months: number;
  waves: { wave: string; deleted: number; reweight: boolean }[];
  deleted: number;
}

/** One sweep at `now`: what went, by survey and wave (surveys that lost nothing are absent). */
export async function sweepRetention(store: Store, now: Date, actor = 'retention sweep'): Promise<SweptSurvey[]> {
  const swept: SweptSurvey[] = [];
  for (const survey of await allSurveys(store.db)) {
    const months = survey.retentionMonths;
    if (months == null) continue;
    const before = retentionCutoff(now, months);
    const waves: SweptSurvey['waves'] = [];
    for (const w of await deleteArrivedBefore(store, survey.id, before))
      waves.push({ wave: w.wave, deleted: w.deleted, reweight: await waveHasWeights(store, w.waveId) });
    if (!waves.length) continue;
    const deleted = waves.reduce((a, w) => a + w.deleted, 0);
    for (const w of waves) {
      await audit(store, null, 'responses.deleted', {
        survey: survey.slug,
        wave: w.wave,
        count: w.deleted,
        reason: RETENTION_REASON,
        retentionMonths: months,
        arrivedBefore: before,
        actor,
      });
    }
    swept.push({ survey: survey.slug, months, waves, deleted });
  }
  return swept;
}

/**
 * Sweeps now and then every hour on `clock` until the returned stop is called. A sweep that fails
 * (a busy or full disk) is reported and tried again at the next hour; nothing half-done is kept.
 */
export async function startRetentionSweep(store: Store, clock: Clock, log: (line: string) => void = console.log): Promise<() => void> {
  const run = async () => {
    try {
      for (const s of await sweepRetention(store, clock.now())) {
        log(
          `Retention: deleted ${s.deleted} responses of ${s.survey} older than ${s.months} months (${s.waves.map((w) => `${w.wave}: ${w.deleted}`).join(', ')}).`,
        );
      }
    } catch (e) {
      log(`Retention sweep failed, to be tried again within the hour: ${(e as Error).message}`);
    }
  };
  await run();
  const timer = setInterval(run, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
