/**
 * Submission throughput: the real server (validation + SQLite) against a bare Hono endpoint.
 *
 * Both run as child processes (`tsx`), loaded by autocannon with 50 connections. Every request
 * is a different valid resident return (the demo generator's made-up answers) with its own
 * idempotency key. Both get a short warm-up, then alternating measured rounds (see measureBoth).
 *
 * Afterwards: rows stored == 2xx responses, no idempotency key stored twice, zero non-2xx.
 * Targets (issue 2): at least 1/3 of bare Hono's rate, p99 under 50 ms.
 *
 * Run alone: `npx tsx bench/submissions.ts`; or with the others: `npm run bench -- submissions`.
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { synthesiseResponses } from '../server/demo/synthetic-responses.js';
import { loadBundledSurveys } from '../surveys/metadata.js';
import { cli, root, startServer, type Running } from './submissions-servers.js';

const SLUG = 'resident-safety';
const WAVE = 'bench';
const CONNECTIONS = 50;
/** Two rounds of about 5 s per endpoint: about 10 s of measured load each. */
const ROUNDS = 2;
const ROUND_S = 5;
const WARMUP_S = 2;
/** Distinct answer sets cycled through; each request still gets its own idempotency key. */
const ANSWER_SETS = 2000;
const TARGET_RATIO = 1 / 3;
const TARGET_P99_MS = 50;

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  seconds: number;
  /** CPU time the endpoint's process used per request, in µs, over all measured rounds (null off Linux). */
  cpuMicrosPerRequest: number | null;
}

export interface SubmissionFigures {
  connections: number;
  server: LoadFigures;
  bareHono: LoadFigures;
  /** server req/s ÷ bare Hono req/s. */
  ratio: number;
  rowsStored: number;
  duplicateKeys: number;
  checks: { rowsEqual2xx: boolean; noDuplicates: boolean; zeroNon2xx: boolean; ratioMet: boolean; p99Met: boolean };
}

export function residentBodies(): string[] {
  const bundled = loadBundledSurveys().find((b) => b.slug === SLUG);
  if (!bundled) throw new Error(`The bundled questionnaire '${SLUG}' is missing from surveys/.`);
  const answers = synthesiseResponses(bundled.definition, bundled.metadata as never, { n: ANSWER_SETS, seed: 42 });
  return answers.map((a) => JSON.stringify(a));
}

