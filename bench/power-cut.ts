/**
 * `npm run bench -- power-cut`: are replies acknowledged (201) only once durable? Measured, not
 * assumed. The real server runs in a child process under an LD_PRELOAD shim
 * (power-cut/durable-shim.c, compiled with cc into a temporary folder) that copies a store file to
 * a "durable" shadow whenever it is fsynced: the shadow is what the disk would hold after a power
 * cut. Many submissions are sent at once, the server is killed with SIGKILL mid-load, the store is
 * assembled from the shadows and opened (SQLite recovers its WAL), and every reply that got a 201
 * is looked for. Run with synchronous=FULL (the default: 0 must be lost) and, for comparison,
 * STORE_SYNCHRONOUS=normal (unsafe; exists only for this measurement).
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli, root, startServer } from './submissions-servers.js';

const SLUG = 'resident-safety';
const WAVE = 'power-cut';
const CONCURRENCY = 16;
/** Replies acknowledged before the plug is pulled. */
const KILL_AFTER_ACKS = 600;

export interface PowerCutRun {
  synchronous: 'full' | 'normal';
  acknowledged: number;
  present: number;
  lost: number;
  storeOpened: boolean;
}

export interface PowerCutFigures {
  skipped?: string;
  runs: PowerCutRun[];
}

export function compileShim(dir: string): string | null {
  const out = join(dir, 'durable-shim.so');
  try {
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', out, resolve(root, 'bench/power-cut/durable-shim.c'), '-ldl'], { stdio: 'pipe' });
    return out;
  } catch {
    return null;
  }
}

/** The pids of `pid` and every process below it (tsx runs node as a child). */
function tree(pid: number): number[] {
  let children = '';
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  } catch {
    // gone
  }
  return [
    pid,
    ...children
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((c) => tree(Number(c))),
  ];
}

function body(i: number, run: string): string {
  return JSON.stringify({
    answers: {
      safe_home: 'very_safe',
      safe_day_local: 'fairly_safe',
      safe_dark_local: 'fairly_unsafe',
      safe_day_town: 'very_safe',
      safe_dark_town: 'very_unsafe',
      worry_burglary: 'fairly_worried',
      has_car: 'no',
      unsafe_places: ['town_centre'],
      ward: 'E05004984',
      sex: 'female',
      age_band: '45-54',
      household_size: 1 + (i % 5),
    },
    idempotencyKey: `${run}-${String(i).padStart(7, '0')}`,
  });
}

export async function powerCut(shim: string, synchronous: 'full' | 'normal', killAfterAcks = KILL_AFTER_ACKS): Promise<PowerCutRun> {
  const top = mkdtempSync(join(tmpdir(), 'csp-power-cut-'));
  const data = join(top, 'data');
  const shadow = join(top, 'shadow');
  mkdirSync(shadow);
  try {
    cli(data, ['survey', 'add', '--file', resolve(root, `surveys/${SLUG}.survey.json`)]);
    cli(data, ['wave', 'create', '--survey', SLUG, '--name', WAVE]);
    cli(data, ['wave', 'open', '--survey', SLUG, '--name', WAVE]);
    // The store as set up was closed cleanly: that much is on the disk already.
    for (const f of readdirSync(data)) if (f.startsWith('survey.sqlite')) copyFileSync(join(data, f), join(shadow, f));

    const server = await startServer('server/index.ts', {
      DATA_DIR: data,
      STORE_SYNCHRONOUS: synchronous,
      LOG_LEVEL: 'silent',
      LD_PRELOAD: shim,
      SHIM_WATCH: data,
      SHIM_SHADOW: shadow,
    });
    const run = `cut-${synchronous}`;
    const acked = new Set<string>();
    let next = 0;
    let pulled = false;
    const refused: number[] = [];
    const pull = () => {
      if (pulled) return;
      pulled = true;
      for (const pid of tree(server.child.pid!).reverse()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
    };
    const worker = async () => {
      while (!pulled) {
        const i = next++;
        try {
          const res = await fetch(`${server.url}/api/surveys/${SLUG}/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: body(i, run),
          });
          await res.arrayBuffer();
          if (res.status === 201) acked.add(`${run}-${String(i).padStart(7, '0')}`);
          else if (!pulled) refused.push(res.status);
          if (acked.size >= killAfterAcks || refused.length > 20) pull();
        } catch {
          // the connection died with the server
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (refused.length > 20) throw new Error(`The server refused the submissions (statuses ${refused.slice(0, 5).join(', ')}…).`);
    if (server.child.exitCode === null && server.child.signalCode === null) await new Promise((r) => server.child.once('exit', r));

    // What the disk holds: the shadows, and nothing else (the -shm index is rebuilt on opening).
    const restored = join(top, 'restored');
    mkdirSync(restored);
    for (const f of ['survey.sqlite', 'survey.sqlite-wal']) if (existsSync(join(shadow, f))) copyFileSync(join(shadow, f), join(restored, f));
    let present = 0;
    let storeOpened = false;
    try {
      const db = new Database(join(restored, 'survey.sqlite'));
      const keys = new Set(
        (db.prepare('SELECT idempotency_key AS k FROM responses WHERE idempotency_key LIKE ?').all(`${run}-%`) as { k: string }[]).map((r) => r.k),
      );
      storeOpened = (db.pragma('quick_check', { simple: true }) as string) === 'ok';
      db.close();
      for (const k of acked) if (keys.has(k)) present++;
    } catch (e) {
      console.log(`  the assembled store did not open: ${(e as Error).message}`);
    }
    return { synchronous, acknowledged: acked.size, present, lost: acked.size - present, storeOpened };
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}

export async function benchPowerCut(): Promise<PowerCutFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'csp-shim-'));
  try {
    const shim = compileShim(dir);
    if (!shim) {
      const skipped = 'Skipped: no C compiler (cc) to build the power-cut shim. Install one (apt-get install gcc) to measure.';
      console.log(skipped);
      return { skipped, runs: [] };
    }
    const runs: PowerCutRun[] = [];
    for (const synchronous of ['full', 'normal'] as const) {
      const r = await powerCut(shim, synchronous);
      runs.push(r);
      console.log(
        `synchronous=${synchronous.toUpperCase()}: ${r.acknowledged} replies acknowledged (201) before SIGKILL; ${r.present} in the store assembled from what was fsynced; ${r.lost} lost; store ${r.storeOpened ? 'opens and passes its integrity check' : 'DAMAGED'}`,
      );
    }
    return { runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
