/**
 * Validated submissions per second on each store, in one run: the real server on its SQLite file,
 * the real server on PostgreSQL (DATABASE_URL), and two servers on that one database behind a
 * round-robin proxy (bench/round-robin-proxy.ts). SQLite has no two-server row: one server holds a
 * data folder's lock. PostgreSQL runs with fsync on, as SQLite commits with synchronous=FULL.
 *
 * Each setup is warmed up, then measured in alternating rounds (the machine's other load falls on
 * all alike; best round shown). Afterwards, on each store: rows stored = 2xx, no key stored twice.
 *
 * Then the 100,000-reply report (bench/scale-workload.ts: every question by six breakdowns, with the
 * change since the previous wave) read and built from each store: the SQLite scale store, copied
 * into PostgreSQL with `store copy`, both asked in turn (BENCH_STORES_REPORT_N, default 100000; 0 skips).
 *
 * Run alone: `npx tsx bench/stores.ts`; or `npm run bench -- stores`. Needs PostgreSQL installed.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { surveyReport } from '../server/reports/survey-report.js';
import { openStore, type Store } from '../server/store/open.js';
import { copyToPostgres } from '../server/store/pg/copy.js';
import { openPostgresStore } from '../server/store/pg/open.js';
import { type Cluster, startCluster } from '../test/pg/cluster.js';
import { BY, buildScaleStore, SLUG as SCALE_SLUG } from './scale-workload.js';
import { startProxy } from './round-robin-proxy.js';
import { type LoadFigures, load, residentBodies } from './submissions.js';
import { cli, root, startServer, type Running } from './submissions-servers.js';

const SLUG = 'resident-safety';
const WAVE = 'bench';
const ROUNDS = 2;
const ROUND_S = 5;
const WARMUP_S = 2;

export interface StoreFigures {
  setup: string;
  figures: LoadFigures;
  rowsStored: number;
  duplicateKeys: number;
}

function setUpSurvey(dataDir: string, env: Record<string, string> = {}) {
  cli(dataDir, ['survey', 'add', '--file', resolve(root, `surveys/${SLUG}.survey.json`)], env);
  cli(dataDir, ['wave', 'create', '--survey', SLUG, '--name', WAVE], env);
  cli(dataDir, ['wave', 'open', '--survey', SLUG, '--name', WAVE], env);
}

const fmt = (x: number, digits = 0) => x.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export interface StoreReportFigures {
  n: number;
  copySeconds: number;
  /** Best of the rounds: wall and CPU seconds of this process for one report. */
  sqlite: { wallSeconds: number; cpuSeconds: number };
  postgres: { wallSeconds: number; cpuSeconds: number };
  sameEstimates: boolean;
}

async function timedReport(store: Store) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await surveyReport(store, { slug: SCALE_SLUG, wave: '2026', by: BY, compareWave: '2025' });
  const cpu = process.cpuUsage(cpu0);
  return { wallSeconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, report };
}

