/**
 * The kinds of long job the queue runs: what each takes (one schema, checked before anything is
 * queued), who may queue it, a check that refuses at once what could never run (an unknown upload),
 * and the work itself, given the server's worker pool and a way to report progress.
 */
import { z } from '@hono/zod-openapi';
import type { Permission } from '../accounts/roles.js';
import { importStagedCrime } from '../crime/data.js';
import { CrimeImportRequest } from '../crime/schemas.js';
import { stagedUploadsOf } from '../crime/staging.js';
import type { Jobs } from '../jobs/jobs.js';
import type { Store } from '../store/open.js';
import { findSurvey, findWave } from '../surveys/surveys.js';
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

export const JOB_KINDS = { 'crime-import': crimeImport, weighting } as Record<string, JobKind<unknown>>;
export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as ['crime-import', 'weighting'];
