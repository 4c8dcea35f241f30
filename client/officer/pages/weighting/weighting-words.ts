/**
 * Pure wording for the weighting page: the method and the diagnostics of a run in plain words
 * (effective base as precision lost, margin of error, weight range as multiples of the average,
 * convergence), and the checks on the trimming caps before anything is sent.
 * The types are the API's own (what the weighting run stores and GET …/weighting answers).
 */
import type { StoredCalibration, StoredRunDiagnostics } from './types';
import { count, oneDecimal } from '../../format';

export type { StoredCalibration, StoredRunDiagnostics };

/** "age_band" → "age band"; a joint cell "sex:age_band" → "sex × age band". */
export const variableName = (v: string) =>
  v
    .split(':')
    .map((p) => p.replace(/_/g, ' '))
    .join(' × ');

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "Raking on sex, age band and ward" / "Post-stratification on sex × age band" / "Logit calibration (weights within 0.3–3 times their design weight) on …". */
export function methodText(method: StoredCalibration['method'], variables: string[], bounds?: readonly [number, number] | null): string {
  const on = list(variables.map(variableName));
  const within = bounds ? ` (weights within ${bounds[0]}–${bounds[1]} times their design weight)` : '';
  if (method === 'raking') return `Raking on ${on}`;
  if (method === 'linear') return `${bounds ? 'Bounded linear' : 'Linear (GREG)'} calibration${within} on ${on}`;
  if (method === 'logit') return `Logit calibration${within} on ${on}`;
  return `Post-stratification on ${on}`;
}

/** "Respondents without a target: …" for the latest run. */
export function unmatchedText(c: StoredCalibration): string {
  const imputed = Object.entries(c.imputed ?? {}).filter(([, k]) => k > 0);
  if (c.unmatched === 'exclude') return `left out (${count(c.excluded)})`;
  if (c.unmatched === 'impute') {
    return imputed.length
      ? `kept, and placed in a weighting category by imputation (${imputed.map(([v, k]) => `${count(k)} for ${variableName(v)}`).join(', ')}); their answers are unchanged`
      : 'kept, with a weighting category imputed (none were needed)';
  }
  return 'none allowed (the run stops and names them)';
}

/** Trim-and-rake rounds asked for by "repeat until within the caps" (the server's most is 100). */
export const REPEAT_ROUNDS = 50;

/** A multiple of the average weight as people read it: 0.41, 3.2, 12. */
export function multiple(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x < 1) return x.toFixed(2);
  if (x < 10) return x.toFixed(1);
  return count(Math.round(x));
}

/** A relative gap (fraction of a target) as a percentage, very small ones said as such. */
export function gapPercent(gap: number): string {
  const p = gap * 100;
  if (p === 0) return '0%';
  if (p < 0.0001) return 'less than 0.0001%';
  if (p < 0.1) return `${Number(p.toPrecision(2))}%`;
  return `${oneDecimal(p)}%`;
}

export interface Diagnostic {
  /** Short name, e.g. "Effective base". */
  name: string;
  /** The figure, e.g. "1,438 of 2,155 responses". */
  value: string;
  /** What it means, in a sentence or two. */
  meaning: string;
}

/** Weights larger than this many times the average are worth a look (and trimming). */
export const LARGE_MULTIPLE = 5;

/**
 * The run's diagnostics in plain words. `excluded`: respondents left out for having no target.
 */
