/** Two partnerships in one deployment on a throw-away Postgres cluster: see test/helpers/partnership-isolation.ts. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from '../../server/store/pg/open.js';
import { isolationSuite } from '../helpers/partnership-isolation.js';
import { startCluster } from './cluster.js';

isolationSuite('PostgreSQL', async () => {
  const cluster = await startCluster();
  const store = await openPostgresStore(cluster.url, 'apply');
  const dir = mkdtempSync(join(tmpdir(), 'csp-partnerships-'));
  return {
    store,
    dir,
    async close() {
      await store.close();
      cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
