/** Two partnerships in one deployment on a throw-away Postgres cluster: see test/helpers/partnership-isolation.ts. */
import { openPostgresStore } from '../../server/store/pg/open.js';
import { isolationSuite } from '../helpers/partnership-isolation.js';
import { storeOnCluster } from './cluster.js';

isolationSuite('PostgreSQL', () => storeOnCluster((cluster) => openPostgresStore(cluster.url, 'apply')));
