/**
 * The test store (SQLite or Postgres, as testStore) holding the scale benchmark's data: the resident
 * questionnaire with two waves of n SYNTHETIC replies each from the demo's generator, raked on sex,
 * age band and ward to the ILLUSTRATIVE population (bench/scale-workload.ts; made up).
 */
import { buildScaleStore } from '../../bench/scale-workload.js';
import { copyToPostgres } from '../../server/store/pg/copy.js';
import { type TestStore, tempStore, testStore } from './store.js';

export async function scaleTestStore(n: number): Promise<TestStore> {
  const t = await testStore();
  if (t.store.kind === 'sqlite') await buildScaleStore(t.store, n);
  else {
    // The benchmark's builder writes through SQLite's own prepared insert: the same data is built
    // on a SQLite file and moved into this Postgres database by the product's `store copy`.
    const built = tempStore();
    try {
      await buildScaleStore(built.store, n);
      const copied = await copyToPostgres(built.store, t.store.url);
      if (!copied.ok) throw new Error(`Copying the scale data into Postgres failed: ${JSON.stringify(copied)}`);
    } finally {
      built.cleanup();
    }
  }
  return t;
}
