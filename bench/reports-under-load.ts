/**
 * Reports under load (issue 12): what a resident submitting, or a health check, waits for while
 * officers' reports are being made. The real server (`tsx server/index.ts`, default jobs options:
 * one worker per core but one, queue 4 per worker) on the demo (2,200 + 1,800 SYNTHETIC resident
 * replies); four heavy reports (ward × sex × age band with the change since 2025, each different so
 * none comes from the cache) kept in hand the whole time; autocannon at a fixed rate (200 req/s, 10
 * connections: fieldwork traffic, not a saturation test) on `/api/health` and on submissions,
 * first with no reports (the baseline), then with them. Then the same heavy report twice: made, and
 * answered from the cache.
 *
 * Target: submissions and health p99 < 50 ms while four reports run.
 *
 * Run alone: `npx tsx bench/reports-under-load.ts`; or `npm run bench -- reports-under-load`.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createOfficer } from '../server/accounts/officers.js';
import { loadDemoIfEmpty } from '../server/demo/load.js';
import { synthesiseResponses } from '../server/demo/synthetic-responses.js';
import { openStore } from '../server/store/open.js';
import { loadBundledSurveys } from '../surveys/metadata.js';
import { startServer } from './submissions-servers.js';

const RATE = 200;
const CONNECTIONS = 10;
const SECONDS = 10;
const IN_HAND = 4;
const TARGET_P99_MS = 50;
const REPORT = '/api/officer/surveys/resident-safety/waves/2026/report';
const EMAIL = 'bench-analyst@bench.invalid';
const PASSWORD = 'kettle harbour violet cloud';

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface ReportsUnderLoadFigures {
  rate: number;
  seconds: number;
  baseline: { health: Latency; submissions: Latency };
  underLoad: { health: Latency; submissions: Latency };
  reports: { completed: number; refused: number; medianSeconds: number | null };
  /** The machine's 1-minute load average as each phase began (it is shared: other work shows here). */
  loadAverage: { before: number; underLoad: number };
  /** `cachedHeadersMs`: until the response starts; `cachedMs`: until its last byte is read here. */
  cache: { madeMs: number; cachedHeadersMs: number; cachedMs: number; megabytes: number; equal: boolean };
  checks: { submissionsP99Met: boolean; healthP99Met: boolean; reportsRanThroughout: boolean };
}

/** Heavy reports that differ (breakdown order × CI method), so each is computed, not found cached. */
function heavyPaths(): string[] {
  const orders = ['ward,sex,age_band', 'sex,ward,age_band', 'age_band,ward,sex', 'ward,age_band,sex', 'sex,age_band,ward', 'age_band,sex,ward'];
  return ['logit', 'beta', 'wilson'].flatMap((ci) => orders.map((by) => `${REPORT}?by=${by}&compareWave=2025&ci=${ci}`));
}

