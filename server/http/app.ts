/**
 * The Hono app, without listening (server/index.ts listens; tests call `app.request()` on this
 * same app, built with their own store, clock or limits).
 */
import { settings } from '../config.js';
import { OpenAPIHono } from '@hono/zod-openapi';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Clock, systemClock } from '../clock.js';
import { createJobs, type Jobs, type JobsOptions } from '../jobs/jobs.js';
import type { Store } from '../store/open.js';
import { readiness } from '../store/readiness.js';
import type { AppDeps, Limits } from './deps.js';
import { onError, validationHook } from './errors.js';
import { mountPages } from './pages.js';
import { csrf } from './middleware/csrf.js';
import { noStore } from './middleware/no-store.js';
import { createLogger, type Logger, requestLogger } from './middleware/request-log.js';
import { securityHeaders } from './middleware/security-headers.js';
import { type OfficerEnv, session } from './middleware/session.js';
import { officerRoutes } from './routes/officer-sign-in.js';
import { officerExportRoutes } from './routes/officer-exports.js';
import { officerReturnsRoutes } from './routes/officer-returns.js';
import { officerWeightingRoutes } from './routes/officer-weighting.js';
import { officerSurveyRoutes } from './routes/officer-surveys.js';
import { officerManageRoutes } from './routes/officer-manage.js';
import { officerLinkRoutes } from './routes/officer-links.js';
import { officerIntakeRoutes } from './routes/officer-intake.js';
import { officerAreaRoutes } from './routes/officer-areas.js';
import { officerDataRoutes } from './routes/officer-data.js';
import { officerJobRoutes } from './routes/officer-jobs.js';
import { officerTranslationRoutes } from './routes/officer-translations.js';
import { openApiRoute } from './openapi.js';
import { createRoute, jsonContent, router, z } from './route.js';
import { crimeRoutes } from './routes/officer-crime.js';
import { findingsRoutes } from './routes/officer-findings.js';
import { perceptionRoutes } from './routes/officer-perception.js';
import { wardEstimateRoutes } from './routes/officer-wards.js';
import { reportRoutes } from './routes/officer-reports.js';
import { respondentRoutes } from './routes/respondent.js';
import { councilRoutes, privacyRoutes } from './routes/council.js';
import { officerSettingsRoutes } from './routes/officer-settings.js';
import { officerOidcRoutes } from './routes/officer-oidc.js';
import { OidcSignIn } from '../accounts/oidc.js';
import type { OidcSettings } from '../accounts/oidc-config.js';
import { publicUrl } from '../surveys/manage.js';
import { priorityRoutes } from './routes/officer-priorities.js';
import { officerPartnershipRoutes } from './routes/officer-partnerships.js';

// CLIENT_DIR lets several builds live side by side (tests building into their own folder).
const defaultClientDir = () => resolve(settings().clientDir ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/client'));

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  summary: 'Liveness check: {ok: true} when the server answers',
  security: [],
  responses: { 200: jsonContent(z.object({ ok: z.literal(true) }).openapi('Health'), 'The server answers') },
});

const Readiness = z
  .object({
    ok: z.boolean(),
    checks: z.object({
      writable: z.boolean().openapi({ description: 'The store accepts a write' }),
      integrity: z.boolean().openapi({ description: "SQLite's quick integrity check passes (checked at most once a minute)" }),
      freeMb: z.number().int().openapi({ description: 'Free space on the disk holding the store, MB' }),
      minFreeMb: z.number().int().openapi({ description: 'The floor (READY_MIN_FREE_MB, default 100)' }),
    }),
    error: z.string().optional().openapi({ description: 'Why it is not ready, in words' }),
  })
  .openapi('Readiness');

const ready = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['health'],
  summary: 'Readiness: the store is writable, passes its integrity check, and the disk has space',
  security: [],
  responses: {
    200: jsonContent(Readiness, 'Ready to take answers'),
    503: jsonContent(Readiness, 'Not ready: `error` says why'),
  },
});

