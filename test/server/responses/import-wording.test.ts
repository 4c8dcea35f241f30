/**
 * Paper returns imported from CSV with the answers as people type them: a choice's wording
 * ("Very safe", "  very   SAFE ", “Don’t know”) is stored as its code, exactly as the code
 * itself is; anything that is neither is listed (line, column, value) with 422 and nothing stored.
 * Through the whole app on the test store (SQLite or Postgres), and the CLI.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseWording } from '../../../server/responses/choice-wording.js';
import { synthesiseResponses } from '../../../server/demo/synthetic-responses.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { signIn } from '../../helpers/officer.js';
import { testApp, testStore, withOpenWave } from '../../helpers/store.js';
import { runCli } from '../cli/run-cli.js';

const t = await testStore();
const bundled = await withOpenWave(t.store, 'resident-safety');
const { store } = t;
const app = testApp(store);
const analyst = await signIn(app, store, 'analyst');
afterAll(() => t.cleanup());

const IMPORTS = '/api/officer/surveys/resident-safety/waves/2026/imports';
const { responses } = tablesOf(store.db);
const stored = async () => (await first(store.db.select({ n: count() }).from(responses).where(eq(responses.source, 'import'))))!.n;
const upload = (csv: string) => app.request(IMPORTS, { method: 'POST', headers: { 'content-type': 'text/csv', ...analyst }, body: csv });

// Three valid returns; their safe_day_local and safe_dark_local answers are then written as words.
const answers = synthesiseResponses(bundled.definition, bundled.metadata, { n: 3, seed: 11, waveShift: 0 });
const columns = [...new Set(answers.flatMap((a) => Object.keys(a)))].filter((c) => !c.endsWith('-Comment'));
const cell = (v: unknown) => {
  const text = v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
function fileWith(written: Record<string, string>[]): string {
  const rows = answers.map((a, i) => columns.map((c) => cell(written[i]?.[c] ?? a[c])).join(','));
  return `${[columns.join(','), ...rows].join('\n')}\n`;
}

describe('normaliseWording', () => {
  it('ignores case, runs of spaces, and curly quotes', () => {
    expect(normaliseWording('  Don’t   KNOW ')).toBe("don't know");
    expect(normaliseWording('“Very”\tsafe')).toBe('"very" safe');
  });
});

describe('importing answers written as their wording', () => {
  it('lists what matches no choice with its line, column and value, and stores nothing', async () => {
    const res = await upload(fileWith([{ safe_day_local: 'Quite safe' }, {}, { safe_dark_local: 'Very  safe', safe_day_local: 'unsure' }]));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; unmatched: unknown[]; rejected: { line: number }[] };
    expect(body.unmatched).toEqual([
      { line: 2, column: 'safe_day_local', value: 'Quite safe' },
      { line: 4, column: 'safe_day_local', value: 'unsure' },
    ]);
    expect(body.rejected.map((r) => r.line)).toEqual([2, 4]);
    expect(body.error).toContain(
      "2 answers match no choice of its question (by code or wording): line 2, safe_day_local: 'Quite safe'; line 4, safe_day_local: 'unsure'.",
    );
    expect(await stored()).toBe(0);
  });

  it('stores the wording, in any case and spacing, as the choice code', async () => {
    const res = await upload(
      fileWith([{ safe_day_local: 'Very safe' }, { safe_day_local: '  very   SAFE ', safe_dark_local: 'Don’t know' }, { safe_dark_local: 'fairly unsafe' }]),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ stored: true, imported: 3, rejectedCount: 0, unmatched: [] });
    const rows = await store.db.select().from(responses).where(eq(responses.source, 'import')).orderBy(responses.id);
    expect(rows.map((r) => [r.answers.safe_day_local, r.answers.safe_dark_local])).toEqual([
      ['very_safe', answers[0].safe_dark_local],
      ['very_safe', 'dont_know'],
      [answers[2].safe_day_local, 'fairly_unsafe'],
    ]);
  });

  it('on the command line lists the unmatched answers and stores nothing', async () => {
    const file = join(t.dir, 'paper.csv');
    writeFileSync(file, fileWith([{}, { safe_home: 'Safe-ish' }, {}]));
    const res = await runCli(
      t.dir,
      ['responses', 'import', '--survey', 'resident-safety', '--wave', '2026', '--file', file],
      store.kind === 'postgres' ? { DATABASE_URL: store.url } : {},
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("unmatched: line 3, column safe_home: 'Safe-ish' is neither a choice code nor its wording");
    expect(await stored()).toBe(3);
  });
});