/** The scale report from a SQLite store and from its copy on PostgreSQL, alternately, best of two each. */
export async function benchStoreReports(cluster: Cluster, n: number): Promise<StoreReportFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'csp-bench-stores-report-'));
  try {
    const sqlite = openStore(dir);
    await buildScaleStore(sqlite, n, (m) => console.error(m));
    const url = cluster.database('report');
    const c0 = performance.now();
    const copy = await copyToPostgres(sqlite, url);
    const copySeconds = (performance.now() - c0) / 1000;
    if (!copy.ok) throw new Error('The copy into PostgreSQL did not match the SQLite store.');
    const pgStore = await openPostgresStore(url);
    try {
      const best = { sqlite: { wallSeconds: Infinity, cpuSeconds: Infinity }, postgres: { wallSeconds: Infinity, cpuSeconds: Infinity } };
      let sameEstimates = true;
      for (let round = 0; round < 2; round++) {
        const a = await timedReport(sqlite);
        const b = await timedReport(pgStore);
        sameEstimates &&=
          a.report.estimates.length === b.report.estimates.length &&
          a.report.estimates.every(
            (e, i) =>
              Math.abs((e.estimate ?? Number.NaN) - (b.report.estimates[i].estimate ?? Number.NaN)) < 1e-9 || e.estimate === b.report.estimates[i].estimate,
          );
        if (a.wallSeconds < best.sqlite.wallSeconds) best.sqlite = { wallSeconds: a.wallSeconds, cpuSeconds: a.cpuSeconds };
        if (b.wallSeconds < best.postgres.wallSeconds) best.postgres = { wallSeconds: b.wallSeconds, cpuSeconds: b.cpuSeconds };
      }
      const figures = { n, copySeconds, ...best, sameEstimates };
      console.log(
        `\nThe ${fmt(n)}-reply report (both waves read, every question by ${BY.length} breakdowns, change since 2025), best of two each, alternating:\n`,
      );
      console.log('| store | wall s | CPU s (this process) |');
      console.log('|---|---:|---:|');
      console.log(`| SQLite | ${fmt(best.sqlite.wallSeconds, 2)} | ${fmt(best.sqlite.cpuSeconds, 2)} |`);
      console.log(
        `| PostgreSQL (the same rows, \`store copy\` in ${fmt(copySeconds, 1)} s) | ${fmt(best.postgres.wallSeconds, 2)} | ${fmt(best.postgres.cpuSeconds, 2)} |`,
      );
      console.log(`\nThe same estimates from both: ${sameEstimates ? 'yes' : '**NO**'}`);
      return figures;
    } finally {
      await pgStore.close();
      sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStores(): Promise<{ submissions: StoreFigures[]; report: StoreReportFigures | null }> {
  const bodies = residentBodies();
  const runId = Date.now().toString(36);
  const dirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'csp-bench-stores-')));
  const cluster = await startCluster('survey', { durable: true });
  const pgEnv = { DATABASE_URL: cluster.url };
  const running: Running[] = [];
  let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
  try {
    setUpSurvey(dirs[0]);
    cli(dirs[1], ['migrate'], pgEnv);
    setUpSurvey(dirs[1], pgEnv);
    const sqliteServer = await startServer('server/index.ts', { DATA_DIR: dirs[0] });
    running.push(sqliteServer);
    const pgServers = [
      await startServer('server/index.ts', { DATA_DIR: dirs[1], ...pgEnv }),
      await startServer('server/index.ts', { DATA_DIR: dirs[2], ...pgEnv }),
    ];
    running.push(...pgServers);
    proxy = await startProxy(pgServers.map((s) => s.url));
    const setups = [
      { setup: 'SQLite, one server', url: sqliteServer.url, key: `sqlite-${runId}` },
      { setup: 'PostgreSQL, one server', url: pgServers[0].url, key: `pg1-${runId}` },
      { setup: 'PostgreSQL, two servers behind a proxy', url: proxy.url, key: `pg2-${runId}` },
    ];
    const rates = new Map<string, number>();
    for (const s of setups) rates.set(s.setup, (await load(s.url, bodies, `warm-${s.key}`, { duration: WARMUP_S })).requestsPerSecond);
    const rounds = new Map<string, LoadFigures[]>(setups.map((s) => [s.setup, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of setups) {
        const f = await load(s.url, bodies, `${s.key}-${round}`, { amount: Math.max(500, Math.round(rates.get(s.setup)! * ROUND_S)) });
        rounds.get(s.setup)!.push(f);
        rates.set(s.setup, f.requestsPerSecond);
      }
    }
    for (const s of running) await s.stop();
    running.length = 0;

    const sqlite = new Database(join(dirs[0], 'survey.sqlite'), { readonly: true });
    const sqliteCount = (prefix: string) =>
      (sqlite.prepare('SELECT count(*) AS n FROM responses WHERE idempotency_key LIKE ?').get(`${prefix}-%`) as { n: number }).n;
    const sqliteDuplicates = (
      sqlite.prepare('SELECT count(*) AS n FROM (SELECT idempotency_key FROM responses GROUP BY idempotency_key HAVING count(*) > 1)').get() as { n: number }
    ).n;
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const pgCount = async (prefix: string) =>
      (await client.query('SELECT count(*)::int AS n FROM responses WHERE idempotency_key LIKE $1', [`${prefix}-%`])).rows[0].n as number;
    const pgDuplicates = (
      await client.query('SELECT count(*)::int AS n FROM (SELECT idempotency_key FROM responses GROUP BY idempotency_key HAVING count(*) > 1) d')
    ).rows[0].n as number;
    const out: StoreFigures[] = [];
    for (const s of setups) {
      const all = rounds.get(s.setup)!;
      const best = all.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
      const ok2xx = all.reduce((t, r) => t + r.ok2xx, 0);
      const figures = { ...best, ok2xx, requests: all.reduce((t, r) => t + r.requests, 0), non2xx: all.reduce((t, r) => t + r.non2xx + r.errors, 0) };
      const isSqlite = s.setup.startsWith('SQLite');
      out.push({
        setup: s.setup,
        figures,
        rowsStored: isSqlite ? sqliteCount(s.key) : await pgCount(s.key),
        duplicateKeys: isSqlite ? sqliteDuplicates : pgDuplicates,
      });
    }
    sqlite.close();
    await client.end();
    printTable(out);
    const n = Number(process.env.BENCH_STORES_REPORT_N ?? 100_000);
    return { submissions: out, report: n > 0 ? await benchStoreReports(cluster, n) : null };
  } finally {
    for (const s of running) await s.stop();
    await proxy?.close();
    cluster.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

function printTable(rows: StoreFigures[]) {
  const base = rows[0].figures.requestsPerSecond;
  console.log(
    `Valid resident returns, 50 connections; after a ${WARMUP_S} s warm-up, ${ROUNDS} alternating rounds of ~${ROUND_S} s per setup (best round shown).\n`,
  );
  console.log('| store | req/s | ÷ SQLite | p50 ms | p99 ms | requests | non-2xx + errors | rows stored = 2xx | keys stored twice |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const r of rows) {
    const f = r.figures;
    console.log(
      `| ${r.setup} | ${fmt(f.requestsPerSecond)} | ${fmt(f.requestsPerSecond / base, 2)} | ${fmt(f.p50Ms, 1)} | ${fmt(f.p99Ms, 1)} | ${fmt(f.requests)} | ${fmt(f.non2xx)} | ${r.rowsStored === f.ok2xx ? 'yes' : '**NO**'} (${fmt(r.rowsStored)}) | ${r.duplicateKeys} |`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { submissions, report } = await benchStores();
  if (submissions.some((r) => r.rowsStored !== r.figures.ok2xx || r.duplicateKeys !== 0 || r.figures.non2xx !== 0) || report?.sameEstimates === false)
    process.exitCode = 1;
}
