/** A stand-in worker for pool.test (kept ready, it says it has read a made-up wave ahead): 'echo' answers with its args, 'crash' exits the thread, 'hang' never answers, 'kept' answers whether it is the worker kept ready, 'fail' throws a NotFound, 'progress' reports each of its args (strings) then answers with their count. */
import { parentPort, workerData } from 'node:worker_threads';
import { NotFound } from '../../../server/errors.js';
import { sendError } from '../../../server/jobs/wire.js';

parentPort?.on('message', ({ id, kind, args }: { id: number; kind: string; args: unknown }) => {
  if (kind === 'crash') process.exit(3);
  if (kind === 'hang') return;
  if (kind === 'kept') return parentPort?.postMessage({ id, ok: true, value: !!(workerData as { warm?: boolean }).warm });
  if (kind === 'progress') {
    for (const line of args as string[]) parentPort?.postMessage({ id, progress: line });
    parentPort?.postMessage({ id, ok: true, value: (args as string[]).length });
  } else if (kind === 'fail') parentPort?.postMessage({ id, ok: false, error: sendError(new NotFound('No such wave.', { field: 'wave' })) });
  else parentPort?.postMessage({ id, ok: true, value: args });
});

if ((workerData as { warm?: boolean } | undefined)?.warm) {
  parentPort?.postMessage({ warmed: { slug: 'stand-in', wave: '2026', compareWave: null, responses: 1, ms: 0 } });
}
