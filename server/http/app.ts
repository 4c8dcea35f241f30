/**
 * The Hono app, without listening (server/index.ts listens; tests call `app.request()`).
 */
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/open.js';
import { csrf } from './middleware/csrf.js';
import { securityHeaders } from './middleware/security-headers.js';
import { session } from './middleware/session.js';
import { officerRoutes } from './routes/officer-sign-in.js';
import { exportOperations, officerExportRoutes } from './routes/officer-exports.js';
import { officerReturnsRoutes, returnsOperations } from './routes/officer-returns.js';
import { officerWeightingRoutes, weightingOperations } from './routes/officer-weighting.js';
import { officerSurveyRoutes, surveyListOperations } from './routes/officer-surveys.js';
import { manageOperations, officerManageRoutes } from './routes/officer-manage.js';
import { linkOperations, officerLinkRoutes } from './routes/officer-links.js';
import { intakeOperations, officerIntakeRoutes } from './routes/officer-intake.js';
import { dataOperations, officerDataRoutes } from './routes/officer-data.js';
import { openApiRoute } from './openapi.js';
import { crimeOperations, crimeRoutes } from './routes/officer-crime.js';
import { perceptionOperations, perceptionRoutes } from './routes/officer-perception.js';
import { reportOperations, reportRoutes } from './routes/officer-reports.js';
import { respondentOperations, respondentRoutes } from './routes/respondent.js';
import { NotAvailable } from '../surveys/surveys.js';

export interface AppOptions {
  store: Store;
  /** Built client (vite build output); defaults to dist/client. */
  clientDir?: string;
}

/** Errors whose message tells the user what to fix in what they asked for (weights, margins…). */
const USER_ERRORS = new Set(['MarginsError', 'WeightingError', 'SurveyDefinitionError']);

// CLIENT_DIR lets several builds live side by side (tests building into their own folder).
const defaultClientDir = resolve(process.env.CLIENT_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/client'));

/** What each router says of its routes (summaries, parameters, bodies) for /api/openapi.json. */
const API_OPERATIONS: Record<string, Record<string, unknown>> = {
  'GET /api/health': { summary: 'Liveness check: {ok: true} when the server answers' },
  'GET /api/openapi.json': { summary: 'This OpenAPI document, generated from the routes the app serves' },
  ...respondentOperations,
  ...surveyListOperations,
  ...manageOperations,
  ...linkOperations,
  ...intakeOperations,
  ...returnsOperations,
  ...weightingOperations,
  ...reportOperations,
  ...perceptionOperations,
  ...crimeOperations,
  ...dataOperations,
  ...exportOperations,
};

export function createApp({ store, clientDir = defaultClientDir }: AppOptions) {
  const app = new Hono()
    .onError((err, c) => {
      if (err instanceof NotAvailable) return c.json({ error: err.message }, err.status);
      if (USER_ERRORS.has(err.name)) return c.json({ error: err.message }, 422);
      console.error(err);
      return c.json({ error: 'Something went wrong on the server. Nothing was stored; please try again.' }, 500);
    })
    .use('*', securityHeaders())
    .get('/api/health', (c) => c.json({ ok: true }))
    // Officers: a session on every officer request, CSRF checks on changes.
    .use('/api/officer/*', session({ store }), csrf())
    .route('/api', respondentRoutes(store))
    .route('/api/officer', officerRoutes(store))
    .route('/api/officer', officerSurveyRoutes(store))
    .route('/api/officer', officerReturnsRoutes(store))
    .route('/api/officer', officerWeightingRoutes(store))
    .route('/api/officer', officerExportRoutes(store))
    .route('/api/officer', officerManageRoutes(store))
    .route('/api/officer', officerLinkRoutes(store))
    .route('/api/officer', officerIntakeRoutes(store))
    .route('/api/officer', officerDataRoutes(store))
    .route('/api/officer', reportRoutes(store))
    .route('/api/officer', perceptionRoutes(store))
    .route('/api/officer', crimeRoutes(store));
  app.route('/api', openApiRoute(app, { title: 'Community safety surveys API', operations: API_OPERATIONS }));

  app.all('/api/*', (c) => c.json({ error: `No API route ${c.req.method} ${c.req.path}.` }, 404));

  // Respondent pages: one HTML shell that loads only the survey runtime.
  const respondentHtml = resolve(clientDir, 'respondent.html');
  const page = (file: string) => (c: import('hono').Context) => {
    if (!existsSync(file)) return c.text('The pages are not built yet: run `npm run build`.', 503);
    return c.html(readFileSync(file, 'utf8'));
  };
  app.get('/s/:slug', page(respondentHtml));
  app.get('/y/:token', page(respondentHtml));
  // Officer pages: their own bundle (Chart.js lives there, never on the respondent page).
  const officerHtml = resolve(clientDir, 'officer.html');
  app.get('/officer', page(officerHtml));
  app.get('/officer/*', page(officerHtml));
  app.use('/assets/*', serveStatic({ root: clientDir }));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
