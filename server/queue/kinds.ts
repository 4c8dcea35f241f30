/**
 * The kinds of long job the queue runs: what each takes (one schema, checked before anything is
 * queued), who may queue it, a check that refuses at once what could never run (an unknown upload),
 * and the work itself, given the server's worker pool and a way to report progress.
 */
import { z } from '@hono/zod-openapi';
import type { Permission } from '../accounts/roles.js';
import { Unprocessable } from '../errors.js';
import { importStagedCrime } from '../crime/data.js';
import { CrimeImportRequest } from '../crime/schemas.js';
import { stagedUploadsOf } from '../crime/staging.js';
import type { Jobs } from '../jobs/jobs.js';
import type { Store } from '../store/open.js';
import { findSurvey, findWave } from '../surveys/surveys.js';
import { ReportQuery } from '../reports/schemas.js';
import { WeightingRequest } from '../weighting/schemas.js';

export interface JobContext {
  store: Store;
  jobs: Jobs;
  officer: { id: number } | null;
  progress(value: unknown): void;
}

export interface JobKind<I> {
  input: z.ZodType<I>;
  permission: Permission;
  /** Refuses (an HttpError) what could never run, before it is queued. */
  check(store: Store, input: I): Promise<void>;
  run(input: I, ctx: JobContext): Promise<unknown>;
}

const WeightingJobInput = z.object({ slug: z.string().min(1), wave: z.string().min(1), request: WeightingRequest });

const crimeImport: JobKind<z.infer<typeof CrimeImportRequest>> = {
  input: CrimeImportRequest,
  permission: 'import',
  async check(store, { uploads }) {
    await stagedUploadsOf(store, [...new Set(uploads)]);
  },
  run: ({ uploads }, { store, officer, progress }) => importStagedCrime(store, uploads, officer, progress),
};

const weighting: JobKind<z.infer<typeof WeightingJobInput>> = {
  input: WeightingJobInput,
  permission: 'run-weighting',
  async check(store, { slug, wave }) {
    await findWave(store.db, await findSurvey(store.db, slug), wave);
  },
  run: ({ slug, wave, request }, { jobs, officer, progress }) =>
    jobs.weigh({ slug, wave, request, by: officer, onProgress: (message) => progress({ message }) }),
};

/** A report made ahead of the officers who will ask for it: `query` as the report's URL takes it (e.g. {by: 'ward,sex', compareWave: '2025'}). */
const ReportJobInput = z.object({ slug: z.string().min(1), wave: z.string().min(1), query: z.record(z.string(), z.string()).optional() });

/** The report's options from the query as its URL would give it: the same checks, the same parsed values. */
function reportQuery(query: Record<string, string> | undefined) {
  const parsed = ReportQuery.safeParse(query ?? {});
  if (!parsed.success) throw new Unprocessable(`The query of a report job is wrong: ${parsed.error.issues[0].message}`, { field: 'input' });
  return parsed.data;
}

const report: JobKind<z.infer<typeof ReportJobInput>> = {
  input: ReportJobInput,
  permission: 'read-results',
  async check(store, { slug, wave, query }) {
    reportQuery(query);
    await findWave(store.db, await findSurvey(store.db, slug), wave);
  },
  // The same options (so the same key) as GET …/report with that query: kept in the store for every server.
  async run({ slug, wave, query }, { jobs, progress }) {
    progress({ message: `Working out the report of ${slug} ${wave}` });
    const json = await jobs.report({ slug, wave, ...reportQuery(query), lean: true });
    return { bytes: json.byteLength };
  },
};

export const JOB_KINDS = { 'crime-import': crimeImport, weighting, report } as Record<string, JobKind<unknown>>;
export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as ['crime-import', 'weighting', 'report'];
