/**
 * A report shared out between threads (server/reports/report-parts.ts) is the report built in one
 * thread, to the last digit: the real helper threads (server/jobs/helpers.ts, each a report worker
 * with its own read-only store) on the test store (SQLite or Postgres) holding the resident
 * questionnaire with two waves of SYNTHETIC replies from the demo's generator, raked to the
 * ILLUSTRATIVE population (the scale benchmark's data, made up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BY, SLUG } from '../../../bench/scale-workload.js';
import { lazyHelpers, type StartedHelpers, startHelpers } from '../../../server/jobs/helpers.js';
import { type ReportHelpers, shareQuestions, useReportHelpers } from '../../../server/reports/report-parts.js';
import { type ReportOptions, surveyReport } from '../../../server/reports/survey-report.js';
import { loadWaveColumns } from '../../../server/reports/wave-columns.js';
import { storeLocation } from '../../../server/store/open.js';
import { scaleTestStore } from '../../helpers/scale-store.js';
import type { TestStore } from '../../helpers/store.js';

let t: TestStore;
let helpers: StartedHelpers;
/** What the report asked the helpers for. */
const asked: string[] = [];
const counting = (h: ReportHelpers): ReportHelpers => ({
  size: h.size,
  run: (kind, args, partnership) => {
    asked.push(kind);
    return h.run(kind, args, partnership);
  },
});

beforeAll(async () => {
  t = await scaleTestStore(1200);
  helpers = await startHelpers(storeLocation(t.store), 2);
}, 180_000);
afterAll(async () => {
  useReportHelpers(null);
  await helpers?.close();
  await t.cleanup();
});

/** The report in one thread, then shared out (every wave size counts as big), as JSON. */
async function bothWays(opts: ReportOptions) {
  useReportHelpers(null);
  const alone = JSON.stringify(await surveyReport(t.store, opts));
  asked.length = 0;
  useReportHelpers(counting(helpers), 0);
  try {
    const shared = JSON.stringify(await surveyReport(t.store, opts));
    return { alone, shared, asked: [...asked] };
  } finally {
    useReportHelpers(null);
  }
}

describe('a report shared out between threads', () => {
  it('is the one-thread report to the last digit: every breakdown, with the change since the previous wave', async () => {
    const { alone, shared, asked } = await bothWays({ slug: SLUG, wave: '2026', by: BY, compareWave: '2025' });
    expect(shared).toBe(alone);
    // The earlier wave and two shares of the questions went to the helpers (three parts in all).
    expect(asked.sort()).toEqual(['earlierWave', 'reportPart', 'reportPart']);
    expect(JSON.parse(shared).changes.length).toBe(JSON.parse(alone).changes.length);
  }, 120_000);

  it('is the same with a filter, a cross-tab, pairs compared and a choice of questions', async () => {
    for (const opts of [
      { slug: SLUG, wave: '2026', by: ['sex', 'ward'], compareWave: '2025', filter: ['victim_12m:yes'], crosstab: ['sex*age_band'] },
      { slug: SLUG, wave: '2026', by: ['age_band'], comparisons: 'pairs' as const, ci: 'wilson' as const },
      { slug: SLUG, wave: '2026', by: ['tenure'], compareWave: '2025', question: ['safe_home', 'worry_burglary', 'unsafe_places'] },
    ]) {
      const { alone, shared, asked } = await bothWays(opts);
      expect(shared, JSON.stringify(opts)).toBe(alone);
      expect(asked.length, JSON.stringify(opts)).toBeGreaterThanOrEqual(opts.compareWave ? 2 : 1);
    }
  }, 120_000);

  it('refuses as the one-thread report does when the wave compared with does not exist', async () => {
    const refusal = async () => {
      try {
        await surveyReport(t.store, { slug: SLUG, wave: '2026', by: ['sex'], compareWave: '1999' });
        return null;
      } catch (e) {
        return { name: (e as Error).name, status: (e as { status?: number }).status, message: (e as Error).message };
      }
    };
    useReportHelpers(null);
    const alone = await refusal();
    useReportHelpers(helpers, 0);
    const shared = await refusal();
    useReportHelpers(null);
    expect(alone?.status).toBe(404);
    expect(shared).toEqual(alone);
  }, 60_000);
});

describe('helpers started at their first big report (lazyHelpers, as a report worker has them)', () => {
  it('are not started by reports of small waves, and once started give the one-thread report', async () => {
    const lazy = lazyHelpers(storeLocation(t.store), 1);
    try {
      const opts = { slug: SLUG, wave: '2026', by: ['sex', 'ward'], compareWave: '2025' };
      useReportHelpers(null);
      const alone = JSON.stringify(await surveyReport(t.store, opts));
      // Every wave here is small against this threshold: nothing starts.
      useReportHelpers(lazy, 1_000_000);
      expect(JSON.stringify(await surveyReport(t.store, opts))).toBe(alone);
      expect(lazy.started()).toBe(false);
      // Now every wave counts as big: the first report starts them for its parts, the next uses them for the earlier wave too.
      useReportHelpers(lazy, 0);
      expect(JSON.stringify(await surveyReport(t.store, opts))).toBe(alone);
      expect(lazy.started()).toBe(true);
      expect(JSON.stringify(await surveyReport(t.store, opts))).toBe(alone);
    } finally {
      useReportHelpers(null);
      await lazy.close();
    }
  }, 120_000);
});

describe('shareQuestions', () => {
  it('puts every question in exactly one part, each part in questionnaire order, and the work about evenly', async () => {
    const data = await loadWaveColumns(t.store, SLUG, '2026');
    const breakdowns = BY.map((name) => data.breakdowns.find((b) => b.name === name)!);
    const parts = shareQuestions(data.questions, breakdowns, 2);
    expect(parts).toHaveLength(2);
    expect(
      parts
        .flat()
        .map((q) => q.name)
        .sort(),
    ).toEqual(data.questions.map((q) => q.name).sort());
    for (const part of parts) {
      const at = part.map((q) => data.questions.indexOf(q));
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
    // 27 questions: neither part has more than two thirds of them.
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(18);
    // A head start of a whole report's work leaves that part with nothing.
    expect(shareQuestions(data.questions, breakdowns, 2, [0, 1e9])).toHaveLength(1);
  }, 60_000);
});
