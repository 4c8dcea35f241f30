/**
 * The job queue's API, mounted at /api/officer (session + CSRF run there): long jobs queued in the
 * store for whichever server is free, and watched while they run.
 *
 *   POST /jobs        {kind, input} → 202 with the queued job; a wrong kind or input → 422, an
 *                     unknown upload → 404, a kind the role may not run → 403 (nothing queued).
 *                     Audited 'job.queued'. Kinds: 'crime-import' ({uploads: [id, …]}, as POST
 *                     /crime/imports takes) and 'weighting' ({slug, wave, request}, as POST
 *                     …/weighting takes).
 *   GET  /jobs/{id}   the job: state (queued, running, done, failed), progress, result or error
 *   GET  /jobs        the latest 50 jobs, newest first
 */
import { z } from '@hono/zod-openapi';
import { rolesWith } from '../../accounts/roles.js';
import { enqueueJob, jobOf, latestJobs } from '../../queue/queue.js';
import { JobParams, JobView, NewJob } from '../../queue/schemas.js';
import type { AppDeps } from '../deps.js';
import type { OfficerEnv } from '../middleware/session.js';
import { errors, jsonBody, jsonContent, officerRoute, router } from '../route.js';

const tags = ['jobs'];
// Who may queue a kind is the kind's own permission; watching needs only to read results.
const watchers = rolesWith('read-results');

const postJob = officerRoute({
  method: 'post',
  path: '/jobs',
  roles: [...new Set([...rolesWith('import'), ...rolesWith('run-weighting')])],
  tags,
  summary: 'Queue a long job (a crime import, a weighting run) for any server on the store to run; poll GET /jobs/{id}',
  request: { body: jsonBody(NewJob, 'The kind of job and its input') },
  responses: {
    202: jsonContent(JobView, 'The job, queued'),
    ...errors({ 404: 'An upload, survey or wave the job needs is unknown', 422: 'No such kind, or its input is wrong (said where)' }),
  },
});

const getJob = officerRoute({
  method: 'get',
  path: '/jobs/{id}',
  roles: watchers,
  tags,
  summary: 'A queued job: its state, how far it has got, and what it came to',
  request: { params: JobParams },
  responses: { 200: jsonContent(JobView, 'The job'), ...errors({ 400: 'The id is not a whole number', 404: 'No such job' }) },
});

const getJobs = officerRoute({
  method: 'get',
  path: '/jobs',
  roles: watchers,
  tags,
  summary: 'The latest 50 jobs, newest first',
  responses: { 200: jsonContent(z.array(JobView), 'The jobs') },
});

export function officerJobRoutes({ store }: AppDeps) {
  return router<OfficerEnv>()
    .openapi(postJob, async (c) => c.json(await enqueueJob(store, c.req.valid('json'), c.get('officer')), 202))
    .openapi(getJob, async (c) => c.json(await jobOf(store, c.req.valid('param').id), 200))
    .openapi(getJobs, async (c) => c.json(await latestJobs(store), 200));
}
