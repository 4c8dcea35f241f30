/** Perception vs recorded crime as JSON: the same document `report perception --format json` prints. */
import { Hono } from 'hono';
import type { Store } from '../db/open.js';
import { perceptionReport } from '../reporting/perception.js';

export function perceptionRoutes(store: Store) {
  return new Hono().get('/surveys/:slug/waves/:wave/perception', (c) => {
    const q = (name: string) => c.req.query(name) || undefined;
    const report = perceptionReport(store, {
      slug: c.req.param('slug'),
      wave: c.req.param('wave'),
      compareWave: q('compareWave'),
      from: q('from'),
      to: q('to'),
      compareFrom: q('compareFrom'),
      compareTo: q('compareTo'),
    });
    return c.json(report);
  });
}
