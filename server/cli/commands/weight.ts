import { readFileSync } from 'node:fs';
import { parseMargins } from '../../weighting/margins.js';
import { marginsFromPopulation } from '../../weighting/population-margins.js';
import { runWeighting, type UnmatchedPolicy } from '../../weighting/run.js';
import { flags, UsageError, type Command } from '../io.js';

export const usage = `weight --survey s --wave w --margins margins.csv [--unmatched error|exclude] [--trim-upper k] [--trim-lower k]
weight --survey s --wave w --from-population [--unmatched error|exclude] [--trim-upper k] [--trim-lower k]
  --trim-upper 5 caps weights at 5 × the mean weight (then calibrates again); --trim-lower 0.2 raises
  weights below 0.2 × the mean.
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
  const unmatched = (f.unmatched ?? 'error') as UnmatchedPolicy;
  if (unmatched !== 'error' && unmatched !== 'exclude') throw new UsageError("--unmatched must be 'error' or 'exclude'.");
  const bound = (name: 'trim-upper' | 'trim-lower') => {
    const raw = f[name];
    if (raw === undefined) return undefined;
    const k = Number(raw);
    if (!Number.isFinite(k) || k <= 0) throw new UsageError(`--${name} must be a positive number (a multiple of the mean weight), not '${raw}'.`);
    return k;
  };
  const trim = { upper: bound('trim-upper'), lower: bound('trim-lower') };
  if (trim.upper !== undefined && trim.lower !== undefined && trim.lower >= trim.upper) throw new UsageError('--trim-lower must be below --trim-upper.');
  let margins: ReturnType<typeof parseMargins>;
  let illustrative = false;
  if (f.margins) {
    let text: string;
    try {
      text = readFileSync(f.margins, 'utf8');
    } catch {
      throw new UsageError(`Cannot read the margins file ${f.margins}.`);
    }
    margins = parseMargins(text);
  } else {
    ({ margins, illustrative } = marginsFromPopulation(store.db));
  }
  const r = runWeighting(store, { slug: f.survey!, wave: f.wave!, margins, unmatched, illustrative, trim, onProgress: err });
  const d = r.diagnostics;
  out(`Weighted ${f.survey} ${f.wave} by ${r.method} on ${margins.map((m) => m.variable).join(', ')}.`);
  if (illustrative) out('Targets come from ILLUSTRATIVE population figures (made up for the demo, not ONS data).');
  if (r.method === 'raking') {
    out(`Raking ${r.converged ? 'converged' : 'did NOT converge'} after ${r.iterations} iterations; largest remaining margin gap ${pct(r.maxGap)}.`);
  }
  if (trim.upper !== undefined || trim.lower !== undefined) out(`Trimmed ${r.trimmed} extreme weights, then calibrated again.`);
  out(`Respondents weighted: ${r.respondents}${r.excluded ? ` (${r.excluded} left out: no target for their answer)` : ''}`);
  out(`Effective sample size: ${d.nEffective.toFixed(1)}  Design effect from weighting: ${d.deffWeighting.toFixed(3)}`);
  out(`Weights range ${d.min.toFixed(4)} to ${d.max.toFixed(4)} (ratio ${d.ratio.toFixed(2)})`);
  out(`Margin of error (95%, p = 50%): ±${pct(d.marginOfError)}`);
  return r.converged ? 0 : 1;
};
