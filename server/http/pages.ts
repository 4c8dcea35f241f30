/**
 * The HTML shells of the two bundles: respondents' pages load only the survey runtime; officers'
 * pages their own bundle (Chart.js lives there, never on a pupil's phone).
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context, Env, Hono } from 'hono';

export function mountPages<E extends Env>(app: Hono<E>, clientDir: string) {
  const page = (file: string) => (c: Context) => {
    if (!existsSync(file)) return c.text('The pages are not built yet: run `npm run build`.', 503);
    return c.html(readFileSync(file, 'utf8'));
  };
  const respondentHtml = resolve(clientDir, 'respondent.html');
  app.get('/s/:slug', page(respondentHtml));
  app.get('/y/:token', page(respondentHtml));
  const officerHtml = resolve(clientDir, 'officer.html');
  app.get('/officer', page(officerHtml));
  app.get('/officer/*', page(officerHtml));
  app.use('/assets/*', serveStatic({ root: clientDir }));
}
