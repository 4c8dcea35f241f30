/**
 * A report worker's helper threads (server/reports/report-parts.ts): started at the worker's first
 * big report (lazyHelpers), each runs the same worker.ts (a read-only store of its own, the job kinds), and is sent its work
 * at once rather than through a pool's queue. That matters: a pool hands a waiting job to a worker
 * when the thread that owns the pool reads the previous outcome, and that thread is busy building
 * its own share of the report, so a helper would sit idle until then. Here every job is posted
 * straight away and a helper takes the next as soon as it is done (it answers them by id).
 */
import { Worker } from 'node:worker_threads';
import type { ReportHelpers } from '../reports/report-parts.js';
import { type OutcomeMessage, type ProgressMessage, receivedError } from './wire.js';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
const WORKER = new URL('./worker.ts', import.meta.url);

interface Helper {
  worker: Worker;
  waiting: Map<number, { resolve(value: unknown): void; reject(e: Error): void }>;
}

export interface StartedHelpers extends ReportHelpers {
  close(): Promise<void>;
}

/** Starts `count` helper threads on the store at `file` (a SQLite file or Postgres URL); resolves once they are ready. */
export async function startHelpers(file: string, count: number): Promise<StartedHelpers> {
  let nextId = 1;
  const helpers: Helper[] = await Promise.all(
    Array.from({ length: count }, async () => {
      // Helpers start no helpers of their own.
      const worker = new Worker(BOOTSTRAP, { workerData: { entry: WORKER.href, file, helpers: 0 } });
      const helper: Helper = { worker, waiting: new Map() };
      const failAll = (e: Error) => {
        for (const w of helper.waiting.values()) w.reject(e);
        helper.waiting.clear();
      };
      worker.on('error', failAll);
      worker.on('exit', (code) => failAll(new Error(`A report helper thread stopped unexpectedly (exit code ${code}).`)));
      await new Promise<void>((ready, fail) => {
        worker.once('message', () => ready());
        worker.once('error', fail);
      });
      worker.on('message', (m: OutcomeMessage | ProgressMessage) => {
        if ('progress' in m) return;
        const w = helper.waiting.get(m.id);
        if (!w) return;
        helper.waiting.delete(m.id);
        // Idle helpers do not keep the process alive (the CLI exits when its work is done).
        if (!helper.waiting.size) worker.unref();
        if (m.ok) w.resolve(m.value);
        else w.reject(receivedError(m.error));
      });
      worker.unref();
      return helper;
    }),
  );
  return {
    size: count,
    run(kind: string, args: unknown, partnership?: number) {
      // The one with least to do.
      const helper = helpers.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        helper.waiting.set(id, { resolve, reject });
        helper.worker.ref();
        helper.worker.postMessage({ id, kind, args, partnership });
      });
    },
    async close() {
      await Promise.all(helpers.map((h) => h.worker.terminate()));
    },
  };
}

/**
 * Helpers started at their first use rather than with the worker: a worker that only makes small
 * reports, perception or exports never pays for them. Until started they say so (`started()`), and a
 * report then reads the wave compared with itself rather than wait for them to start.
 */
export function lazyHelpers(file: string, count: number): StartedHelpers & { started(): boolean; start(): Promise<void> } {
  let starting: Promise<StartedHelpers> | null = null;
  let ready = false;
  const start = () => {
    starting ??= startHelpers(file, count).then((h) => {
      ready = true;
      return h;
    });
    return starting;
  };
  return {
    size: count,
    started: () => ready,
    // Now rather than at the first big report (a worker kept ready: server/reports/warm-up.ts).
    start: async () => {
      await start();
    },
    run: async (kind, args, partnership) => (await start()).run(kind, args, partnership),
    async close() {
      if (starting) await (await starting).close();
    },
  };
}