/** One autocannon run; `keyPrefix` marks its idempotency keys so its rows can be counted apart. */
export async function load(url: string, bodies: string[], keyPrefix: string, how: { duration: number } | { amount: number }): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    ...how,
    requests: [
      {
        method: 'POST',
        path: `/api/surveys/${SLUG}/responses`,
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => {
          const i = next++;
          req.body = `{"idempotencyKey":"${keyPrefix}-${i}","answers":${bodies[i % bodies.length]}}`;
          return req;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    cpuMicrosPerRequest: null,
  };
}

/** Merges the measured rounds of one endpoint: figures from its best round, counts over all rounds. */
function combine(rounds: LoadFigures[]): LoadFigures {
  const best = rounds.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  const sum = (k: 'requests' | 'ok2xx' | 'non2xx' | 'errors') => rounds.reduce((t, r) => t + r[k], 0);
  return {
    ...best,
    requests: sum('requests'),
    ok2xx: sum('ok2xx'),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    seconds: rounds.reduce((t, r) => t + r.seconds, 0),
  };
}

/**
 * Both endpoints warmed up (JIT, SQLite page cache), then measured in alternating rounds so that
 * anything else the machine is doing falls on both alike; each endpoint's best round is reported.
 * A round is a fixed number of requests (the last rate × ROUND_S), so autocannon waits for every
 * reply and the stored rows can be reconciled exactly with the 2xx count.
 */
async function measureBoth(serverProc: Running, bareProc: Running, bodies: string[], runId: string) {
  const [serverUrl, bareUrl] = [serverProc.url, bareProc.url];
  let serverRate = (await load(serverUrl, bodies, `warm-${runId}`, { duration: WARMUP_S })).requestsPerSecond;
  let bareRate = (await load(bareUrl, bodies, `warm-${runId}`, { duration: WARMUP_S })).requestsPerSecond;
  const server: LoadFigures[] = [];
  const bare: LoadFigures[] = [];
  const amount = (rate: number) => Math.max(CONNECTIONS * 10, Math.round(rate * ROUND_S));
  // CPU time per request does not depend on what else the machine is doing, unlike req/s.
  let serverCpu = 0;
  let bareCpu = 0;
  const cpuOf = async (proc: Running, run: () => Promise<LoadFigures>) => {
    const before = proc.cpuSeconds();
    const figures = await run();
    const after = proc.cpuSeconds();
    return { figures, cpu: before === null || after === null ? NaN : after - before };
  };
  for (let round = 0; round < ROUNDS; round++) {
    const s = await cpuOf(serverProc, () => load(serverUrl, bodies, `bench-${runId}-${round}`, { amount: amount(serverRate) }));
    server.push(s.figures);
    serverCpu += s.cpu;
    serverRate = s.figures.requestsPerSecond;
    const b = await cpuOf(bareProc, () => load(bareUrl, bodies, `bench-${runId}-${round}`, { amount: amount(bareRate) }));
    bare.push(b.figures);
    bareCpu += b.cpu;
    bareRate = b.figures.requestsPerSecond;
  }
  const perRequest = (cpu: number, rounds: LoadFigures[]) => {
    const n = rounds.reduce((t, r) => t + r.requests, 0);
    return Number.isFinite(cpu) ? (cpu * 1e6) / n : null;
  };
  return {
    server: { ...combine(server), cpuMicrosPerRequest: perRequest(serverCpu, server) },
    bare: { ...combine(bare), cpuMicrosPerRequest: perRequest(bareCpu, bare) },
  };
}

const fmt = (x: number, digits = 0) => x.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function benchSubmissions(): Promise<SubmissionFigures> {
  const bodies = residentBodies();
  const dataDir = mkdtempSync(join(tmpdir(), 'csp-bench-'));
  const runId = Date.now().toString(36);
  try {
    cli(dataDir, ['survey', 'add', '--file', resolve(root, `surveys/${SLUG}.survey.json`)]);
    cli(dataDir, ['wave', 'create', '--survey', SLUG, '--name', WAVE]);
    cli(dataDir, ['wave', 'open', '--survey', SLUG, '--name', WAVE]);

    const server = await startServer('server/index.ts', { DATA_DIR: dataDir });
    const bare = await startServer('bench/bare-hono.ts').catch(async (e) => {
      await server.stop();
      throw e;
    });
    let serverFigures: LoadFigures;
    let bareFigures: LoadFigures;
    try {
      ({ server: serverFigures, bare: bareFigures } = await measureBoth(server, bare, bodies, runId));
    } finally {
      await server.stop();
      await bare.stop();
    }

    const sqlite = new Database(join(dataDir, 'survey.sqlite'), { readonly: true });
    const rowsStored = (sqlite.prepare('SELECT count(*) AS n FROM responses WHERE idempotency_key LIKE ?').get(`bench-${runId}-%`) as { n: number }).n;
    const duplicateKeys = (
      sqlite.prepare('SELECT count(*) AS n FROM (SELECT idempotency_key FROM responses GROUP BY idempotency_key HAVING count(*) > 1)').get() as { n: number }
    ).n;
    sqlite.close();

    const ratio = serverFigures.requestsPerSecond / bareFigures.requestsPerSecond;
    const figures: SubmissionFigures = {
      connections: CONNECTIONS,
      server: serverFigures,
      bareHono: bareFigures,
      ratio,
      rowsStored,
      duplicateKeys,
      checks: {
        rowsEqual2xx: rowsStored === serverFigures.ok2xx,
        noDuplicates: duplicateKeys === 0,
        zeroNon2xx: serverFigures.non2xx === 0 && serverFigures.errors === 0 && bareFigures.non2xx === 0,
        ratioMet: ratio >= TARGET_RATIO,
        p99Met: serverFigures.p99Ms < TARGET_P99_MS,
      },
    };
    printTable(figures);
    return figures;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function printTable(f: SubmissionFigures) {
  const row = (name: string, x: LoadFigures) =>
    `| ${name} | ${fmt(x.requestsPerSecond)} | ${fmt(x.p50Ms, 1)} | ${fmt(x.p99Ms, 1)} | ${x.cpuMicrosPerRequest === null ? 'n/a' : fmt(x.cpuMicrosPerRequest)} | ${fmt(x.requests)} | ${fmt(x.non2xx + x.errors)} |`;
  const tick = (ok: boolean) => (ok ? 'yes' : '**NO**');
  console.log(
    `Valid resident returns, ${f.connections} connections; after a ${WARMUP_S} s warm-up, ${ROUNDS} alternating rounds of ~${ROUND_S} s per endpoint (best round shown; requests and errors summed).\n`,
  );
  console.log('| endpoint | req/s | p50 ms | p99 ms | server CPU µs/request | requests | non-2xx + errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  console.log(row('server (validate + store)', f.server));
  console.log(row('bare Hono (parse JSON only)', f.bareHono));
  console.log('');
  console.log('| check | value | met |');
  console.log('|---|---|---|');
  console.log(`| rate vs bare Hono (target ≥ ${fmt(TARGET_RATIO, 2)}) | ${fmt(f.ratio, 2)} | ${tick(f.checks.ratioMet)} |`);
  console.log(`| server p99 (target < ${TARGET_P99_MS} ms) | ${fmt(f.server.p99Ms, 1)} ms | ${tick(f.checks.p99Met)} |`);
  if (f.server.cpuMicrosPerRequest !== null && f.bareHono.cpuMicrosPerRequest !== null) {
    const cpuRatio = f.bareHono.cpuMicrosPerRequest / f.server.cpuMicrosPerRequest;
    console.log(
      `| CPU per request, bare Hono ÷ server (the rate ratio on an otherwise idle machine) | ${fmt(cpuRatio, 2)} | ${tick(cpuRatio >= TARGET_RATIO)} |`,
    );
  }
  console.log(`| rows stored = 2xx responses | ${fmt(f.rowsStored)} = ${fmt(f.server.ok2xx)} | ${tick(f.checks.rowsEqual2xx)} |`);
  console.log(`| idempotency keys stored twice | ${f.duplicateKeys} | ${tick(f.checks.noDuplicates)} |`);
  console.log(`| non-2xx or errors | ${f.server.non2xx + f.server.errors} | ${tick(f.checks.zeroNon2xx)} |`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const f = await benchSubmissions();
  const failed = Object.entries(f.checks).filter(([, ok]) => !ok);
  if (failed.length) {
    console.error(`\nNot met: ${failed.map(([k]) => k).join(', ')}`);
    process.exitCode = 1;
  }
}
