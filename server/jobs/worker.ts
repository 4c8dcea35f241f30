/**
 * One report worker (a worker_thread started by pool.ts through bootstrap.mjs): opens the store's
 * SQLite file read-only, then runs one job at a time as the pool sends them and posts back the
 * value (a file's bytes are transferred, not copied) or the error, in parts (wire.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyStore, type Store } from '../store/open.js';
import { type Kind, kinds } from './kinds.js';
import { type JobMessage, type OutcomeMessage, sendError } from './wire.js';

const port = parentPort;
if (!port) throw new Error('server/jobs/worker.ts runs as a worker thread (started by server/jobs/pool.ts).');
const store = openReadOnlyStore((workerData as { file: string }).file);

port.on('message', ({ id, kind, args }: JobMessage) => {
  let outcome: OutcomeMessage;
  const transfer: ArrayBuffer[] = [];
  try {
    const run = kinds[kind as Kind] as ((store: Store, args: unknown) => unknown) | undefined;
    if (!run) throw new Error(`No job kind '${kind}'.`);
    const value = run(store, args);
    const body = (value as { body?: unknown } | null)?.body;
    if (body instanceof Uint8Array && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength) transfer.push(body.buffer as ArrayBuffer);
    outcome = { id, ok: true, value };
  } catch (e) {
    outcome = { id, ok: false, error: sendError(e) };
  }
  port.postMessage(outcome, transfer);
});
// Ready: the modules are loaded and the store is open.
port.postMessage({ ready: true });
