/**
 * One report worker (a worker_thread started by pool.ts through bootstrap.mjs): opens the store
 * (the SQLite file read-only, or a small pool of its own on the Postgres database), then runs one job at a time as the pool sends them and posts back the
 * value (a report's JSON or a file's bytes are transferred, not copied) or the error, in parts (wire.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyStore, type Store } from '../store/open.js';
import { openPostgresStore } from '../store/pg/open.js';
import { inPartnership } from '../store/partnership-scope.js';
import { settings } from '../config.js';
import { useReportHelpers } from '../reports/report-parts.js';
import { warmUpReports, waveToWarm } from '../reports/warm-up.js';
import { setWaveCache } from '../reports/wave-columns-cache.js';
import { type Kind, kinds } from './kinds.js';
import { lazyHelpers } from './helpers.js';
import { type JobMessage, type OutcomeMessage, type ProgressMessage, sendError, type WarmedMessage } from './wire.js';

const port = parentPort;
if (!port) throw new Error('server/jobs/worker.ts runs as a worker thread (started by server/jobs/pool.ts).');
const {
  file: where,
  helpers = 0,
  warm = false,
  warmFrom,
  rewarmMs = 30_000,
} = workerData as { file: string; helpers?: number; warm?: boolean; warmFrom?: number; rewarmMs?: number };
// The server that started this worker has checked the Postgres schema already.
const store: Store = /^postgres(ql)?:\/\//.test(where) ? await openPostgresStore(where, 'leave', { max: 2 }) : openReadOnlyStore(where);
const cacheMb = settings().reportWaveCacheMb;
if (cacheMb !== undefined) setWaveCache({ bytes: cacheMb * 1024 * 1024 });
const helping = helpers > 0 ? lazyHelpers(where, helpers) : null;
// This worker's own helper threads for its big reports (server/reports/report-parts.ts), started
// by the first; they start no helpers of their own.
if (helping) useReportHelpers(helping);

/**
 * A worker kept ready (pool.ts, `keep`) reads the newest big wave ahead, its helpers started first
 * (server/reports/warm-up.ts), and says so; jobs wait for it (they would read the same waves). Then
 * every `rewarmMs` while it has no job it looks whether those waves' data have moved (a weighting
 * run, an erased reply: the key of waveToWarm) or another wave is now the newest big one, and if so reads
 * them again; a failure is said once and not tried again until the data move.
 */
let readAt: string | null = null;
let jobs = 0;
async function readAhead(): Promise<void> {
  try {
    const target = await waveToWarm(store, warmFrom);
    const key = target?.key ?? 'none';
    if (key === readAt) return;
    readAt = key;
    const warmed = target ? await warmUpReports(store, { target, before: async () => await helping?.start() }) : null;
    port?.postMessage({ warmed } satisfies WarmedMessage);
  } catch (e) {
    port?.postMessage({ warmed: null, error: (e as Error).message ?? String(e) } satisfies WarmedMessage);
  }
}
let warming: Promise<void> = warm ? readAhead() : Promise.resolve();
if (warm) {
  setInterval(() => {
    if (jobs === 0) warming = warming.then(readAhead);
  }, rewarmMs).unref();
}

port.on('message', async ({ id, kind, args, partnership }: JobMessage) => {
  jobs++;
  await warming;
  let outcome: OutcomeMessage;
  const transfer: ArrayBuffer[] = [];
  try {
    const run = kinds[kind as Kind] as ((store: Store, args: unknown, progress: (message: string) => void) => unknown) | undefined;
    if (!run) throw new Error(`No job kind '${kind}'.`);
    // Posted while the job runs: the request thread is free to pass it on at once.
    // A Word file is zipped asynchronously; everything else comes back at once.
    const work = () => run(store, args, (progress) => port.postMessage({ id, progress } satisfies ProgressMessage));
    // The job keeps to the caller's partnership, as the request thread would (server/store/partnership-scope.ts).
    const value = await (partnership === undefined ? work() : inPartnership(partnership, work));
    // A buffer of its own (a report's JSON, a file's bytes) is handed over rather than copied.
    const bytes = value instanceof Uint8Array ? value : (value as { body?: unknown } | null)?.body;
    if (bytes instanceof Uint8Array && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) transfer.push(bytes.buffer as ArrayBuffer);
    outcome = { id, ok: true, value };
  } catch (e) {
    outcome = { id, ok: false, error: sendError(e) };
  }
  jobs--;
  port.postMessage(outcome, transfer);
});
// Ready: the modules are loaded and the store is open.
port.postMessage({ ready: true });
