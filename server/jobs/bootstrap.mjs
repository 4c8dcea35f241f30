/**
 * The file a report worker starts from. The worker's code is TypeScript (worker.ts, importing the
 * services with `.js` specifiers), which plain Node cannot load: this plain-JS entry registers tsx's
 * loader in the worker, then imports it. Chosen over passing `execArgv: process.execArgv` because it
 * works the same under `tsx server/index.ts` (execArgv carries tsx's --import) and under vitest
 * (whose execArgv does not, as vitest transforms files itself), and needs no build step.
 */
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
