/**
 * Scale (issue 12): the full product report of the resident survey — every question, by sex, age
 * band, ward, disability, ethnic group and tenure, with the change since the previous wave — for
 * N = 100,000 and 1,000,000 SYNTHETIC replies per wave (bench/scale-workload.ts), as the product
 * makes it (surveyReport: the answers read from SQLite, the report built, the lean JSON written),
 * each in a fresh child process: wall and CPU seconds, peak RSS; then as a running server gives it
 * first, from its report worker kept ready with the waves read ahead. Beside it, R survey on the same
 * work on the same data (bench/scale-r.R) at N = 10,000 and 100,000, each capped at
 * BENCH_R_MINUTES (default 10); a run stopped at the cap is extrapolated from the questions it
 * finished, and says so. Last, submissions p99 on the real server while it makes 100,000-reply
 * reports through its worker pool.
 *
 * Targets: 100,000 in under 2 s; 1,000,000 in under 20 s within 2 GB.
 * Sizes: BENCH_SCALE_SIZES=100000,1000000 (default), BENCH_R_SIZES=10000,100000 (default;
 * BENCH_SKIP_R=1 for none), BENCH_SCALE_LOAD=0 skips the submissions phase, BENCH_SCALE_CI=beta (or
 * wilson) times our reports with that interval instead of the default logit (R's script is unchanged).
 * Run alone: `npx tsx bench/scale.ts`; or `npm run bench -- scale`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CiMethod } from '../analysis/report/types.js';
import { createOfficer } from '../server/accounts/officers.js';
import { reportJson, surveyReport } from '../server/reports/survey-report.js';
import { createJobs, defaultHelpers } from '../server/jobs/jobs.js';
import { startHelpers } from '../server/jobs/helpers.js';
import { useReportHelpers } from '../server/reports/report-parts.js';
import { setWaveCache } from '../server/reports/wave-columns-cache.js';
import { waveReads } from '../server/reports/wave-columns.js';
import { openStore, type Store, storeLocation } from '../server/store/open.js';
import { setWaveStatus } from '../server/surveys/manage.js';
import { OFFICERS, rated, submissionsRequest } from './reports-under-load.js';
import { BY, buildScaleStore, SLUG, writeScaleCsv } from './scale-workload.js';
import { root, startServer } from './submissions-servers.js';

const TARGETS = { 100000: { seconds: 2 }, 1000000: { seconds: 20, megabytes: 2048 } } as Record<number, { seconds: number; megabytes?: number }>;
const tsx = resolve(root, 'node_modules/.bin/tsx');
const self = fileURLToPath(import.meta.url);
/** The interval our reports are timed with (BENCH_SCALE_CI; the product's default is logit). */
const CI = (process.env.BENCH_SCALE_CI ?? 'logit') as CiMethod;
const sizes = (name: string, fallback: number[]) =>
  process.env[name]
    ? process.env[name]!.split(',')
        .map((s) => Number(s.replace(/_/g, '')))
        .filter((n) => n > 0)
    : fallback;

export interface ReportRun {
  n: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakMegabytes: number;
  /** The report asked for again in the same process, the breakdowns in another order: the waves held, not read again. */
  warmSeconds: number;
  warmCpuSeconds: number;
  /** Then again after ADDED_REPLIES new replies to the wave: the waves held brought up to date with them alone. */
  addedSeconds: number;
  addedCpuSeconds: number;
  /** In another process with its code warmed by one report and no wave held: both waves read from the store again (unheldChild). */
  unheldSeconds: number;
  unheldCpuSeconds: number;
  /** The server's first report after it started, from its worker kept ready with the waves read ahead (keptChild); and the time that worker took to be ready. */
  keptSeconds: number;
  keptCpuSeconds: number;
  keptReadySeconds: number;
  keptPeakMegabytes: number;
  /** Of the wall time: reading both waves and building the report, then writing the lean JSON. */
  reportSeconds: number;
  jsonSeconds: number;
  megabytes: number;
  estimates: number;
  comparisons: number;
  associations: number;
  changes: number;
  loadAverage: number;
}

export interface RRun {
  n: number;
  seconds: number;
  finished: boolean;
  /** When stopped at the cap: the questions done of all, and the time extrapolated from them. */
  questionsDone?: number;
  questions?: number;
  loadAverage: number;
}

