import { readFileSync } from 'node:fs';
import { ILLUSTRATIVE_TARGETS_NOTICE } from '../../notices.js';
import { weighWave } from '../../weighting/runs.js';
import { TrimLower, TrimUpper, UnmatchedPolicy, type WeightingRequest } from '../../weighting/schemas.js';
import { flags, UsageError, type Command } from '../io.js';

export const usage = `weight --survey s --wave w --margins margins.csv [--unmatched error|exclude] [--trim-upper k] [--trim-lower k]
weight --survey s --wave w --from-population [--unmatched error|exclude] [--trim-upper k] [--trim-lower k]
  --trim-upper 5 caps weights at 5 × the mean weight (then calibrates again; above 1); --trim-lower 0.2
  raises weights below 0.2 × the mean (below 1).
  margins.csv columns: variable,category,target. One variable = post-stratification
  (a joint cell is written sex:age_band with categories like female:18-24); several = raking.`;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export const weightCommand: Command = (args, { store, out, err }) => {
  const f = flags(
    args,
    {
      survey: { type: 'string' },
      wave: { type: 'string' },
      margins: { type: 'string' },
      'from-population': { type: 'boolean' },
      unmatched: { type: 'string' },
      'trim-upper': { type: 'string' },
      'trim-lower': { type: 'string' },
    },
    ['survey', 'wave'],
  );
  if (!f.margins === !f['from-population']) throw new UsageError('Give either --margins file.csv or --from-population.');
  const unmatched = UnmatchedPolicy.safeParse(f.unmatched ?? 'error');
  if (!unmatched.success) throw new UsageError("--unmatched must be 'error' or 'exclude'.");
  // The same bounds as the weighting page's (weighting/schemas.ts), with the flag's name.
  const bound = (name: 'trim-upper' | 'trim-lower', schema: typeof TrimUpper | typeof TrimLower) => {
    const raw = f[name];
    if (raw === undefined) return undefined;
    const k = Number(raw);
    if (!Number.isFinite(k) || k <= 0) throw new UsageError(`--${name} must be a positive number (a multiple of the mean weight), not '${raw}'.`);
    const checked = schema.safeParse(k);
    if (!checked.success) throw new UsageError(`--${name} ${checked.error.issues[0].message.replace(/^"trim(Upper|Lower)" /, '')}`);
    return k;
  };
  const request: WeightingRequest = {
    source: f.margins ? 'margins' : 'population',
    unmatched: unmatched.data,
    trimUpper: bound('trim-upper', TrimUpper),
    trimLower: bound('trim-lower', TrimLower),
  };
  if (f.margins) {
    try {
      request.margins = readFileSync(f.margins, 'utf8');
    } catch {
      throw new UsageError(`Cannot read the margins file ${f.margins}.`);
    }
  }
  const r = weighWave(store, { slug: f.survey!, wave: f.wave!, request, onProgress: err });
  const d = r.diagnostics;
  out(`Weighted ${f.survey} ${f.wave} by ${r.method} on ${r.variables.join(', ')}.`);
  if (r.illustrative) out(ILLUSTRATIVE_TARGETS_NOTICE);
  if (r.method === 'raking') {
    out(`Raking ${d.converged ? 'converged' : 'did NOT converge'} after ${d.iterations} iterations; largest remaining margin gap ${pct(d.maxGap)}.`);
  }
  if (request.trimUpper !== undefined || request.trimLower !== undefined) out(`Trimmed ${r.trimmed} extreme weights, then calibrated again.`);
  out(`Respondents weighted: ${r.respondents}${d.excluded ? ` (${d.excluded} left out: no target for their answer)` : ''}`);
  out(`Effective sample size: ${d.nEffective.toFixed(1)}  Design effect from weighting: ${d.deffWeighting.toFixed(3)}`);
  out(`Weights range ${d.min.toFixed(4)} to ${d.max.toFixed(4)} (ratio ${d.ratio.toFixed(2)})`);
  out(`Margin of error (95%, p = 50%): ±${pct(d.marginOfError)}`);
  return d.converged ? 0 : 1;
};
