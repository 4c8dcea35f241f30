/** The pool itself (server/jobs/pool.ts) with a stand-in worker: a lost worker is replaced, idle ones stop (not the one kept ready), errors keep their class. */
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
    // idleMs well above a worker's start-up on a busy machine, so neither stops before both have answered.
    pool = new WorkerPool({ file: 'unused.sqlite', workers: 2, queue: 0, entry, idleMs: 1500 });
    expect(await Promise.all([pool.run('echo', 1), pool.run('echo', 2)])).toEqual([1, 2]);
    expect(pool.threads).toBe(2);
    // Stopped once idle for idleMs (polled: on a busy machine the timer may fire late).
    await expect.poll(() => pool.threads, { timeout: 10_000, interval: 50 }).toBe(0);
    expect(await pool.run('echo', 3)).toBe(3);
    expect(pool.threads).toBe(1);
  }, 30_000);

  it("passes a job's progress to its caller, in order, before its value", async () => {
    pool = new WorkerPool({ file: 'unused.sqlite', workers: 1, queue: 1, entry });
    const heard: string[] = [];
    const other: string[] = [];
    const [mine, theirs] = await Promise.all([
      pool.run('progress', ['Loaded 10 responses.', 'Raked.'], undefined, (line) => heard.push(line)),
      pool.run('progress', ['Another job.'], undefined, (line) => other.push(line)),
    ]);
    expect([mine, theirs]).toEqual([2, 1]);
    expect(heard).toEqual(['Loaded 10 responses.', 'Raked.']);
    expect(other).toEqual(['Another job.']);
  });

  it('keeps one worker ready from the start, never stopped for idleness', async () => {
    pool = new WorkerPool({ file: 'unused.sqlite', workers: 2, queue: 0, entry, idleMs: 300, keep: true });
    expect(pool.threads).toBe(1);
    expect(await pool.warmed()).toEqual({ warmed: { slug: 'stand-in', wave: '2026', compareWave: null, responses: 1, ms: 0 } });
    // Two at once: the kept one and one more; the other stops once idle, the kept one does not.
    expect(await Promise.all([pool.run('echo', 1), pool.run('echo', 2)])).toEqual([1, 2]);
    expect(pool.threads).toBe(2);
    await expect.poll(() => pool.threads, { timeout: 10_000, interval: 50 }).toBe(1);
    // Several idle periods later it is still there, and answers.
    await new Promise((r) => setTimeout(r, 1200));
    expect(pool.threads).toBe(1);
    expect(await pool.run('echo', 3)).toBe(3);
    expect(pool.threads).toBe(1);
  }, 30_000);

  it('keeps another worker ready in place of one stopped for an abandoned job, and gives it work first', async () => {
    pool = new WorkerPool({ file: 'unused.sqlite', workers: 2, queue: 0, entry, idleMs: 300, keep: true });
    await pool.warmed();
    const gone = new AbortController();
    const hanging = pool.run('hang', null, gone.signal);
    // Meanwhile a second worker, not kept, answers another job.
    expect(await pool.run('kept', null)).toBe(false);
    gone.abort();
    await expect(hanging).rejects.toMatchObject({ status: 503 });
    expect(pool.threads).toBe(2);
    // The new one is kept too: it reads ahead, a job goes to it rather than to the other free one,
    // and it outlives idleMs while the other stops.
    expect(await pool.warmed()).toMatchObject({ warmed: { slug: 'stand-in' } });
    expect(await pool.run('kept', null)).toBe(true);
    await expect.poll(() => pool.threads, { timeout: 10_000, interval: 50 }).toBe(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(pool.threads).toBe(1);
    expect(await pool.run('kept', null)).toBe(true);
  }, 30_000);

  it('starts no worker before work comes unless one is to be kept', async () => {
    pool = new WorkerPool({ file: 'unused.sqlite', workers: 1, queue: 0, entry });
    expect(pool.threads).toBe(0);
    expect(await pool.warmed()).toBeNull();
  });

  it('refuses work once closed', async () => {
    pool = new WorkerPool({ file: 'unused.sqlite', workers: 1, queue: 0, entry });
    await pool.close();
    await expect(pool.run('echo', 1)).rejects.toMatchObject({ status: 503, message: 'The server is shutting down: try again in a minute.' });
  });
});