/** GET /health (alive) and GET /ready (able to store answers), mounted at /api. */
const healthRoute = (store: Store) =>
  router()
    .openapi(health, (c) => c.json({ ok: true as const }, 200))
    .openapi(ready, async (c) => {
      const r = await readiness(store);
      return r.ok ? c.json(r, 200) : c.json(r, 503);
    });

export interface AppOptions {
  store: Store;
  /** What time it is (link expiry, sessions); default the system clock. */
  clock?: Clock;
  /** Sign-in rate limits; default 5 failures per 15 minutes. */
  limits?: Limits;
  /** Built client (vite build output); default dist/client, or CLIENT_DIR. */
  clientDir?: string;
  /** The worker pool for reports and exports: threads, queue, cache size (server/jobs/jobs.ts). */
  jobs?: JobsOptions;
  /** A worker pool made already (createJobs), shared with the queued-job runner; `jobs` is then unused. */
  jobPool?: Jobs;
  /** Single sign-on (OpenID Connect); default none (server/index.ts reads OIDC_* from the environment). */
  oidc?: OidcSettings | null;
  /** Where request logs go; default stdout at LOG_LEVEL (server/http/middleware/request-log.ts). */
  logger?: Logger;
}

export function createApp({
  store,
  clock = systemClock,
  limits = {},
  clientDir = defaultClientDir(),
  jobs = {},
  jobPool,
  oidc = null,
  logger = createLogger(),
}: AppOptions) {
  const deps: AppDeps = { store, clock, limits, jobs: jobPool ?? createJobs(store, jobs) };
  const sso = oidc ? new OidcSignIn(oidc, store, clock, publicUrl) : null;
  // `declared` collects every route's declaration (routers mounted with .route() merge theirs in).
  const declared = new OpenAPIHono<OfficerEnv>({ defaultHook: validationHook });
  const app = declared
    .onError(onError)
    .use('*', requestLogger(logger))
    .use('*', securityHeaders())
    .route('/api', healthRoute(store))
    // Officers: a session on every officer request, CSRF checks on changes.
    .use('/api/officer/*', noStore(), session({ store, clock }), csrf())
    .route('/api', respondentRoutes(deps))
    .route('/api', councilRoutes(deps))
    .route('/', privacyRoutes(deps))
    .route('/api/officer', officerRoutes(deps))
    .route('/api/officer', officerSurveyRoutes(deps))
    .route('/api/officer', officerReturnsRoutes(deps))
    .route('/api/officer', officerWeightingRoutes(deps))
    .route('/api/officer', officerExportRoutes(deps))
    .route('/api/officer', officerManageRoutes(deps))
    .route('/api/officer', officerLinkRoutes(deps))
    .route('/api/officer', officerIntakeRoutes(deps))
    .route('/api/officer', officerDataRoutes(deps))
    .route('/api/officer', officerJobRoutes(deps))
    .route('/api/officer', officerTranslationRoutes(deps))
    .route('/api/officer', officerAreaRoutes(deps))
    .route('/api/officer', reportRoutes(deps))
    .route('/api/officer', perceptionRoutes(deps))
    .route('/api/officer', findingsRoutes(deps))
    .route('/api/officer', wardEstimateRoutes(deps))
    .route('/api/officer', crimeRoutes(deps))
    .route('/api/officer', officerSettingsRoutes(deps))
    .route('/api/officer', officerOidcRoutes(sso))
    .route('/api/officer', priorityRoutes(deps))
    .route('/api/officer', officerPartnershipRoutes(deps));
  app.route('/api', openApiRoute(declared, { title: 'Community safety surveys API' }));

  app.all('/api/*', (c) => c.json({ error: `No API route ${c.req.method} ${c.req.path}.` }, 404));
  mountPages(app, clientDir);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
