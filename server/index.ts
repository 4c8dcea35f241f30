/**
 * Starts the product: opens the SQLite store under DATA_DIR (migrating it), loads the demo content
 * on an empty store when started with --demo, and listens on PORT (default 3000).
 */
import { createJobs, defaultHelpers } from './jobs/jobs.js';
import { startJobRunner } from './queue/runner.js';
import { serve } from '@hono/node-server';
import { createApp } from './http/app.js';
import { publicUrl } from './surveys/manage.js';
import { dataDir, StoreRefused, storeName, type Store } from './store/open.js';
import { openConfiguredStore } from './store/connect.js';
import { lockDataDir } from './store/lock.js';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createOfficer, listOfficers } from './accounts/officers.js';
import { oidcSettingsFromEnv, type OidcSettings } from './accounts/oidc-config.js';
import { noteListeningPort, SettingsError, readSettings, type Settings } from './config.js';
import { statementSettings } from './http/accessibility-statement.js';
import { describeEntryPoints, loadDemoCrimeIfEmpty, loadDemoIfEmpty } from './demo/load.js';
import { startRetentionSweep } from './responses/retention-sweep.js';
import { systemClock } from './clock.js';

/** Stops with a message a person can act on (exit 1): a refused store, a full disk, a second server. */
function refuse(e: unknown): never {
  const err = e as NodeJS.ErrnoException & { code?: string };
  if (e instanceof SettingsError) console.error(`Not started: ${err.message} See the Settings table in README.md.`);
  else if (e instanceof StoreRefused) console.error(`Not started: ${err.message}`);
  else if (err?.code === 'ENOSPC' || err?.code === 'SQLITE_FULL')
    console.error(`Not started: the disk holding ${dataDir()} is full. Free some space, then start again.`);
  else console.error(`Not started: ${err?.message ?? String(e)}`);
  process.exit(1);
}

let store: Store;
let unlock: () => void;
let oidc: OidcSettings | null = null;
let config: Settings;
try {
  // Before the store: a bad setting, or a half-made single sign-on set-up, stops the server with
  // nothing opened.
  config = readSettings();
  try {
    oidc = oidcSettingsFromEnv(config.text);
    statementSettings(config.text);
  } catch (e) {
    throw new SettingsError((e as Error).message);
  }
  mkdirSync(dataDir(), { recursive: true });
  unlock = lockDataDir(dataDir());
  try {
    store = await openConfiguredStore();
  } catch (e) {
    unlock();
    throw e;
  }
} catch (e) {
  refuse(e);
}
const port = config.port;

if (process.argv.includes('--demo') && config.demo) {
  console.log('Loading demo content into an empty data folder…');
  if (await loadDemoIfEmpty(store, (msg) => console.log(msg))) {
    await loadDemoCrimeIfEmpty(store, (msg) => console.log(msg));
    console.log('Demo content loaded. All demo responses are SYNTHETIC (made up), and marked so wherever shown.');
    if ((await listOfficers(store.db)).length === 0) {
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

// Report worker threads, their queue and each one's helpers for big reports (server/jobs/): the
// defaults unless set; one worker kept ready, the newest big wave read ahead (the CLI keeps none).
const jobs = { workers: config.reportWorkers, queue: config.reportQueue, helpers: config.reportHelpers ?? defaultHelpers(), keep: config.reportKeepReady };

// Responses past their questionnaire's retention period are deleted now and then every hour.
const stopSweep = await startRetentionSweep(store, systemClock);

// One worker pool for the requests and the queued long jobs (imports, weighting runs), which are
// taken from the store one at a time by whichever server is free.
const jobPool = createJobs(store, jobs);
const queueRunner = startJobRunner(store, { jobs: jobPool });

const server = serve({ fetch: createApp({ store, jobPool, oidc, clock: systemClock }).fetch, port }, async (info) => {
  // Links printed here use PORT so they work when copied from the console.
  if (!config.publicUrl) noteListeningPort(info.port);
  console.log(`Listening on http://localhost:${info.port}`);
  console.log(`Data: ${storeName(store)}${store.kind === 'postgres' ? ' (PostgreSQL)' : ''}`);
  console.log('Open now:');
  (await describeEntryPoints(store)).forEach((line) => console.log(line));
  console.log(`  officer pages (sign in): ${publicUrl()}/officer`);
  if (oidc) console.log(`Single sign-on: ${oidc.issuer} (redirect URI to register: ${publicUrl()}/api/officer/oidc/callback)`);
});

// Slow or idle connections must not hold the server: headers within 10 s, a whole request within
// 60 s (uploads included), idle keep-alive connections closed after 5 s, at most MAX_CONNECTIONS open.
const http = server as import('node:http').Server;
http.headersTimeout = 10_000;
http.requestTimeout = 60_000;
http.keepAliveTimeout = 5_000;
http.maxConnections = config.maxConnections;

/** Stops taking connections, lets the requests in flight (submissions) finish, then closes the store. */
let stopping = false;
function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('Stopping: finishing the requests in flight…');
  let closing = false;
  const done = async () => {
    if (closing) return;
    closing = true;
    stopSweep();
    // A job still running after 10 s is taken up again by a server on the store (it stopped beating).
    await Promise.race([queueRunner.stop(), new Promise((r) => setTimeout(r, 10_000).unref())]);
    await store.close();
    unlock();
    process.exit(0);
  };
  http.close(() => void done());
  http.closeIdleConnections();
  // A request still running after 10 s is given up on; SQLite keeps every committed answer.
  setTimeout(() => void done(), 10_000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
