/** The pool itself (server/jobs/pool.ts) with a stand-in worker: a lost worker is replaced, idle ones stop, errors keep their class. */
import { afterEach, describe, expect, it } from 'vitest';
import { NotFound } from '../../../server/errors.js';
import { WorkerPool } from '../../../server/jobs/pool.js';

const entry = new URL('./fake-worker.ts', import.meta.url);
let pool: WorkerPool;
afterEach(() => pool?.close());

describe('WorkerPool', () => {
  it('refuses the job of a worker that dies, and runs the next on a fresh one', async () => {
    pool = new WorkerPool({ file: 'unused.sqlite', workers: 1, queue: 2, entry });
    const crashed = pool.run('crash', null);
    const next = pool.run('echo', { n: 7 });
    await expect(crashed).rejects.toThrow('A report worker stopped unexpectedly (exit code 3).');
    expect(await next).toEqual({ n: 7 });
    expect(pool.threads).toBe(1);
  });

  it("gives a worker's refusal as the same HttpError class, message and field", async () => {
    pool = new WorkerPool({ file: 'unused.sqlite', workers: 1, queue: 0, entry });
    const e = await pool.run('fail', null).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotFound);
    expect(e).toMatchObject({ status: 404, message: 'No such wave.', field: 'wave' });
  });

  it('stops a worker left idle, and starts one again when work comes', async () => {
    pool = new WorkerPool({ file: 'unused.sqlite', workers: 2, queue: 0, entry, idleMs: 100 });
    expect(await Promise.all([pool.run('echo', 1), pool.run('echo', 2)])).toEqual([1, 2]);
    expect(pool.threads).toBe(2);
    await new Promise((r) => setTimeout(r, 400));
    expect(pool.threads).toBe(0);
    expect(await pool.run('echo', 3)).toBe(3);
    expect(pool.threads).toBe(1);
  });

  it('refuses work once closed', async () => {
    pool = new WorkerPool({ file: 'unused.sqlite', workers: 1, queue: 0, entry });
    await pool.close();
    await expect(pool.run('echo', 1)).rejects.toMatchObject({ status: 503, message: 'The server is shutting down: try again in a minute.' });
  });
});
