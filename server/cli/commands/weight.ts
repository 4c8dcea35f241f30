import { readFileSync } from 'node:fs';
import { ILLUSTRATIVE_TARGETS_NOTICE } from '../../notices.js';
import {
  GBounds,
  RequestedMethod,
  TrimLower,
  TrimRounds,
  TrimUpper,
  UnmatchedPolicy,
  type WeightingRequest,
  type WeightingRunResponse,
} from '../../weighting/schemas.js';
import { imputedWords, methodWords } from '../../weighting/words.js';
import { flags, UsageError, type Command } from '../io.js';
import { withJobs } from '../jobs.js';
import { restoreWeightingRun, weightingHistory } from '../../weighting/runs.js';

export const usage = `weight --survey s --wave w --margins margins.csv [--unmatched impute|error|exclude] [--method rake|linear|logit] [--bounds L,U]
       [--trim-upper k] [--trim-lower k] [--trim-rounds N]
weight --survey s --wave w --from-population [same options]
weight runs --survey s --wave w   (every run, newest (current) first: id, when, method, variables, n)
weight restore --survey s --wave w --run id   (makes a past run's weights current again)
  --unmatched impute (default) keeps respondents with no target for their answer (blank, prefer not to say):
  for weighting only, each is placed in the most common category among respondents with the same answers
  to the other weighting questions (ties: the first category; none: the most common overall).
  --method rake (default; post-stratification with one margin), linear (GREG; bounded with --bounds) or
  logit (needs --bounds), as R calibrate(calfun = "linear" | "logit", bounds = c(L, U)).
  --bounds 0.5,2 are g-weight bounds (R's convention): each weight stays within 0.5–2 times its design weight,
  the design weights first scaled to the population total (with equal design weights: the mean weight).
  --trim-upper 5 caps raked weights at 5 × the mean weight (then rakes again; above 1); --trim-lower 0.2
  raises weights below 0.2 × the mean (below 1); --trim-rounds 50 repeats trimming and raking until every
  weight is within them (at most 50 rounds).
  margins.csv columns: variable,category,target. One variable = post-stratification
  (a joint cell is written sex:age_band with categories like female:18-24); several = raking.`;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

// Not async: a mistake in the flags is thrown at once (a UsageError), before any work is queued.
// The weights are computed in a report worker, as the page's are, its progress passed on to stderr.
export const weightCommand: Command = async (args, { store, out, err }) => {
  if (args[0] === 'runs' || args[0] === 'restore') {
    const g = flags(args.slice(1), { survey: { type: 'string' }, wave: { type: 'string' }, run: { type: 'string' } }, ['survey', 'wave']);
    if (args[0] === 'runs') {
      for (const r of await weightingHistory(store, g.survey!, g.wave!)) {
        out(`${r.id}\t${r.createdAt}\t${r.method}\t${r.variables.join(',')}\tn=${r.n}${r.current ? '\tcurrent' : ''}${r.restorable ? '' : '\tnot restorable'}`);
      }
      return 0;
    }
    const run = Number(g.run);
    if (!g.run || !Number.isInteger(run) || run < 1) throw new UsageError('Give --run with the id of a run from `weight runs`.');
    out((await restoreWeightingRun(store, { slug: g.survey!, wave: g.wave!, run })).message);
    return 0;
  }
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
      'trim-rounds': { type: 'string' },
      method: { type: 'string' },
      bounds: { type: 'string' },
    },
    ['survey', 'wave'],
  );
  if (!f.margins === !f['from-population']) throw new UsageError('Give either --margins file.csv or --from-population.');
  const unmatched = UnmatchedPolicy.safeParse(f.unmatched ?? 'impute');
  if (!unmatched.success) throw new UsageError("--unmatched must be 'impute', 'error' or 'exclude'.");
  const method = RequestedMethod.safeParse(f.method ?? 'rake');
  if (!method.success) throw new UsageError("--method must be 'rake', 'linear' or 'logit'.");
  let bounds: [number, number] | undefined;
  if (f.bounds !== undefined) {
    const parts = f.bounds.split(',').map((x) => Number(x.trim()));
    const checked = GBounds.safeParse(parts);
    if (parts.length !== 2 || parts.some((x) => !Number.isFinite(x)) || !checked.success)
      throw new UsageError(`--bounds must be two numbers L,U with L above 0 and below 1 and U above 1 (e.g. --bounds 0.5,2), not '${f.bounds}'.`);
    bounds = checked.data;
  }
  if (method.data === 'logit' && !bounds) throw new UsageError('--method logit needs --bounds L,U (e.g. --bounds 0.5,2), as R calibrate does.');
  if (method.data === 'rake' && bounds)
    throw new UsageError('--bounds is for --method linear or logit; to limit raked weights use --trim-upper / --trim-lower.');
  if (method.data !== 'rake' && (f['trim-upper'] !== undefined || f['trim-lower'] !== undefined))
    throw new UsageError('Trimming is for raking; --method linear or logit keeps weights within --bounds itself.');
  let trimRounds: number | undefined;
  if (f['trim-rounds'] !== undefined) {
    const checked = TrimRounds.safeParse(Number(f['trim-rounds']));
    if (!checked.success) throw new UsageError(`--trim-rounds must be a whole number from 1 to 100, not '${f['trim-rounds']}'.`);
    if (f['trim-upper'] === undefined && f['trim-lower'] === undefined) throw new UsageError('--trim-rounds needs --trim-upper or --trim-lower.');
    trimRounds = checked.data;
  }
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
    method: method.data,
    bounds,
    trimUpper: bound('trim-upper', TrimUpper),
    trimLower: bound('trim-lower', TrimLower),
    trimRounds,
  };
  if (f.margins) {
    try {
      request.margins = readFileSync(f.margins, 'utf8');
    } catch {
      throw new UsageError(`Cannot read the margins file ${f.margins}.`);
    }
  }
  const slug = f.survey!;
  const wave = f.wave!;
  return withJobs(store, (jobs) => jobs.weigh({ slug, wave, request, onProgress: err })).then((r) => said(r, slug, wave, request, out));
};

