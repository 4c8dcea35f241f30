/**
 * The weighting page's types, all from the server's routes through hc (so they cannot drift from
 * what the API answers), and the form's own state. Kept apart so the view never imports the page.
 */
import { client, type OkOf } from '../../api';

export const weightingEndpoint = client.api.officer.surveys[':slug'].waves[':wave'].weighting;

/** GET …/weighting: the latest run, or null when the wave has not been weighted. */
export type LatestRun = OkOf<typeof weightingEndpoint.$get>;
/** GET …/weighting/population-targets. */
export type PopulationTargets = OkOf<(typeof weightingEndpoint)['population-targets']['$get']>;

export type StoredRunDiagnostics = NonNullable<LatestRun>['diagnostics'];
export type StoredCalibration = NonNullable<LatestRun>['margins'];

export interface WeightingForm {
  source: 'population' | 'margins';
  file: File | null;
  unmatched: 'impute' | 'error' | 'exclude';
  /** rake (post-stratification with one margin), or R calibrate's linear / logit. */
  method: 'rake' | 'linear' | 'logit';
  /** g-weight bounds for linear / logit, as typed. */
  boundsLower: string;
  boundsUpper: string;
  trimUpper: string;
  trimLower: string;
  /** Repeat trimming and raking until every weight is within the caps. */
  trimRepeat: boolean;
  /** Uploaded targets that are made up (demo, training): every output then says so. */
  illustrative: boolean;
}

/** GET …/weighting/runs: every run, newest (current) first. */
export type WeightingHistory = OkOf<(typeof weightingEndpoint)['runs']['$get']>;
export type WeightingRunSummary = WeightingHistory[number];
