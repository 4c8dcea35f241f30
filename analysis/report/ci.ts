/** The report's CI for a proportion, by method; df = n − 1 for the unweighted base n (R `degf` of the subset). */
import { betaCI } from '../inference/ci-beta.js';
import { logitCI } from '../inference/ci-logit.js';
import { wilsonCI } from '../inference/ci-wilson.js';
import type { CiMethod } from './types.js';

export function confidenceInterval(method: CiMethod, p: number, se: number, n: number): [number, number] | null {
  const df = n - 1;
  const ci = method === 'beta' ? betaCI(p, se, n, df) : method === 'wilson' ? wilsonCI(p, se, df, undefined, n) : logitCI(p, se, df, undefined, n);
  return Number.isFinite(ci.lower) && Number.isFinite(ci.upper) ? [ci.lower, ci.upper] : null;
}