/** How the run went, on stdout; exit 1 when it did not converge. */
function said(r: WeightingRunResponse, slug: string, wave: string, request: WeightingRequest, out: (s: string) => void): number {
  const d = r.diagnostics;
  out(`Weighted ${slug} ${wave} by ${r.method} on ${r.variables.join(', ')}.`);
  if (r.method === 'linear' || r.method === 'logit') out(`Method: ${methodWords(r.method, d.bounds)} (R calibrate, calfun = "${r.method}").`);
  if (r.illustrative) out(ILLUSTRATIVE_TARGETS_NOTICE);
  if (r.method === 'raking') {
    out(`Raking ${d.converged ? 'converged' : 'did NOT converge'} after ${d.iterations} iterations; largest remaining margin gap ${pct(d.maxGap)}.`);
  }
  if (r.method === 'linear' || r.method === 'logit') {
    out(`Calibration ${d.converged ? 'converged' : 'did NOT converge'} after ${d.iterations} iterations; largest remaining margin gap ${pct(d.maxGap)}.`);
  }
  if (request.trimUpper !== undefined || request.trimLower !== undefined) {
    out(`Trimmed ${r.trimmed} extreme weights, then raked again${d.trimRounds && d.trimRounds > 1 ? ` (${d.trimRounds} rounds)` : ''}.`);
  }
  if (d.outsideBounds !== null) out(`Weights outside the bounds after the final calibration: ${d.outsideBounds}.`);
  if (d.boundsNotice) out(`WARNING: ${d.boundsNotice}`);
  const imputed = Object.entries(d.imputed);
  out(
    `Respondents weighted: ${r.respondents}${d.excluded ? ` (${d.excluded} left out: no target for their answer)` : ''}` +
      `${imputed.length ? ` (imputed a weighting category: ${imputed.map(([v, k]) => `${v} ${k}`).join(', ')})` : ''}`,
  );
  if (imputed.length) out(imputedWords(d.imputed));
  out(`Effective sample size: ${d.nEffective.toFixed(1)}  Design effect from weighting: ${d.deffWeighting.toFixed(3)}`);
  out(`Weights range ${d.min.toFixed(4)} to ${d.max.toFixed(4)} (ratio ${d.ratio.toFixed(2)})`);
  out(`Margin of error (95%, p = 50%): ±${pct(d.marginOfError)}`);
  return d.converged ? 0 : 1;
}
