/**
 * `report wards`: small-area (Fay–Herriot) estimates for the wards of a wave, one question ×
 * category — each ward's direct estimate beside the model-based one — as the JSON the API gives
 * (`/api/officer/surveys/:slug/waves/:wave/ward-estimates`) or a CSV of the wards.
 */
import { writeFileSync } from 'node:fs';
import { csvCell, csvRow } from '../../formats/csv.js';
import { COVARIATES } from '../../reports/ward-estimates-schema.js';
import type { CovariateKind, WardEstimates } from '../../reports/ward-estimates.js';
import { flags, UsageError, type Command } from '../io.js';
import { withJobs } from '../jobs.js';

export const usage = `report wards --survey s --wave w --question q --category c [--covariate crime-rate|all-crime|none]
    [--crime-type t] [--from YYYY-MM --to YYYY-MM] --format json|csv [--out file]
  Model-based ward estimates (Fay–Herriot: REML, EBLUP, Prasad–Rao RMSE) beside the direct ones.
  --covariate: the recorded rate per 1,000 residents of the question's crime types (or --crime-type),
  of all crime, or none (the default). Crime period: default the 12 months to the wave's last response.`;

export const WARD_ESTIMATE_COLUMNS = ['ward', 'name', 'n', 'direct', 'direct_se', 'x', 'model', 'model_rmse', 'reason'];

function notices(r: WardEstimates): string[] {
  return [r.syntheticNotice, r.illustrativePopulationNotice, r.fallback, ...r.notes].filter((x): x is string => !!x);
}

export function wardEstimatesCsv(r: WardEstimates): string {
  const lines = notices(r).map((n) => csvCell(`# ${n}`));
  lines.push(csvCell(`# sigma2u = ${r.sigma2u}; coefficients = ${r.coefficients.join(', ')}; x = ${r.covariateLabel ?? 'none (intercept only)'}`));
  lines.push(WARD_ESTIMATE_COLUMNS.join(','));
  for (const w of r.wards) lines.push(csvRow([w.ward, w.name, w.n, w.direct, w.directSe, w.x, w.model, w.modelRmse, w.reason]));
  return `${lines.join('\n')}\n`;
}

export const reportWardsCommand: Command = (args, { store, out, err }) => {
  const f = flags(
    args,
    {
      survey: { type: 'string' },
      wave: { type: 'string' },
      question: { type: 'string' },
      category: { type: 'string' },
      covariate: { type: 'string' },
      'crime-type': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    ['survey', 'wave', 'question', 'category', 'format'],
  );
  if (f.format !== 'json' && f.format !== 'csv') throw new UsageError(`--format must be json or csv, not '${f.format}'.`);
  if (f.covariate !== undefined && !COVARIATES.includes(f.covariate as CovariateKind)) {
    throw new UsageError(`--covariate must be ${COVARIATES.join(', ')}, not '${f.covariate}'.`);
  }
  if (!f.from !== !f.to) throw new UsageError('Give both --from and --to, or neither.');
  err(`Fitting the ward model for ${f.survey} ${f.wave}, ${f.question} = ${f.category}…`);
  const opts = {
    slug: f.survey!,
    wave: f.wave!,
    question: f.question!,
    category: f.category!,
    covariate: f.covariate as CovariateKind | undefined,
    crimeType: f['crime-type'],
    from: f.from,
    to: f.to,
  };
  // The same path as the API's (worker pool, read-only store), so the numbers are the server's.
  return withJobs(store, (jobs) => jobs.wardEstimates(opts)).then((json) => write(JSON.parse(new TextDecoder().decode(json)) as WardEstimates));
  function write(r: WardEstimates): number {
    for (const notice of notices(r)) err(notice);
    const text = f.format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : wardEstimatesCsv(r);
    if (f.out) {
      writeFileSync(f.out, text);
      err(`Wrote ${f.out}.`);
    } else out(text.trimEnd());
    return 0;
  }
};
