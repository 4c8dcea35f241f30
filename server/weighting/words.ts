/**
 * The one wording of a weighting method and of the imputation, for the committee report, the
 * workbook and the CLI (the officer page has its own copy in client/officer/pages/weighting/, as
 * the client takes only types from the server).
 */
import type { CalibrationMethod } from './schemas.js';

const times = (x: number) => `${Number(x.toFixed(2))}`;

/** "raking (iterative proportional fitting)", "logit calibration keeping each weight within 0.5–2 times its design weight", … */
export function methodWords(method: CalibrationMethod | undefined, bounds?: readonly [number, number] | null): string {
  const within = bounds ? ` keeping each weight within ${times(bounds[0])}–${times(bounds[1])} times its design weight (scaled to the population total)` : '';
  switch (method) {
    case 'raking':
      return 'raking (iterative proportional fitting)';
    case 'linear':
      return bounds ? `bounded linear calibration${within}` : 'linear (GREG) calibration';
    case 'logit':
      return `logit calibration${within}`;
    default:
      return 'post-stratification';
  }
}

/** "45 respondents with no usable answer for sex (blank, “prefer not to say” or an answer with no population target) were kept: …", or '' when none. */
export function imputedWords(imputed: Record<string, number> | undefined): string {
  const entries = Object.entries(imputed ?? {}).filter(([, k]) => k > 0);
  if (!entries.length) return '';
  const list = entries.map(([v, k]) => `${k} for ${v.replace(/_/g, ' ')}`).join(', ');
  return (
    `Respondents with no usable answer to a weighting question (left blank, “prefer not to say”, “don’t know”, or an answer with no population target: ${list}) ` +
    'were kept: for weighting only, each was placed in the most common category among respondents with the same answers to the other weighting questions ' +
    '(ties go to the first category; with no such respondents, the most common category overall). Their answers are unchanged.'
  );
}
