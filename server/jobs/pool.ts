/**
 * A pool of worker threads for the heavy work (reports, perception, exports), so the request thread
 * only routes and answers: `/api/health` and a resident's submission never wait behind a report.
 *
 * - Size: `workers` threads (default in jobs.ts: one per core but one), started when first needed
 *   and stopped after `idleMs` without work, so an app that never reports costs nothing.
 * - Kept ready (`keep`, the server's default): one of them is started at once and never stopped for
 *   idleness; it reads the newest big wave ahead (server/reports/warm-up.ts), so an officer's first
 *   report of it, or one asked for an hour after the last, does not start a thread and read both
 *   waves cold. Jobs go to it first when it is free.
 * - A bounded queue: when every worker is busy, up to `queue` jobs wait; one more is refused at
 *   once with a 503 and Retry-After (ServiceUnavailable) rather than left to hang.
 * - Abandoned when the caller goes away (`signal`, the request's AbortSignal): a waiting job is
 *   dropped; a running one's worker is terminated (the only way to stop synchronous work) and a
 *   fresh one started in its place.
 *
 * Workers start from bootstrap.mjs (which loads the TypeScript worker under tsx and under vitest
 * alike) and open the store's SQLite file read-only, so what they compute equals the in-thread result.
 */
import { Worker } from 'node:worker_threads';
import { ServiceUnavailable, Unavailable } from '../errors.js';
import { type OutcomeMessage, type ProgressMessage, receivedError, type WarmedMessage } from './wire.js';

export interface PoolOptions {
  /** The SQLite file the workers open read-only (the store's `file`). */
  file: string;
  /** Worker threads at most (at least 1). */
  workers: number;
  /** Jobs that may wait for a worker; one more is refused with a 503. */
  queue: number;
  /** An idle worker stops after this long (ms); default 60 s. */
  idleMs?: number;
  /** The worker module (TypeScript, loaded through bootstrap.mjs); default ./worker.ts. */
  entry?: URL;
  /** Helper threads each worker starts for its big reports (server/reports/report-parts.ts); default none. */
  helpers?: number;
  /** One worker started at once, kept ready and never stopped for idleness (see above); default false. */
  keep?: boolean;
  /** Responses from which the kept worker reads a wave ahead; default the wave cache's (server/reports/wave-columns-cache.ts). */
  warmFrom?: number;
  /** How often the kept worker, while idle, looks whether what it read ahead is stale (ms); default 30 s. */
  rewarmMs?: number;
}

interface Task {
  id: number;
  kind: string;
  args: unknown;
  partnership?: number;
  resolve(value: unknown): void;
  reject(e: Error): void;
  onProgress?: (message: string) => void;
  unlisten(): void;
  started: number;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  idle?: NodeJS.Timeout;
  /** The worker kept ready: what it first read ahead, once it has; what it read ahead last, and how many times. */
  kept?: { warmed: Promise<WarmedMessage>; done(m: WarmedMessage): void; latest?: WarmedMessage; times: number };
}

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
const WORKER = new URL('./worker.ts', import.meta.url);