/** Runs `tsx bench/scale.ts <args>` and returns the last line it printed, parsed as JSON. */
function child(args: string[], timeoutMs = 0, env: Record<string, string> = {}): Promise<{ out: string; timedOut: boolean }> {
  return new Promise((done, fail) => {
    const p = spawn(tsx, [self, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.on('exit', (code) => (code === 0 ? done({ out, timedOut: false }) : fail(new Error(`bench/scale.ts ${args.join(' ')} exited with ${code}:\n${out}`))));
    if (timeoutMs) setTimeout(() => p.kill('SIGKILL'), timeoutMs).unref();
  });
}
const lastJson = (out: string) => JSON.parse(out.trim().split('\n').at(-1)!);

/**
 * The helper threads (REPORT_HELPERS, else the server's default), started, ready and registered, as a
 * report worker has them after its first big report (server/jobs/worker.ts); null for none.
 */
async function readyHelpers(store: Store) {
  const helpers = Number(process.env.REPORT_HELPERS ?? defaultHelpers());
  const pool = helpers > 0 ? await startHelpers(storeLocation(store), helpers) : null;
  useReportHelpers(pool);
  return pool;
}

/**
 * Child: the report as a running server makes it for waves it does not hold (a new wave's data, or
 * waves pushed out of the cache): the code warmed by one report first, every thread keeping no wave
 * (this one by setWaveCache, its helpers by REPORT_WAVE_CACHE_MB=0 in the child's environment), so the timed report reads both waves again.
 */
async function unheldChild(dir: string) {
  setWaveCache({ bytes: 0 });
  const store = openStore(dir);
  const pool = await readyHelpers(store);
  const ask = (by: string[]) => surveyReport(store, { slug: SLUG, wave: '2026', by, compareWave: '2025', ci: CI }).then(reportJson);
  await ask([...BY].reverse());
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await ask(BY);
  const unheldSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await pool?.close();
  store.close();
  console.log(JSON.stringify({ unheldSeconds, unheldCpuSeconds: (cpu.user + cpu.system) / 1e6 }));
}

/**
 * Child: a running server's first report of the waves, from its worker kept ready (server/jobs/pool.ts
 * `keep`, as server/index.ts starts it): the jobs service started on the store, the worker's reading
 * ahead of the newest big wave and the one before it waited for (its time reported, not timed with
 * the report), then the report asked for as the API asks it (the lean JSON, made in the worker and
 * its helper). Peak memory is the whole process's, every thread's.
 */
async function keptChild(dir: string) {
  const store = openStore(dir);
  const t0 = performance.now();
  const jobs = createJobs(store, { workers: 1, helpers: Number(process.env.REPORT_HELPERS ?? defaultHelpers()), keep: true, sharedCacheBytes: 0 });
  const warmed = await jobs.pool.warmed();
  if (warmed?.warmed?.wave !== '2026') throw new Error(`The worker kept ready did not read wave 2026 ahead: ${JSON.stringify(warmed)}`);
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  await jobs.report({ slug: SLUG, wave: '2026', by: BY, compareWave: '2025', ci: CI, lean: true });
  const keptSeconds = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const keptPeakMegabytes = process.resourceUsage().maxRSS / 1024;
  await jobs.close();
  store.close();
  console.log(JSON.stringify({ keptSeconds, keptCpuSeconds: (cpu.user + cpu.system) / 1e6, keptReadySeconds: (t1 - t0) / 1000, keptPeakMegabytes }));
}

/** New replies between two reports in the benchmark's fieldwork. */
const ADDED_REPLIES = 100; // as the table's heading says

/**
 * `count` more complete replies to the wave, copies of its first ones (the benchmark's data are all
 * SYNTHETIC), with no weight; returns the greatest id before them.
 */
function addReplies(store: Store, wave: string, count: number): number {
  if (store.kind !== 'sqlite') throw new Error('The benchmark runs on its SQLite store.');
  const last = (store.sqlite.prepare('SELECT max(id) AS id FROM responses').get() as { id: number }).id;
  store.sqlite
    .prepare(
      `INSERT INTO responses (wave_id, status, answers, survey_version, source, synthetic, design_weight)
       SELECT wave_id, 'complete', answers, survey_version, 'demo', 1, design_weight FROM responses
       WHERE wave_id = (SELECT id FROM waves WHERE name = ?) AND status = 'complete' ORDER BY id LIMIT ?`,
    )
    .run(wave, count);
  return last;
}

/** Child: the product's report, timed in this process from the store already built. */
async function reportChild(dir: string) {
  const store = openStore(dir);
  const pool = await readyHelpers(store);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await surveyReport(store, { slug: SLUG, wave: '2026', by: BY, compareWave: '2025', ci: CI });
  const t1 = performance.now();
  const json = reportJson(report);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const peakMegabytes = process.resourceUsage().maxRSS / 1024;
  // The same report asked for again with the breakdowns in another order, as an officer does: the
  // two waves are then held by the threads that read them (wave-columns-cache.ts), not read again.
  const cpu1 = process.cpuUsage();
  const t3 = performance.now();
  reportJson(await surveyReport(store, { slug: SLUG, wave: '2026', by: [...BY].reverse(), compareWave: '2025', ci: CI }));
  const warmSeconds = (performance.now() - t3) / 1000;
  const warm = process.cpuUsage(cpu1);
  // Fieldwork goes on: ADDED_REPLIES more (copies of the first, SYNTHETIC) come in, and the report is
  // asked for again. The waves held are brought up to date with the new replies alone (wave-columns.ts);
  // the wave is weighted, so they have no weight until the next weighting run and the report is as it was.
  const last = addReplies(store, '2026', ADDED_REPLIES);
  const reads = waveReads();
  const cpu2 = process.cpuUsage();
  const t4 = performance.now();
  reportJson(await surveyReport(store, { slug: SLUG, wave: '2026', by: BY, compareWave: '2025', ci: CI }));
  const addedSeconds = (performance.now() - t4) / 1000;
  const added = process.cpuUsage(cpu2);
  if (waveReads().added !== reads.added + 1) throw new Error('The wave with new replies was read again in full, not brought up to date.');
  // Gone again, so the store is as built for what follows (R reads it).
  if (store.kind === 'sqlite') store.sqlite.prepare('DELETE FROM responses WHERE id > ?').run(last);
  await pool?.close();
  store.close();
  const run: Omit<
    ReportRun,
    'loadAverage' | 'unheldSeconds' | 'unheldCpuSeconds' | 'keptSeconds' | 'keptCpuSeconds' | 'keptReadySeconds' | 'keptPeakMegabytes'
  > = {
    n: report.n,
    wallSeconds: (t2 - t0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakMegabytes,
    warmSeconds,
    warmCpuSeconds: (warm.user + warm.system) / 1e6,
    addedSeconds,
    addedCpuSeconds: (added.user + added.system) / 1e6,
    reportSeconds: (t1 - t0) / 1000,
    jsonSeconds: (t2 - t1) / 1000,
    megabytes: json.length / 1e6,
    estimates: report.estimates.length,
    comparisons: report.comparisons.length,
    associations: report.associations.length,
    changes: report.changes?.length ?? 0,
  };
  console.log(JSON.stringify(run));
}

async function buildChild(dir: string, n: number) {
  const store = openStore(dir);
  await buildScaleStore(store, n, (m) => console.error(m));
  store.close();
}

/** R on the same data; killed at the cap, then extrapolated from its per-question progress. */
export async function rRun(dir: string, n: number, minutes: number): Promise<RRun> {
  const store = openStore(dir);
  await writeScaleCsv(store, dir);
  store.close();
  const loadAverage = loadavg()[0];
  const out = await new Promise<{ out: string; timedOut: boolean }>((done, fail) => {
    const p = spawn('Rscript', [fileURLToPath(new URL('./scale-r.R', import.meta.url)), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    let err = '';
    let timedOut = false;
    p.stdout.on('data', (c: Buffer) => (text += c.toString()));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, minutes * 60_000);
    p.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 || timedOut) done({ out: text, timedOut });
      else fail(new Error(`Rscript bench/scale-r.R exited with ${code}:\n${err}`));
    });
  });
  const lines = out.out.trim().split('\n');
  const total = lines.find((l) => l.startsWith('total'));
  if (total) return { n, seconds: Number(total.split(/\s+/)[1]), finished: true, loadAverage };
  const setup = Number(lines.find((l) => l.startsWith('setup'))?.split(/\s+/)[1] ?? Number.NaN);
  const progress = lines.filter((l) => l.startsWith('question')).map((l) => l.split(/\s+/).map(Number));
  if (!progress.length) return { n, seconds: Number.NaN, finished: false, questionsDone: 0, loadAverage };
  const [, done, of, at] = progress.at(-1)!;
  return { n, seconds: setup + ((at - setup) / done) * of, finished: false, questionsDone: done, questions: of, loadAverage };
}

/** Submissions at 200 req/s on the real server, alone and while it makes N-reply reports in its workers. */
async function underLoad(dir: string) {
  const store = openStore(dir);
  await setWaveStatus(store.db, SLUG, '2026', 'open');
  const email = 'bench-analyst@bench.invalid';
  const password = 'kettle harbour violet cloud';
  await createOfficer(store.db, { email, password, role: 'analyst' });
  store.close();
  const server = await startServer('server/index.ts', { DATA_DIR: dir });
  try {
    const login = await fetch(`${server.url}/api/officer/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (login.status !== 200) throw new Error(`Bench sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const report = `/api/officer/surveys/${SLUG}/waves/2026/report`;
    // Warm: a worker started and its modules loaded, JIT on the route.
    await (await fetch(`${server.url}${report}?by=sex`, { headers: { cookie } })).arrayBuffer();
    const baseline = await rated(server.url, submissionsRequest('scale-baseline'));
    // The full report, each asked for differently (CI method × order) so none comes from the cache.
    const orders = [BY, [...BY].reverse(), [...BY.slice(3), ...BY.slice(0, 3)]];
    const paths = ['logit', 'beta', 'wilson'].flatMap((ci) => orders.map((o) => `${report}?by=${o.join(',')}&compareWave=2025&ci=${ci}`));
    const officers = new Worker(OFFICERS, { eval: true, workerData: { url: server.url, cookie, paths, inHand: 2 } });
    await new Promise((r) => setTimeout(r, 2000));
    const loadAverage = loadavg()[0];
    const loaded = await rated(server.url, submissionsRequest('scale-loaded'));
    const reports = await new Promise<{ completed: number; refused: number; inHand: number; durations: number[] }>((r) => {
      officers.once('message', r);
      officers.postMessage('stop');
    });
    await officers.terminate();
    const d = reports.durations.sort((a, b) => a - b);
    return {
      baseline,
      loaded,
      loadAverage,
      reports: { completed: reports.completed, refused: reports.refused, inHand: reports.inHand, medianSeconds: d.length ? d[Math.floor(d.length / 2)] : null },
    };
  } finally {
    await server.stop();
  }
}

export async function benchScale() {
  const ourSizes = sizes('BENCH_SCALE_SIZES', [100_000, 1_000_000]);
  const rSizes = process.env.BENCH_SKIP_R === '1' ? [] : sizes('BENCH_R_SIZES', [10_000, 100_000]);
  const minutes = Number(process.env.BENCH_R_MINUTES ?? 10);
  const all = [...new Set([...ourSizes, ...rSizes])].sort((a, b) => a - b);
  const ours: ReportRun[] = [];
  const r: RRun[] = [];
  let load: Awaited<ReturnType<typeof underLoad>> | null = null;
  for (const n of all) {
    const dir = mkdtempSync(join(tmpdir(), `csp-bench-scale-${n}-`));
    try {
      console.error(`N = ${n.toLocaleString('en-GB')}: building the store (not timed)…`);
      await child(['build', dir, String(n)]);
      if (ourSizes.includes(n)) {
        const loadAverage = loadavg()[0];
        const run = {
          ...lastJson((await child(['report', dir])).out),
          ...lastJson((await child(['unheld', dir], 0, { REPORT_WAVE_CACHE_MB: '0' })).out),
          ...lastJson((await child(['kept', dir])).out),
          n,
          loadAverage,
        } as ReportRun;
        ours.push(run);
        console.log(
          `N = ${n.toLocaleString('en-GB')}: ours${CI === 'logit' ? '' : ` (ci=${CI})`} ${run.wallSeconds.toFixed(2)} s wall (${run.reportSeconds.toFixed(2)} s report, ${run.jsonSeconds.toFixed(2)} s JSON), ${run.cpuSeconds.toFixed(2)} s CPU, peak ${run.peakMegabytes.toFixed(0)} MB; ${run.estimates} estimates, ${run.comparisons} comparisons, ${run.associations} tests, ${run.changes} changes; ${run.megabytes.toFixed(2)} MB JSON; asked again, breakdowns reordered (waves held) ${run.warmSeconds.toFixed(2)} s wall, ${run.warmCpuSeconds.toFixed(2)} s CPU; after ${ADDED_REPLIES} new replies ${run.addedSeconds.toFixed(2)} s wall, ${run.addedCpuSeconds.toFixed(2)} s CPU; code warm, waves read again ${run.unheldSeconds.toFixed(2)} s wall, ${run.unheldCpuSeconds.toFixed(2)} s CPU; server's first report from its worker kept ready ${run.keptSeconds.toFixed(2)} s wall, ${run.keptCpuSeconds.toFixed(2)} s CPU (ready ${run.keptReadySeconds.toFixed(1)} s after start, peak ${run.keptPeakMegabytes.toFixed(0)} MB); load ${loadAverage.toFixed(1)}`,
        );
      }
      if (rSizes.includes(n)) {
        const rr = await rRun(dir, n, minutes);
        r.push(rr);
        console.log(
          rr.finished
            ? `N = ${n.toLocaleString('en-GB')}: R survey ${rr.seconds.toFixed(1)} s; load ${rr.loadAverage.toFixed(1)}`
            : `N = ${n.toLocaleString('en-GB')}: R survey did not finish in ${minutes} min (${rr.questionsDone} of ${rr.questions ?? '?'} questions done); extrapolated ${rr.seconds.toFixed(0)} s`,
        );
      }
      if (n === 100_000 && process.env.BENCH_SCALE_LOAD !== '0') {
        load = await underLoad(dir);
        console.log(
          `Submissions at 200 req/s: p99 ${load.baseline.p99Ms} ms alone, ${load.loaded.p99Ms} ms while 100,000-reply reports ran (${load.reports.completed} completed, median ${load.reports.medianSeconds?.toFixed(1) ?? '–'} s; load ${load.loadAverage.toFixed(1)})`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  print(ours, r, minutes);
  return { ours, r, underLoad: load };
}

function print(ours: ReportRun[], r: RRun[], minutes: number) {
  console.log(
    '\n| N | ours wall (s) | ours CPU (s) | peak MB | code warm, waves read again (s) | waves held (s) | after 100 new replies (s) | server, kept ready: first report (s) | R survey (s) | R / ours | target | met (fresh process / server kept ready) |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  );
  const ns = [...new Set([...ours.map((o) => o.n), ...r.map((x) => x.n)])].sort((a, b) => a - b);
  for (const n of ns) {
    const o = ours.find((x) => x.n === n);
    const rr = r.find((x) => x.n === n);
    const t = TARGETS[n];
    const rText = !rr ? 'not run' : rr.finished ? rr.seconds.toFixed(1) : `did not finish in ${minutes} min (≈ ${rr.seconds.toFixed(0)} extrapolated)`;
    const meets = (seconds: number, megabytes: number) => (seconds < t.seconds && (!t.megabytes || megabytes < t.megabytes) ? 'yes' : 'no');
    const met = o && t ? `${meets(o.wallSeconds, o.peakMegabytes)} / ${meets(o.keptSeconds, o.keptPeakMegabytes)}` : '';
    console.log(
      `| ${n.toLocaleString('en-GB')} | ${o?.wallSeconds.toFixed(2) ?? '–'} | ${o?.cpuSeconds.toFixed(2) ?? '–'} | ${o?.peakMegabytes.toFixed(0) ?? '–'} | ${o?.unheldSeconds.toFixed(2) ?? '–'} | ${o?.warmSeconds.toFixed(2) ?? '–'} | ${o?.addedSeconds.toFixed(2) ?? '–'} | ${o?.keptSeconds.toFixed(2) ?? '–'} | ${rText} | ${o && rr ? (rr.seconds / o.wallSeconds).toFixed(0) : ''} | ${t ? `< ${t.seconds} s${t.megabytes ? `, < ${t.megabytes / 1024} GB` : ''}` : ''} | ${met} |`,
    );
  }
}

const [mode, ...rest] = process.argv.slice(2);
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (mode === 'build') await buildChild(rest[0], Number(rest[1]));
  else if (mode === 'report') await reportChild(rest[0]);
  else if (mode === 'unheld') await unheldChild(rest[0]);
  else if (mode === 'kept') await keptChild(rest[0]);
  else await benchScale();
}
