/**
 * Submission throughput: the real server (validation + SQLite) against a bare Hono endpoint.
 *
 * Both run as child processes (`tsx`), loaded by autocannon with 50 connections. Every request
 * is a different valid resident return (the demo generator's made-up answers) with its own
 * idempotency key. Each side gets a short warm-up, then a measured run of about DURATION_S
 * seconds, sized as a fixed number of requests (warm-up rate × duration) so that autocannon
 * waits for every answer and the stored rows can be reconciled exactly with the 2xx count.
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
import { cli, root, startServer } from './submissions-servers.js';

const SLUG = 'resident-safety';
const WAVE = 'bench';
const CONNECTIONS = 50;
const DURATION_S = 10;
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

function residentBodies(): string[] {
  const bundled = loadBundledSurveys().find((b) => b.slug === SLUG);
  if (!bundled) throw new Error(`The bundled questionnaire '${SLUG}' is missing from surveys/.`);
  const answers = synthesiseResponses(bundled.definition, bundled.metadata as never, { n: ANSWER_SETS, seed: 42 });
  return answers.map((a) => JSON.stringify(a));
}

/** One autocannon run; `keyPrefix` marks its idempotency keys so its rows can be counted apart. */
async function load(url: string, bodies: string[], keyPrefix: string, how: { duration: number } | { amount: number }): Promise<LoadFigures> {
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
  };
}

/** Warm up (JIT, SQLite page cache), then a measured run of about DURATION_S seconds that waits for every reply. */
async function measure(url: string, bodies: string[], runId: string): Promise<LoadFigures> {
  const warm = await load(url, bodies, `warm-${runId}`, { duration: WARMUP_S });
  const amount = Math.max(CONNECTIONS * 10, Math.round(warm.requestsPerSecond * DURATION_S));
  return load(url, bodies, `bench-${runId}`, { amount });
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
    let serverFigures: LoadFigures;
    try {
      serverFigures = await measure(server.url, bodies, runId);
    } finally {
      await server.stop();
    }

    const bare = await startServer('bench/bare-hono.ts');
    let bareFigures: LoadFigures;
    try {
      bareFigures = await measure(bare.url, bodies, runId);
    } finally {
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
    `| ${name} | ${fmt(x.requestsPerSecond)} | ${fmt(x.p50Ms, 1)} | ${fmt(x.p99Ms, 1)} | ${fmt(x.requests)} | ${fmt(x.non2xx + x.errors)} |`;
  const tick = (ok: boolean) => (ok ? 'yes' : '**NO**');
  console.log(`Valid resident returns, ${f.connections} connections, ~${DURATION_S} s each after a ${WARMUP_S} s warm-up.\n`);
  console.log('| endpoint | req/s | p50 ms | p99 ms | requests | non-2xx + errors |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(row('server (validate + store)', f.server));
  console.log(row('bare Hono (parse JSON only)', f.bareHono));
  console.log('');
  console.log('| check | value | met |');
  console.log('|---|---|---|');
  console.log(`| rate vs bare Hono (target ≥ ${fmt(TARGET_RATIO, 2)}) | ${fmt(f.ratio, 2)} | ${tick(f.checks.ratioMet)} |`);
  console.log(`| server p99 (target < ${TARGET_P99_MS} ms) | ${fmt(f.server.p99Ms, 1)} ms | ${tick(f.checks.p99Met)} |`);
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
