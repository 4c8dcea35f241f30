/**
 * The weight and population margins commands call the weighting services the page calls: the same
 * trimming bounds and the same refusals, in the same words. `weight` computes in a report worker,
 * as the page does, with its progress on stderr while it runs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { populationCommand } from '../../../server/cli/commands/population.js';
import { weightCommand } from '../../../server/cli/commands/weight.js';
import { UsageError } from '../../../server/cli/io.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { Unprocessable } from '../../../server/errors.js';
import { ILLUSTRATIVE_TARGETS_NOTICE } from '../../../server/notices.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store, dir } = world;
const { weightingRuns } = tablesOf(store.db);
await loadDemoIfEmpty(store);
const analyst = await signIn(app, EMAILS.analyst);
const PATH = '/api/officer/surveys/resident-safety/waves/2026/weighting';
const runs = async () => (await first(store.db.select({ n: sql<number>`count(*)` }).from(weightingRuns)))!.n;

async function weigh(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await weightCommand(['--survey', 'resident-safety', '--wave', '2026', ...args], { store, out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** What the thrown error says, and its class: at once (the flags) or from the worker. */
async function refusal(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a refusal');
}

/** A mistake in the flags is refused before any work is queued. */
async function refused(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a refusal');
}

async function apiError(body: unknown) {
  const res = await app.request(PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...analyst.headers }, body: JSON.stringify(body) });
  return { status: res.status, error: (await res.json()).error as string };
}

describe('weight CLI', () => {
  it('holds the trimming bounds to the page’s rules (above 1, below 1), before anything is stored', async () => {
    const before = await runs();
    const command =
      (...args: string[]) =>
      async () =>
        await weightCommand(['--survey', 'resident-safety', '--wave', '2026', ...args], { store, out: () => {}, err: () => {} });
    const upper = await refused(command('--from-population', '--unmatched', 'exclude', '--trim-upper', '0.5'));
    expect(upper).toBeInstanceOf(UsageError);
    expect(upper.message).toBe('--trim-upper must be above 1: weights are capped at that many times the mean weight.');
    const lower = await refused(command('--from-population', '--unmatched', 'exclude', '--trim-lower', '2'));
    expect(lower.message).toBe('--trim-lower must be below 1: weights are raised to at least that fraction of the mean weight.');
    expect((await refused(command('--from-population', '--unmatched', 'keep'))).message).toBe("--unmatched must be 'impute', 'error' or 'exclude'.");
    expect(await runs()).toBe(before);
  });

  it('computes the weights off the command’s thread, its progress on stderr as it goes', async () => {
    // Timer ticks counted as each line of progress arrives: had the weights been computed on this
    // thread, no timer could fire between the first line (responses loaded) and the last (storing).
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const lines: { line: string; ticks: number }[] = [];
    const before = await runs();
    try {
      const code = await weightCommand(['--survey', 'resident-safety', '--wave', '2026', '--from-population', '--unmatched', 'exclude'], {
        store,
        out: () => {},
        err: (line) => lines.push({ line, ticks }),
      });
      expect(code).toBe(0);
    } finally {
      clearInterval(timer);
    }
    const loaded = lines.find((l) => /^Loaded 2200 complete responses of resident-safety 2026\.$/.test(l.line));
    const storing = lines.find((l) => /^Storing \d+ weights…$/.test(l.line));
    expect(loaded).toBeDefined();
    expect(storing).toBeDefined();
    expect(lines.indexOf(storing!)).toBeGreaterThan(lines.indexOf(loaded!));
    expect(storing!.ticks).toBeGreaterThan(loaded!.ticks);
    expect(await runs()).toBe(before + 1);
  });

  it('weights to the population and says how it went', async () => {
    const r = await weigh('--from-population', '--unmatched', 'exclude', '--trim-upper', '5', '--trim-lower', '0.2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Weighted resident-safety 2026 by raking on sex, age_band, ward\./);
    expect(r.out).toMatch(/ILLUSTRATIVE/);
    expect(r.out).toContain(ILLUSTRATIVE_TARGETS_NOTICE); // the same sentence as the page and the reports
    expect(r.out).toMatch(/Trimmed \d+ extreme weights/);
    expect(r.out).toMatch(/Respondents weighted: \d+ \(\d+ left out: no target for their answer\)/);
    expect(r.err).toMatch(/Storing \d+ weights/);
  });

  it('refuses a bad margins file with the words the page gets', async () => {
    const file = join(dir, 'bad-margins.csv');
    const csv = 'variable,category,target\nsex,female,60000\nsex,male,lots\n';
    writeFileSync(file, csv);
    const e = await refusal(() => weigh('--margins', file));
    expect(e).toBeInstanceOf(Unprocessable);
    expect(await apiError({ source: 'margins', margins: csv })).toEqual({ status: 422, error: e.message });
  });

  it('refuses respondents without a target with the words the page gets', async () => {
    const file = join(dir, 'female-only.csv');
    const csv = 'variable,category,target\nsex,female,60000\n';
    writeFileSync(file, csv);
    const e = await refusal(() => weigh('--margins', file, '--unmatched', 'error'));
    expect(e).toBeInstanceOf(Unprocessable);
    expect(e.message).toMatch(/no weighting target/);
    expect(await apiError({ source: 'margins', margins: csv })).toEqual({ status: 422, error: e.message });
  });
});

describe('without a population', () => {
  it('weight --from-population and population margins refuse as the page does (a 422, saying what to import)', async () => {
    await world.sql.run('DELETE FROM population');
    const before = await runs();
    const e = await refusal(() => weigh('--from-population', '--unmatched', 'exclude'));
    expect(e).toBeInstanceOf(Unprocessable);
    expect(e.message).toMatch(/population import/);
    expect(await apiError({ source: 'population', unmatched: 'exclude' })).toEqual({ status: 422, error: e.message });
    const io = { store, out: () => {}, err: () => {} };
    await expect(populationCommand(['margins'], io)).rejects.toThrow(e.message);
    await expect(populationCommand(['margins'], io)).rejects.toBeInstanceOf(Unprocessable);
    expect(await runs()).toBe(before);
  });
});
