/**
 * The HTML shells of the two bundles: respondents' pages load only the survey runtime; officers'
 * pages their own bundle (Chart.js lives there, never on a pupil's phone).
 *
 * Caching: the assets' names carry a hash of their content, so they are cached for a year as
 * immutable and sent brotli- or gzip-compressed from the copies the build wrote
 * (client/build/precompress.ts); the HTML is never cached, so a new build is picked up at once.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context, Env, Hono } from 'hono';
import { statementHtml, statementSettings } from './accessibility-statement.js';

export function mountPages<E extends Env>(app: Hono<E>, clientDir: string) {
  const page = (file: string) => (c: Context) => {
    if (!existsSync(file)) return c.text('The pages are not built yet: run `npm run build`.', 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(file, 'utf8'));
  };
  // Read once, so a bad setting stops the server at start rather than on a visitor's request.
  const statement = statementHtml(statementSettings());
  app.get('/accessibility', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(statement);
  });
  const respondentHtml = resolve(clientDir, 'respondent.html');
  app.get('/s/:slug', page(respondentHtml));
  app.get('/y/:token', page(respondentHtml));
  const officerHtml = resolve(clientDir, 'officer.html');
  app.get('/officer', page(officerHtml));
  app.get('/officer/*', page(officerHtml));
  app.use('/assets/*', async (c, next) => {
    await next();
    if (!c.res.ok) return;
    c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    // Whichever copy was sent, the answer depends on Accept-Encoding.
    if (!c.res.headers.get('Vary')?.includes('Accept-Encoding')) c.res.headers.append('Vary', 'Accept-Encoding');
  });
  app.use('/assets/*', serveStatic({ root: clientDir, precompressed: true }));
}
