/**
 * Issue-3 benchmark: raking + a full report (20 questions overall and by 6 breakdowns with
 * covariance, pairwise comparisons, Rao–Scott tests) for N = 10,000 and 100,000, beside R survey
 * on the same data when Rscript is installed (N = 10,000 by default; BENCH_R_FULL=1 adds 100,000,
 * which took R 558 s here).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { associationTest } from '../analysis/report/association.js';
import { buildWaveReport } from '../analysis/report/build-report.js';
import { categoryCodes, groupCodes } from '../analysis/report/codes.js';
import { designOf, jointAndGrouped, proportionsTable } from '../analysis/report/tables.js';
import { rake } from '../analysis/weights/rake.js';
import { toCsv, workload } from './report-workload.js';

/** Each respondent's category on the three margins, and the raked weights (timed as part of each run). */
function rakeWorkload(w: ReturnType<typeof workload>) {
  const cells = w.margins.map((m) => {
    const index = new Map(m.categories.map((c, i) => [c, i]));
    return Int32Array.from(w.answers, (a) => index.get(a[m.name] as string)!);
  });
  const raked = rake(
    new Float64Array(w.answers.length).fill(1),
    w.margins.map((m, j) => ({ name: m.name, cells: cells[j], categories: m.categories, targets: m.targets })),
  );
  return { cells, raked };
}

function ours(n: number, w = workload(n)) {
  const t0 = performance.now();
  const { cells, raked } = rakeWorkload(w);
  const report = buildWaveReport({
    questions: w.questions,
    breakdowns: w.breakdowns,
    answers: w.answers,
    weights: raked.weights,
    calibration: { kind: 'raking', margins: cells },
  });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, estimates: report.estimates.length, comparisons: report.comparisons.length, associations: report.associations.length, w };
}

/**
 * Exactly the issue's workload, the same work R does in report-r.R: code the answers, rake, every
 * question overall and by the 6 breakdowns with the full domain covariance, 15 Rao–Scott tests.
 */
function issueWorkload(w: ReturnType<typeof workload>) {
  const n = w.answers.length;
  const t0 = performance.now();
  const { raked } = rakeWorkload(w);
  const design = designOf(raked.weights, { kind: 'raking', margins: raked.calibration.margins, marginWeights: raked.calibration.marginWeights });
  const groups = w.breakdowns.map((b) => groupCodes(w.answers, b));
  let tests = 0;
  for (const q of w.questions) {
    const codes = categoryCodes(w.answers, q);
    proportionsTable(design, codes, 5, null, 1);
    w.breakdowns.forEach((b, j) => {
      const G = b.categories.length;
      if (tests < 15) {
        // The joint table gives both the group table and the Rao–Scott input.
        associationTest(q, b, jointAndGrouped(design, codes, 5, groups[j], G).joint, 5, n, 30);
        tests++;
      } else proportionsTable(design, codes, 5, groups[j], G);
    });
  }
  return (performance.now() - t0) / 1000;
}

function rTiming(_n: number, w: ReturnType<typeof workload>): number | null {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-r-'));
  try {
    writeFileSync(join(dir, 'data.csv'), toCsv(w.answers));
    const lines = ['variable,category,target'];
    for (const m of w.margins) m.categories.forEach((c, i) => lines.push(`${m.name},${c},${m.targets[i]}`));
    writeFileSync(join(dir, 'margins.csv'), `${lines.join('\n')}\n`);
    const script = fileURLToPath(new URL('./report-r.R', import.meta.url));
    const out = execFileSync('Rscript', [script, join(dir, 'data.csv'), join(dir, 'margins.csv')], { encoding: 'utf8', maxBuffer: 1e7 });
    return Number(out.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchReport() {
  const sizes = [10_000, 100_000];
  const rows: { n: number; workload: number; ours: number; r: number | null }[] = [];
  for (const n of sizes) {
    const w = workload(n);
    // Best of 3 (the first run also pays for compiling the code).
    const workloadSeconds = Math.min(issueWorkload(w), issueWorkload(w), issueWorkload(w));
    const o = ours(n, w);
    const runR = n <= 10_000 || process.env.BENCH_R_FULL === '1';
    const r = runR && process.env.BENCH_SKIP_R !== '1' ? rTiming(n, o.w) : null;
    rows.push({ n, workload: workloadSeconds, ours: o.seconds, r });
    console.log(
      `N = ${n}: issue workload ${workloadSeconds.toFixed(2)} s; full report ${o.seconds.toFixed(2)} s (${o.estimates} estimates, ${o.comparisons} comparisons, ${o.associations} Rao–Scott tests)${r !== null ? `; R survey ${r.toFixed(1)} s (×${(r / workloadSeconds).toFixed(0)})` : '; R not run'}`,
    );
  }
  console.log('\n| N | issue workload, ours (s) | R survey, same workload (s) | R / ours | full report, ours (s) |\n|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.n.toLocaleString('en-GB')} | ${r.workload.toFixed(2)} | ${r.r?.toFixed(1) ?? 'not run'} | ${r.r ? (r.r / r.workload).toFixed(0) : ''} | ${r.ours.toFixed(2)} |`,
    );
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchReport();
