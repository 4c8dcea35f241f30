/**
 * The attack on a breakdown and its grouped form, through the production app on the test store (SQLite or Postgres):
 * a MADE-UP wave (no real replies) in which the detailed ethnic groups inside "Black, Asian, Mixed
 * and other" are small. Before the fix the grouped form hid that parent and, as its second cell,
 * "White"; but White's detailed groups were all shown, so White = White British + Irish, and the
 * hidden parent = the total minus White: its 22 replies, exactly. Every subtraction is tried here on
 * the report JSON (full and lean) and the cross-tab workbook, and none gives a hidden number.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { COMPLEMENTARY_REASON, smallBaseReason } from '../../../analysis/disclosure/suppress.js';
import { readXlsx } from '../../../server/formats/xlsx-read.js';
import { BASE_ROW } from '../../../server/reports/crosstab-workbook.js';
import type { SurveyReport } from '../../../server/reports/survey-report.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { and, eq } from 'drizzle-orm';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';
import { withOpenWave } from '../../helpers/store.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
await withOpenWave(store, 'resident-safety', '2030');
const { responses, surveys, waves } = tablesOf(store.db);
const wave = (await first(
  store.db
    .select({ id: waves.id, version: surveys.version })
    .from(waves)
    .innerJoin(surveys, eq(waves.surveyId, surveys.id))
    .where(and(eq(surveys.slug, 'resident-safety'), eq(waves.name, '2030'))),
))!;

// Made-up replies: 200 White (120 British, 80 Irish), 22 in the other parent (12 Pakistani, 10 African).
const SIZES = { white_british: 120, white_irish: 80, asian_pakistani: 12, black_african: 10 } as const;
const TOTAL = 222;
await store.db.insert(responses).values(
  Object.entries(SIZES).flatMap(([ethnicity, n]) =>
    Array.from({ length: n }, (_, i) => ({
      waveId: wave.id,
      surveyVersion: wave.version,
      answers: { safe_dark_local: i % 2 ? 'fairly_unsafe' : 'very_safe', ethnicity },
    })),
  ),
);

const analyst = await signIn(app, EMAILS.analyst);
const base = '/api/officer/surveys/resident-safety/waves/2030';
const get = (path: string) => app.request(`${base}${path}`, { headers: analyst.headers });
const full = (await (await get('/report?by=ethnicity,ethnicity_group&detail=full')).json()) as SurveyReport;

type Row = { n: number | null; suppressed: boolean; reason?: string | null };
const cell = (variable: string | null, value: string | null): Row => {
  const e = full.estimates.find(
    (x) => x.question === 'safe_dark_local' && x.category === 'very_safe' && (x.group?.variable ?? null) === variable && (x.group?.value ?? null) === value,
  );
  if (!e) throw new Error(`no estimate for ${variable} ${value}`);
  return e;
};
/** The total minus the shown cells: a number only if it is one hidden cell's base. */
function subtract(total: Row, parts: Row[]): number | null {
  if (total.n === null) return null;
  const hidden = parts.filter((p) => p.n === null);
  return hidden.length === 1 ? total.n - parts.reduce((s, p) => s + (p.n ?? 0), 0) : null;
}

describe('a detailed breakdown and its grouped form, attacked by subtraction', () => {
  const all = cell(null, null);
  const white = cell('ethnicity_group', 'white');
  const bame = cell('ethnicity_group', 'bame');
  const detailed = Object.keys(SIZES).map((v) => cell('ethnicity', v));

  it('hides the small parent, the second parent, and a White group so White is not the sum of its parts', () => {
    expect(all.n).toBe(TOTAL);
    expect(bame).toMatchObject({ n: null, suppressed: true, reason: `${smallBaseReason(30)}.` });
    expect(white).toMatchObject({ n: null, suppressed: true, reason: `${COMPLEMENTARY_REASON}.` });
    expect(detailed.map((e) => [e.n, e.reason ?? null])).toEqual([
      [120, null],
      [null, `${COMPLEMENTARY_REASON}.`],
      [null, `${smallBaseReason(30)}.`],
      [null, `${smallBaseReason(30)}.`],
    ]);
  });

  it('gives no hidden base from any published equation', () => {
    // Total − parents; total − detailed groups; each parent − its detailed groups.
    expect(subtract(all, [white, bame])).toBeNull();
    expect(subtract(all, detailed)).toBeNull();
    expect(subtract(white, detailed.slice(0, 2))).toBeNull();
    expect(subtract(bame, detailed.slice(2))).toBeNull();
    // White from its parts, then the small parent from the total: no longer possible either.
    expect(detailed.slice(0, 2).some((e) => e.n === null)).toBe(true);
    // Every hidden estimate, of every answer, has no base; no reason text holds a hidden count.
    expect(full.estimates.filter((e) => e.suppressed && e.n !== null)).toEqual([]);
    for (const e of full.estimates) expect(e.reason ?? '').not.toMatch(/\b(22|12|10|80|200)\b/);
  });

  it('gives the same in the lean report: hidden bases are null', async () => {
    const lean = await (await get('/report?by=ethnicity,ethnicity_group')).json();
    const cols = lean.estimates;
    const at = (variable: string, value: string) =>
      cols.n[
        cols.question.findIndex(
          (q: string, i: number) => q === 'safe_dark_local' && cols.category[i] === 'very_safe' && cols.variable[i] === variable && cols.value[i] === value,
        )
      ];
    expect([at('ethnicity_group', 'white'), at('ethnicity_group', 'bame')]).toEqual([null, null]);
    expect(Object.keys(SIZES).map((v) => at('ethnicity', v))).toEqual([120, null, null, null]);
  });

  it('gives the same in the cross-tab workbook: a hidden group’s base says hidden', async () => {
    const res = await get('/report-crosstabs.xlsx?by=ethnicity,ethnicity_group');
    expect(res.status).toBe(200);
    const sheet = readXlsx(Buffer.from(await res.arrayBuffer())).find((s) => s.name === 'safe_dark_local')!;
    const header = sheet.rows[1];
    const bases = sheet.rows.find((r) => r[0] === BASE_ROW)!;
    const baseOf = (label: string) => bases[header.indexOf(`${label} %`)];
    expect(bases[1]).toBe(TOTAL);
    const labelOf = (variable: string, value: string) => full.estimates.find((e) => e.group?.variable === variable && e.group.value === value)!.group!.label;
    const letters = header.filter((h): h is string => typeof h === 'string' && h.endsWith(' %') && h !== 'All respondents %');
    const column = (variable: string, value: string) => letters.find((h) => h.startsWith(`${labelOf(variable, value)} (`))!.slice(0, -2);
    expect(baseOf(column('ethnicity', 'white_british'))).toBe(120);
    for (const [variable, value] of [
      ['ethnicity', 'white_irish'],
      ['ethnicity', 'asian_pakistani'],
      ['ethnicity', 'black_african'],
      ['ethnicity_group', 'white'],
      ['ethnicity_group', 'bame'],
    ]) {
      expect(baseOf(column(variable, value))).toBe('hidden');
    }
  });
});
