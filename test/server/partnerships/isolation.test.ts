/** Two partnerships in one deployment on SQLite: see test/helpers/partnership-isolation.ts. */
import { tempStore } from '../../helpers/store.js';
import { isolationSuite } from '../../helpers/partnership-isolation.js';

isolationSuite('SQLite', async () => {
  const t = tempStore();
  return { store: t.store, dir: t.dir, close: () => t.cleanup() };
});
