/**
 * Starts the product: opens the SQLite store under DATA_DIR (migrating it), loads the demo content
 * on an empty store when started with --demo, and listens on PORT (default 3000).
 */
import { serve } from '@hono/node-server';
import { createApp } from './http/app.js';
import { publicUrl } from './surveys/manage.js';
import { openStore } from './store/open.js';
import { randomBytes } from 'node:crypto';
import { createOfficer, listOfficers } from './accounts/officers.js';
import { describeEntryPoints, loadDemoCrimeIfEmpty, loadDemoIfEmpty } from './demo/load.js';

const store = openStore();
const port = Number(process.env.PORT ?? 3000);

if (process.argv.includes('--demo') && process.env.DEMO !== '0') {
  console.log('Loading demo content into an empty data folder…');
  if (loadDemoIfEmpty(store, (msg) => console.log(msg))) {
    await loadDemoCrimeIfEmpty(store, (msg) => console.log(msg));
    console.log('Demo content loaded. All demo responses are SYNTHETIC (made up), and marked so wherever shown.');
    if (listOfficers(store.db).length === 0) {
      // A first admin so the officer-only results can be opened; the password is shown once, here.
      const password = randomBytes(12).toString('base64url');
      await createOfficer(store.db, { email: 'admin@demo.invalid', password, role: 'admin' });
      console.log(
        `Demo officer (admin): admin@demo.invalid  password: ${password}  (shown only now; add other accounts on the Accounts page or with \`npm run cli -- officer create\`)`,
      );
    }
  } else {
    console.log('The data folder already has surveys: demo content was not added.');
  }
}

// Report worker threads and their queue (server/jobs/): the defaults unless set.
const count = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const jobs = { workers: count('REPORT_WORKERS'), queue: count('REPORT_QUEUE') };

const server = serve({ fetch: createApp({ store, jobs }).fetch, port }, (info) => {
  // Links printed here use PORT so they work when copied from the console.
  if (!process.env.PUBLIC_URL) process.env.PORT = String(info.port);
  console.log(`Listening on http://localhost:${info.port}`);
  console.log(`Data: ${store.file}`);
  console.log('Open now:');
  describeEntryPoints(store).forEach((line) => console.log(line));
  console.log(`  officer pages (sign in): ${publicUrl()}/officer`);
});

function shutdown() {
  server.close();
  store.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