/** What the caller of an abandoned job gets (nobody reads it: the caller has gone). */
export const ABANDONED_MESSAGE = 'The request was cancelled before its result was ready, so the work was stopped. Nothing was stored.';

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  /** A running estimate of how long a job takes, for Retry-After. */
  private averageMs = 2000;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    if (options.keep) this.spawn();
  }

  /**
   * What the worker kept ready read ahead last, once it has (its `warmed` null when the store has no
   * big wave); null at once when no worker is kept.
   */
  async warmed(): Promise<WarmedMessage | null> {
    const kept = this.slots.find((s) => s.kept)?.kept;
    return kept ? (kept.latest ?? (await kept.warmed)) : null;
  }

  /** How many times the worker kept ready has read ahead (again after its waves' data moved). */
  get readAheads(): number {
    return this.slots.find((s) => s.kept)?.kept?.times ?? 0;
  }

  /** Jobs being worked on now. */
  get running(): number {
    return this.slots.filter((s) => s.task).length;
  }

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Worker threads alive (busy or idle). */
  get threads(): number {
    return this.slots.length;
  }

  /**
   * Runs `kind` with `args` in a worker; resolves to its value or rejects with its error (rebuilt,
   * wire.ts). Refused at once (503) when the workers are busy and the queue is full. `onProgress`
   * hears the lines of progress the job reports while it runs.
   */
  run(kind: string, args: unknown, signal?: AbortSignal, onProgress?: (message: string) => void, partnership?: number): Promise<unknown> {
    if (this.closed) return Promise.reject(new Unavailable('The server is shutting down: try again in a minute.'));
    if (signal?.aborted) return Promise.reject(new Unavailable(ABANDONED_MESSAGE));
    const busy = this.running >= this.size;
    if (busy && this.waiting.length >= this.options.queue) return Promise.reject(this.busyError());
    return new Promise((resolve, reject) => {
      const task: Task = { id: this.nextId++, kind, args, partnership, resolve, reject, onProgress, unlisten: () => {}, started: 0 };
      if (signal) {
        const onAbort = () => this.abandon(task);
        signal.addEventListener('abort', onAbort, { once: true });
        task.unlisten = () => signal.removeEventListener('abort', onAbort);
      }
      this.waiting.push(task);
      this.dispatch();
    });
  }

  /** Stops every worker; waiting jobs are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) this.settle(task, new Unavailable('The server is shutting down: try again in a minute.'));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      clearTimeout(slot.idle);
      slot.kept?.done({ warmed: null, error: 'The server is shutting down.' });
      if (slot.task) this.settle(slot.task, new Unavailable('The server is shutting down: try again in a minute.'));
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private get size(): number {
    return Math.max(1, this.options.workers);
  }

  private busyError(): ServiceUnavailable {
    const seconds = Math.min(300, Math.max(1, Math.ceil((this.averageMs * (this.waiting.length + 1)) / this.size / 1000)));
    return new ServiceUnavailable(
      `The server is busy preparing other reports (${this.running} in progress, ${this.waiting.length} waiting). Nothing was stored; please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      seconds,
    );
  }

  private dispatch(): void {
    while (this.waiting.length) {
      const free = this.slots.filter((s) => !s.task);
      const slot = free.find((s) => s.kept) ?? free[0] ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const task = this.waiting.shift() as Task;
      clearTimeout(slot.idle);
      slot.task = task;
      task.started = Date.now();
      // A busy worker keeps the process alive (the CLI awaits it); an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, kind: task.kind, args: task.args, partnership: task.partnership });
    }
  }

  /** A worker; the one kept ready when `keep` is set and none is (at the start, or after it was lost). */
  private spawn(): Slot {
    const keep = !!this.options.keep && !this.slots.some((s) => s.kept);
    const worker = new Worker(BOOTSTRAP, {
      workerData: {
        entry: (this.options.entry ?? WORKER).href,
        file: this.options.file,
        helpers: this.options.helpers ?? 0,
        warm: keep,
        warmFrom: this.options.warmFrom,
        rewarmMs: this.options.rewarmMs,
      },
    });
    const slot: Slot = { worker, task: null };
    if (keep) {
      let done = (_m: WarmedMessage) => {};
      const warmed = new Promise<WarmedMessage>((resolve) => {
        done = resolve;
      });
      slot.kept = { warmed, done, times: 0 };
    }
    this.slots.push(slot);
    this.idle(slot);
    worker.on('message', (m: OutcomeMessage | ProgressMessage | WarmedMessage | { ready: true }) => {
      if ('warmed' in m) {
        if (slot.kept) {
          slot.kept.latest = m;
          slot.kept.times++;
          slot.kept.done(m);
        }
        return;
      }
      if ('ready' in m) return;
      const task = slot.task;
      if (!task || task.id !== m.id) return;
      if ('progress' in m) {
        task.onProgress?.(m.progress);
        return;
      }
      slot.task = null;
      this.averageMs = 0.7 * this.averageMs + 0.3 * (Date.now() - task.started);
      this.idle(slot);
      if (m.ok) this.settle(task, null, m.value);
      else this.settle(task, receivedError(m.error));
      this.dispatch();
    });
    const lost = (e: Error) => {
      slot.kept?.done({ warmed: null, error: e.message });
      if (!this.remove(slot)) return;
      if (slot.task) this.settle(slot.task, e);
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`A report worker stopped unexpectedly (exit code ${code}).`)));
    return slot;
  }

  /** Unref'd and, unless it is the one kept ready, on a timer while it has nothing to do. */
  private idle(slot: Slot): void {
    slot.worker.unref();
    clearTimeout(slot.idle);
    if (slot.kept) return;
    slot.idle = setTimeout(() => {
      if (slot.task || !this.remove(slot)) return;
      void slot.worker.terminate();
    }, this.options.idleMs ?? 60_000);
    slot.idle.unref();
  }

  private remove(slot: Slot): boolean {
    const i = this.slots.indexOf(slot);
    if (i < 0) return false;
    this.slots.splice(i, 1);
    clearTimeout(slot.idle);
    return true;
  }

  /** The caller went away: drop the job, or stop its worker and start another in its place. */
  private abandon(task: Task): void {
    const i = this.waiting.indexOf(task);
    if (i >= 0) {
      this.waiting.splice(i, 1);
      this.settle(task, new Unavailable(ABANDONED_MESSAGE));
      return;
    }
    const slot = this.slots.find((s) => s.task === task);
    if (!slot) return;
    this.remove(slot);
    slot.kept?.done({ warmed: null, error: ABANDONED_MESSAGE });
    void slot.worker.terminate();
    this.settle(task, new Unavailable(ABANDONED_MESSAGE));
    // Kept ready again if it was.
    if (!this.closed) this.spawn();
    this.dispatch();
  }

  private settle(task: Task, error: Error | null, value?: unknown): void {
    task.unlisten();
    if (error) task.reject(error);
    else task.resolve(value);
  }
}