/** Plain JS for the officers' thread: keep `inHand` reports asked for, each a different one, until told to stop. */
export const OFFICERS = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, cookie, paths, inHand } = workerData;
const stop = new AbortController();
let next = 0, completed = 0, refused = 0, asked = 0;
const durations = [];
async function officer() {
  while (!stop.signal.aborted) {
    const t0 = performance.now();
    try {
      asked++;
      const res = await fetch(url + paths[next++ % paths.length], { headers: { cookie }, signal: stop.signal });
      await res.arrayBuffer();
      if (res.status === 200) { completed++; durations.push((performance.now() - t0) / 1000); } else refused++;
    } catch {}
  }
}
const officers = Array.from({ length: inHand }, officer);
parentPort.on('message', async () => {
  const inHandNow = asked - completed - refused;
  stop.abort();
  await Promise.all(officers);
  parentPort.postMessage({ completed, refused, inHand: inHandNow, durations });
});
`;

export async function rated(url: string, request: Parameters<typeof autocannon>[0]['requests']): Promise<Latency> {
  const r = await autocannon({ url, connections: CONNECTIONS, overallRate: RATE, duration: SECONDS, requests: request });
  return { p50Ms: r.latency.p50, p99Ms: r.latency.p99, maxMs: r.latency.max, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors };
}

export function submissionsRequest(prefix: string) {
  const bundled = loadBundledSurveys().find((b) => b.slug === 'resident-safety');
  if (!bundled) throw new Error("The bundled questionnaire 'resident-safety' is missing from surveys/.");
  const bodies = synthesiseResponses(bundled.definition, bundled.metadata as never, { n: 500, seed: 12 }).map((a) => JSON.stringify(a));
  let next = 0;
  return [
    {
      method: 'POST',
      path: '/api/surveys/resident-safety/responses',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req: Record<string, unknown>) => {
        const i = next++;
        req.body = `{"idempotencyKey":"${prefix}-${i}","answers":${bodies[i % bodies.length]}}`;
        return req;
      },
    },
  ];
}

async function both(url: string, prefix: string) {
  return { health: await rated(url, [{ method: 'GET', path: '/api/health' }]), submissions: await rated(url, submissionsRequest(prefix)) };
}

export async function benchReportsUnderLoad(): Promise<ReportsUnderLoadFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'csp-bench-reports-'));
  const store = openStore(dir);
  await loadDemoIfEmpty(store);
  await createOfficer(store.db, { email: EMAIL, password: PASSWORD, role: 'analyst' });
  store.close();
  const server = await startServer('server/index.ts', { DATA_DIR: dir });
  try {
    const login = await fetch(`${server.url}/api/officer/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`Bench sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const get = (path: string, signal?: AbortSignal) => fetch(`${server.url}${path}`, { headers: { cookie }, signal });

    // Warm: the worker started and the modules loaded (a small report), JIT on both routes.
    await (await get(`${REPORT}?by=sex`)).arrayBuffer();
    await rated(server.url, [{ method: 'GET', path: '/api/health' }]);
    const loadBaseline = loadavg()[0];
    const baseline = await both(server.url, 'baseline');

    // The officers asking for reports run in a thread of their own, so reading 20 MB replies does not
    // hold up autocannon's clock in this one.
    const officers = new Worker(OFFICERS, { eval: true, workerData: { url: server.url, cookie, paths: heavyPaths(), inHand: IN_HAND } });
    await new Promise((r) => setTimeout(r, 2000));
    const loadBefore = loadavg()[0];
    const underLoad = await both(server.url, 'loaded');
    const reports = await new Promise<{ completed: number; refused: number; inHand: number; durations: number[] }>((resolve) => {
      officers.once('message', resolve);
      officers.postMessage('stop');
    });
    await officers.terminate();
    const durations = reports.durations.sort((a, b) => a - b);

    const heavy = `${REPORT}?by=ward,sex,age_band&compareWave=2025`;
    const timedText = async () => {
      const t0 = performance.now();
      const res = await get(heavy);
      const headersMs = performance.now() - t0;
      const text = await res.text();
      return { text, headersMs, ms: performance.now() - t0 };
    };
    // Not asked for in the load phase (those all name their CI method), so it is made now.
    const made = await timedText();
    const cached = await timedText();

    const figures: ReportsUnderLoadFigures = {
      rate: RATE,
      seconds: SECONDS,
      baseline,
      underLoad,
      reports: {
        completed: reports.completed,
        refused: reports.refused,
        medianSeconds: durations.length ? durations[Math.floor(durations.length / 2)] : null,
      },
      loadAverage: { before: loadBaseline, underLoad: loadBefore },
      cache: { madeMs: made.ms, cachedHeadersMs: cached.headersMs, cachedMs: cached.ms, megabytes: made.text.length / 1e6, equal: made.text === cached.text },
      checks: {
        submissionsP99Met: underLoad.submissions.p99Ms < TARGET_P99_MS,
        healthP99Met: underLoad.health.p99Ms < TARGET_P99_MS,
        reportsRanThroughout: reports.inHand >= 1,
      },
    };
    print(figures);
    return figures;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(f: ReportsUnderLoadFigures) {
  const row = (what: string, l: Latency) => `| ${what} | ${l.p50Ms} | ${l.p99Ms} | ${l.maxMs} | ${l.requests} | ${l.non2xx + l.errors} |`;
  console.log(`${f.rate} req/s for ${f.seconds} s each, ${CONNECTIONS} connections; ${IN_HAND} heavy reports kept in hand under load.\n`);
  console.log('| endpoint | p50 ms | p99 ms | max ms | requests | non-2xx + errors |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(row('health, no reports', f.baseline.health));
  console.log(row('submissions, no reports', f.baseline.submissions));
  console.log(row(`health, ${IN_HAND} reports in hand`, f.underLoad.health));
  console.log(row(`submissions, ${IN_HAND} reports in hand`, f.underLoad.submissions));
  console.log(
    `\nReports completed under load: ${f.reports.completed} (median ${f.reports.medianSeconds?.toFixed(1) ?? '–'} s from asking, queue included), refused (503): ${f.reports.refused}.`,
  );
  console.log(
    `Same heavy report twice: made in ${f.cache.madeMs.toFixed(0)} ms; from the cache, headers in ${f.cache.cachedHeadersMs.toFixed(1)} ms and all ${f.cache.megabytes.toFixed(1)} MB read in ${f.cache.cachedMs.toFixed(0)} ms (equal: ${f.cache.equal}).`,
  );
  console.log(`Load average (1 min) as each phase began: ${f.loadAverage.before.toFixed(1)} without reports, ${f.loadAverage.underLoad.toFixed(1)} with them.`);
  console.log(`Checks: ${JSON.stringify(f.checks)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchReportsUnderLoad();