export function diagnosticsInWords(d: StoredRunDiagnostics, method: StoredCalibration['method'], excluded: number): Diagnostic[] {
  const items: Diagnostic[] = [];
  const nEff = Math.round(d.nEffective);
  const lost = Math.max(0, d.n - nEff);
  items.push({
    name: 'Responses weighted',
    value: count(d.n),
    meaning: excluded
      ? `${count(excluded)} more complete ${excluded === 1 ? 'response was' : 'responses were'} left out because ${excluded === 1 ? 'it has' : 'they have'} no target for what ${excluded === 1 ? 'it' : 'they'} answered.`
      : Object.values(d.imputed ?? {}).some((k) => k > 0)
        ? 'Every complete response is in the weighted results; those without a target were placed in a weighting category by imputation (below).'
        : 'Every complete response has a target and is in the weighted results.',
  });
  items.push({
    name: 'Effective base',
    value: `${count(nEff)} of ${count(d.n)} responses`,
    meaning: lost
      ? `The weighting costs precision equal to losing ${count(lost)} ${lost === 1 ? 'response' : 'responses'} (design effect ${d.deffWeighting.toFixed(2)}): results are as precise as an unweighted sample of ${count(nEff)}.`
      : 'The weights are nearly equal, so the weighting costs almost no precision.',
  });
  items.push({
    name: 'Margin of error',
    value: `±${oneDecimal(d.marginOfError * 100)}% at 95%`,
    meaning: `For a result near 50% from everyone, the true figure is within ${oneDecimal(d.marginOfError * 100)} points either way 19 times out of 20, allowing for the weighting. Results for smaller groups have wider margins.`,
  });
  const mean = d.n ? d.sumWeights / d.n : NaN;
  const low = d.min / mean;
  const high = d.max / mean;
  const people = mean >= 1 ? ` Each response stands for between ${multiple(d.min)} and ${multiple(d.max)} people.` : '';
  const large =
    high > LARGE_MULTIPLE ? ` Some weights are over ${LARGE_MULTIPLE} times the average: a few respondents carry a lot of the result; trimming caps them.` : '';
  items.push({
    name: 'Weight range',
    value: `${multiple(low)} to ${multiple(high)} times the average weight`,
    meaning: `The most heavily weighted response counts ${multiple(d.ratio)} times as much as the least.${people}${large}`,
  });
  if (method === 'poststratification' && !d.iterations) {
    items.push({ name: 'Convergence', value: 'Exact', meaning: 'Post-stratification matches every target exactly in one step: no iterations are needed.' });
  } else if (d.converged) {
    items.push({
      name: 'Convergence',
      value: `Converged after ${count(d.iterations)} ${d.iterations === 1 ? 'iteration' : 'iterations'}`,
      meaning: `The weighted totals match the targets: the largest remaining gap is ${gapPercent(d.maxGap)} of its target.`,
    });
  } else {
    items.push({
      name: 'Convergence',
      value: `Did not converge in ${count(d.iterations)} iterations`,
      meaning: `A weighted total is still ${gapPercent(d.maxGap)} away from its target. The targets may contradict each other (check they describe the same population), or a category may have very few respondents: merge it with a neighbour.`,
    });
  }
  if (d.trim) {
    const caps = [d.trim.lower !== undefined ? `at least ${d.trim.lower} times` : '', d.trim.upper !== undefined ? `at most ${d.trim.upper} times` : '']
      .filter(Boolean)
      .join(' and ');
    items.push({
      name: 'Trimming',
      value: `${count(d.trimmed)} ${d.trimmed === 1 ? 'weight' : 'weights'} trimmed`,
      meaning:
        `Weights were held to ${caps} the average weight, then raked to the targets again` +
        `${d.trimRounds && d.trimRounds > 1 ? `, ${count(d.trimRounds)} rounds` : ''}, which can move weights back past a cap.` +
        (d.outsideBounds != null
          ? d.outsideBounds
            ? ` ${count(d.outsideBounds)} ${d.outsideBounds === 1 ? 'weight is' : 'weights are'} outside the caps after the final raking.`
            : ' Every weight is within the caps after the final raking.'
          : ''),
    });
  }
  const imputed = Object.entries(d.imputed ?? {}).filter(([, k]) => k > 0);
  if (imputed.length) {
    items.push({
      name: 'Imputed for weighting',
      value: imputed.map(([v, k]) => `${count(k)} for ${variableName(v)}`).join(', '),
      meaning:
        'Respondents with no usable answer to a weighting question (blank, “prefer not to say”, “don’t know”, or an answer with no target) are kept: ' +
        'for weighting only, each is placed in the most common category among respondents with the same answers to the other weighting questions ' +
        '(ties go to the first category; with no such respondents, the most common overall). Their answers are unchanged.',
    });
  }
  return items;
}

/** The headline of a run in one sentence, for the announcement after a run. */
export function runSummary(d: StoredRunDiagnostics): string {
  return `effective base ${count(Math.round(d.nEffective))} of ${count(d.n)} responses, margin of error ±${oneDecimal(d.marginOfError * 100)}% at 95%`;
}

/** Linear / logit g-weight bounds as typed, checked: [lower, upper], null (linear without bounds: GREG), or a message. */
export function parseBounds(method: 'linear' | 'logit', lower: string, upper: string): [number, number] | null | string {
  if (!lower.trim() && !upper.trim()) {
    return method === 'logit' ? 'Logit calibration needs both bounds, e.g. 0.3 and 3 (times the design weight).' : null;
  }
  const l = Number(lower);
  const u = Number(upper);
  if (!lower.trim() || !upper.trim() || !Number.isFinite(l) || !Number.isFinite(u) || l <= 0 || l >= 1 || u <= 1)
    return 'The bounds must be a lower bound between 0 and 1 and an upper bound above 1, e.g. 0.3 and 3; or leave both blank for linear calibration without bounds.';
  return [l, u];
}

/** The trimming caps as typed, checked: numbers or undefined, or a message saying what to fix. */
export function parseCaps(upper: string, lower: string): { trimUpper?: number; trimLower?: number } | string {
  const out: { trimUpper?: number; trimLower?: number } = {};
  if (upper.trim()) {
    const u = Number(upper);
    if (!Number.isFinite(u) || u <= 1)
      return 'The upper cap must be a number above 1 (weights are capped at that many times the average weight), or left blank.';
    out.trimUpper = u;
  }
  if (lower.trim()) {
    const l = Number(lower);
    if (!Number.isFinite(l) || l <= 0 || l >= 1)
      return 'The lower cap must be a number between 0 and 1 (weights are raised to at least that fraction of the average weight), or left blank.';
    out.trimLower = l;
  }
  return out;
}
