/**
 * Paper returns through the officer API (the full app on the test store, SQLite or Postgres):
 * forms keyed in through the questionnaire (POST …/paper) and CSV imports (POST …/imports), the
 * import template and guide; roles, refusals that store nothing, repeat-safety, the stored source,
 * the audit log.
 */
import { parse } from 'csv-parse/sync';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { setWaveStatus } from '../../../server/surveys/manage.js';
import { signIn } from '../../helpers/officer.js';
import { postJson, testApp, testStore, withOpenWave } from '../../helpers/store.js';
import { validResident, validYouth } from '../../helpers/respondent-fixtures.js';
import { findSurvey, findWave } from '../../../server/surveys/surveys.js';

const temp = await testStore();
afterAll(() => temp.cleanup());
const { store } = temp;
const bundled = await withOpenWave(store, 'resident-safety');
// A second, closed wave: late paper returns still go in.
await withOpenWave(store, 'youth-safety', '2025');
await setWaveStatus(store.db, 'youth-safety', '2025', 'closed');
const app = testApp(store);

const analyst = await signIn(app, store, 'analyst');
const admin = await signIn(app, store, 'admin');
const viewer = await signIn(app, store, 'viewer');

const BASE = '/api/officer/surveys/resident-safety/waves/2026';
const PAPER = `${BASE}/paper`;
const IMPORTS = `${BASE}/imports`;
const TEMPLATE = '/api/officer/surveys/resident-safety/import-template.csv';
const GUIDE = '/api/officer/surveys/resident-safety/import-guide.csv';

const { responses } = tablesOf(store.db);
const waveId = (await findWave(store.db, await findSurvey(store.db, 'resident-safety'), '2026')).id;
const stored = async (source?: 'paper' | 'import') =>
  (await first(
    store.db
      .select({ n: count() })
      .from(responses)
      .where(source ? and(eq(responses.waveId, waveId), eq(responses.source, source)) : eq(responses.waveId, waveId)),
  ))!.n;
const row = async (id: number) => (await first(store.db.select().from(responses).where(eq(responses.id, id))))!;
const audits = async (action: string) => (await recentAudit(store, 1000)).filter((a) => a.action === action);

/** The question titles written in the bundled questionnaire, read straight from its JSON. */
function titlesInDefinition(definition: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (els: unknown[]) =>
    els.forEach((e) => {
      const el = e as { type: string; name: string; title?: string; elements?: unknown[] };
      if (el.type === 'panel') visit(el.elements ?? []);
      else if (el.type !== 'html') out.set(el.name, el.title ?? el.name);
    });
  for (const p of (definition as { pages: { elements: unknown[] }[] }).pages) visit(p.elements);
  return out;
}
const TITLES = titlesInDefinition(bundled.definition);

const keyIn = (body: unknown, headers: Record<string, string> = analyst, path = PAPER) => postJson(app, path, body, headers);

function upload(csv: string | Buffer, query = '', headers: Record<string, string> = analyst, type = 'text/csv') {
  return app.request(`${IMPORTS}${query}`, {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body: typeof csv === 'string' ? csv : new Uint8Array(csv),
  });
}

/** A CSV of returns: header = question names, one line per return, ';' between checkbox choices. */
function csv(rows: Record<string, unknown>[], extra: Record<string, string>[] = []): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const extraColumns = extra.length ? Object.keys(extra[0]) : [];
  const cell = (v: unknown) => (v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v));
  const lines = rows.map((r, i) => [...columns.map((c) => cell(r[c])), ...extraColumns.map((c) => extra[i][c])].join(','));
  return `${[[...columns, ...extraColumns].join(','), ...lines].join('\n')}\n`;
}

describe('who may key in and import paper returns', () => {
  const reads = [PAPER, TEMPLATE, GUIDE];
  it.each(reads)('GET %s: 401 anonymous, 403 viewer, 200 analyst and admin', async (path) => {
    expect((await app.request(path)).status).toBe(401);
    const refused = await app.request(path, { headers: viewer });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/viewer account can't do this/);
    expect((await app.request(path, { headers: analyst })).status).toBe(200);
    expect((await app.request(path, { headers: admin })).status).toBe(200);
  });

  it('POST paper and imports: 401 anonymous, 403 viewer, and nothing stored', async () => {
    const before = await stored();
    expect((await keyIn({ answers: validResident() }, {})).status).toBe(401);
    expect((await keyIn({ answers: validResident() }, viewer)).status).toBe(403);
    expect((await upload(csv([validResident()]), '', {})).status).toBe(401);
    expect((await upload(csv([validResident()]), '', viewer)).status).toBe(403);
    // Signed in but without the CSRF token: refused too.
    expect((await keyIn({ answers: validResident() }, { cookie: analyst.cookie })).status).toBe(403);
    expect(await stored()).toBe(before);
  });

  it('unknown survey or wave: 404 with the name', async () => {
    const res = await keyIn({ answers: validResident() }, analyst, '/api/officer/surveys/resident-safety/waves/1999/paper');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatch(/no wave called '1999'/);
    expect((await app.request('/api/officer/surveys/nope/import-template.csv', { headers: analyst })).status).toBe(404);
  });
});

describe('the paper page data', () => {
  it('gives the questionnaire, the wave and the import columns with their wording and values', async () => {
    const res = await app.request(PAPER, { headers: analyst });
    const body = await res.json();
    expect(body.survey).toEqual({ slug: 'resident-safety', title: bundled.definition.title, version: 1 });
    expect(body.wave).toEqual({ name: '2026', status: 'open', closedReason: null });
    expect(body.definition).toEqual(bundled.definition);
    expect(body.maxImportBytes).toBe(10 * 1024 * 1024);
    const names = body.columns.map((c: { name: string }) => c.name);
    // Every answerable question of the questionnaire is a column, in questionnaire order.
    expect(names.filter((n: string) => !n.endsWith('-Comment'))).toEqual([...TITLES.keys()]);
    const safeHome = body.columns.find((c: { name: string }) => c.name === 'safe_home');
    expect(safeHome.question).toBe(TITLES.get('safe_home'));
    expect(safeHome.required).toBe('yes');
    expect(safeHome.values[0]).toEqual({ value: 'very_safe', label: 'Very safe' });
    const places = body.columns.find((c: { name: string }) => c.name === 'unsafe_places');
    expect(places.write).toMatch(/separated by ;/);
    const worryCar = body.columns.find((c: { name: string }) => c.name === 'worry_car');
    expect(worryCar.askedWhen).toBe("{has_car} = 'yes'");
  });

  it('says when a wave is closed (paper returns are still taken)', async () => {
    const res = await app.request('/api/officer/surveys/youth-safety/waves/2025/paper', { headers: analyst });
    const body = await res.json();
    expect(body.wave.status).toBe('closed');
    expect(body.wave.closedReason).toMatch(/closed/);
  });
});

describe('keying in a paper form', () => {
  it('refuses answers the questionnaire would refuse (422, problems per question with wording) and stores nothing', async () => {
    const before = await stored();
    const { safe_home: _, ...missing } = validResident();
    const res = await keyIn({ answers: { ...missing, household_size: 99 }, reference: '5' });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error).toMatch(/Nothing was stored/);
    const questions = body.errors.map((e: { question: string }) => e.question);
    expect(questions).toEqual(expect.arrayContaining(['safe_home', 'household_size']));
    const safeHome = body.errors.find((e: { question: string }) => e.question === 'safe_home');
    expect(safeHome.title).toBe(TITLES.get('safe_home'));
    expect(safeHome.message).toMatch(/needs an answer/);
    expect(await stored()).toBe(before);
    expect(await audits('paper.keyed')).toHaveLength(0);
    // The refused reference is not taken: the corrected form goes in under it.
    const fixed = await keyIn({ answers: validResident(), reference: '5' });
    expect(fixed.status).toBe(201);
  });

  it('refuses a malformed request with 400 saying what to send', async () => {
    const before = await stored();
    const extra = await keyIn({ answers: validResident(), source: 'web' });
    expect(extra.status).toBe(400);
    expect((await extra.json()).error).toMatch(/Unexpected field\(s\) 'source'/);
    const long = await keyIn({ answers: validResident(), reference: 'x'.repeat(41) });
    expect(long.status).toBe(400);
    expect((await long.json()).error).toMatch(/longer than 40 characters/);
    const odd = await keyIn({ answers: validResident(), reference: '<b>17</b>' });
    expect(odd.status).toBe(400);
    const noAnswers = await keyIn({ reference: '3' });
    expect((await noAnswers.json()).error).toMatch(/no 'answers'/);
    expect(await stored()).toBe(before);
  });

  it("stores a form with source 'paper' (not synthetic), and audits it without the answers", async () => {
    const before = await stored('paper');
    const answers = { ...validResident(), safe_home: 'fairly_unsafe', sex: 'male' };
    const res = await keyIn({ answers, reference: '17', idempotencyKey: 'form-aaaaaaaa-1' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ id: expect.any(Number), reference: '17', duplicate: false });
    const r = await row(body.id);
    expect(r).toMatchObject({ waveId, source: 'paper', synthetic: false, status: 'complete', surveyVersion: 1, linkId: null, designWeight: 1 });
    expect(r.answers).toEqual(answers);
    expect(await stored('paper')).toBe(before + 1);
    const entry = (await audits('paper.keyed'))[0];
    expect(entry.details).toEqual({ survey: 'resident-safety', wave: '2026', id: body.id, reference: '17' });
    expect(JSON.stringify(entry.details)).not.toMatch(/fairly_unsafe|male/);
  });

  it('keying the same reference again stores nothing and says form 17 was already keyed in', async () => {
    const before = await stored();
    const auditsBefore = (await audits('paper.keyed')).length;
    // The same form sent again (a retry with the same answers, another key, spacing and case).
    const again = await keyIn({
      answers: { ...validResident(), safe_home: 'fairly_unsafe', sex: 'male' },
      reference: ' 17 ',
      idempotencyKey: 'form-bbbbbbbb-2',
    });
    expect(again.status).toBe(200);
    const a = await again.json();
    expect(a).toMatchObject({ duplicate: true, sameAnswers: true, reference: '17' });
    expect(a.message).toMatch(/form 17 was already keyed in/i);
    // Another form given the same number by mistake: said plainly, still stored once.
    const other = await keyIn({ answers: validResident(), reference: '17' });
    expect(other.status).toBe(200);
    const o = await other.json();
    expect(o).toMatchObject({ id: a.id, duplicate: true, sameAnswers: false });
    expect(o.message).toMatch(/Form 17 was already keyed in .*different answers.*nothing new was stored/);
    expect(await stored()).toBe(before);
    expect(await audits('paper.keyed')).toHaveLength(auditsBefore);
    // References are per wave: the same number in another wave is another form.
    const youth = await keyIn({ answers: validYouth(), reference: '17' }, analyst, '/api/officer/surveys/youth-safety/waves/2025/paper');
    expect(youth.status).toBe(201);
  });

  it('a form without reference sent twice at once with its key (double click, retry) is stored once', async () => {
    const before = await stored();
    const body = { answers: { ...validResident(), age_band: '75+' }, idempotencyKey: 'form-cccccccc-3' };
    const [x, y] = await Promise.all([keyIn(body), keyIn(body)]);
    expect([x.status, y.status].sort()).toEqual([200, 201]);
    const [bx, by] = [await x.json(), await y.json()];
    expect(bx.id).toBe(by.id);
    expect(await stored()).toBe(before + 1);
    expect([bx, by].find((b) => b.duplicate).message).toMatch(/already saved/);
  });

  it('takes late paper returns into a closed wave', async () => {
    const res = await keyIn({ answers: { ...validYouth(), safe_school: 'very_safe' } }, admin, '/api/officer/surveys/youth-safety/waves/2025/paper');
    expect(res.status).toBe(201);
    expect((await row((await res.json()).id)).source).toBe('paper');
  });
});

describe('importing a CSV file', () => {
  const good = [validResident(), { ...validResident(), safe_home: 'fairly_safe', sex: 'male', household_size: 1 }, { ...validResident(), age_band: '65-74' }];
  const mixed = csv([good[0], { ...validResident(), safe_home: 'extremely_safe' }, good[1], { ...validResident(), household_size: 99 }, good[2]]);

  it('offers a template whose header is the columns an import accepts, and a guide to them', async () => {
    const res = await app.request(TEMPLATE, { headers: analyst });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="resident-safety-import-template.csv"');
    const [header, ...rest] = parse(await res.text()) as string[][];
    expect(rest).toEqual([]);
    expect(header.filter((h) => !h.endsWith('-Comment'))).toEqual([...TITLES.keys()]);
    // The template as downloaded (header only) is accepted as a file but has no forms in it.
    const asIs = await upload(await (await app.request(TEMPLATE, { headers: analyst })).text());
    expect(asIs.status).toBe(422);
    expect((await asIs.json()).error).toMatch(/only the header row/);
    const guide = parse(await (await app.request(GUIDE, { headers: analyst })).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(guide.map((g) => g.column)).toEqual(header);
    const ward = guide.find((g) => g.column === 'ward')!;
    expect(ward.question).toBe(TITLES.get('ward'));
    expect(ward['values (value = meaning)']).toMatch(/^E05\d+ = \S/);
  });

  it('refuses an unreadable CSV, unknown columns, a non-UTF-8 file and the wrong type, storing nothing', async () => {
    const before = await stored();
    const broken = await upload('safe_home,sex\n"very_safe,female\n');
    expect(broken.status).toBe(422);
    expect((await broken.json()).error).toMatch(/not a readable CSV/);
    const unknown = await upload('safe_home,shoe_size\nvery_safe,9\n');
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error).toMatch(/'shoe_size' are not questions of 'resident-safety'/);
    const latin1 = await upload(Buffer.from('safe_home,ethnicity\nvery_safe,caf\xe9\n', 'latin1'));
    expect(latin1.status).toBe(422);
    expect((await latin1.json()).error).toMatch(/not UTF-8.*CSV UTF-8/);
    const empty = await upload('');
    expect(empty.status).toBe(422);
    expect((await empty.json()).error).toMatch(/empty/);
    const json = await upload(JSON.stringify([validResident()]), '', analyst, 'application/json');
    expect(json.status).toBe(415);
    expect((await json.json()).error).toMatch(/text\/csv/);
    expect(await stored()).toBe(before);
    expect(await audits('responses.import')).toHaveLength(0);
  });

  it('refuses a file over 10 MB with 413, storing nothing', async () => {
    const before = await stored();
    const header = 'safe_home,safe_day_local\n';
    const big = header + 'very_safe,very_safe\n'.repeat(Math.ceil((10 * 1024 * 1024) / 20) + 10);
    const res = await upload(big);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than 10 MB.*Nothing was stored/);
    expect(await stored()).toBe(before);
  });

  it('lists rejected rows with their lines and problems, and stores nothing', async () => {
    const before = await stored();
    const res = await upload(mixed);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error).toMatch(/^2 rows were rejected \(of 5\), so nothing was stored/);
    expect(body).toMatchObject({ stored: false, rows: 5, imported: 0, rejectedCount: 2 });
    // Line numbers count the header as line 1.
    expect(body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 5]);
    expect(body.rejected[0].errors[0]).toMatchObject({ question: 'safe_home', title: TITLES.get('safe_home') });
    expect(body.rejected[0].errors[0].message).toMatch(/'extremely_safe' is not one of the answer options/);
    expect(body.rejected[1].errors[0].question).toBe('household_size');
    expect(await stored()).toBe(before);
    expect(await audits('responses.import')).toHaveLength(0);
  });

  it("with skipInvalid stores only the good rows (source 'import'), lists the skipped ones, and is audited", async () => {
    const before = await stored('import');
    const res = await upload(mixed, '?skipInvalid=1');
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ stored: true, rows: 5, imported: 3, alreadyPresent: 0, rejectedCount: 2, skipInvalid: true });
    expect(body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 5]);
    expect(await stored('import')).toBe(before + 3);
    const rows = (await store.db.select().from(responses).where(eq(responses.source, 'import')).orderBy(responses.id)).slice(-3);
    expect(rows.map((r) => r.answers)).toEqual(good);
    expect(rows.every((r) => r.synthetic === false && r.status === 'complete' && r.waveId === waveId)).toBe(true);
    const entry = (await audits('responses.import'))[0];
    expect(entry.email).toMatch(/^analyst/);
    expect(entry.details).toMatchObject({ survey: 'resident-safety', wave: '2026', rows: 5, imported: 3, rejected: 2, skipInvalid: true });
  });

  it('importing the same file again adds nothing', async () => {
    const before = await stored();
    const res = await upload(mixed, '?skipInvalid=1');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ imported: 0, alreadyPresent: 3, rejectedCount: 2 });
    expect(await stored()).toBe(before);
  });

  it('stores a weight column as design weights, and refuses a weight column the file lacks', async () => {
    const file = csv(
      good.slice(0, 2).map((g) => ({ ...g, ward: 'E05004985' })),
      [{ w: '1.5' }, { w: '0.25' }],
    );
    const res = await upload(file, '?weightColumn=w');
    expect(res.status).toBe(201);
    const rows = (await store.db.select().from(responses).orderBy(responses.id)).slice(-2);
    expect(rows.map((r) => r.designWeight)).toEqual([1.5, 0.25]);
    expect(rows.map((r) => Object.keys(r.answers))).not.toContainEqual(expect.arrayContaining(['w']));
    const missing = await upload(csv([good[0]]), '?weightColumn=weight');
    expect(missing.status).toBe(422);
    expect((await missing.json()).error).toMatch(/no column 'weight'/);
  });

  it('stores a declared sample design (stratum, PSU, fpc) on each return, and refuses one the estimates could not use, storing nothing', async () => {
    const rows = Array.from({ length: 4 }, (_, i) => ({ ...good[i % 3], safe_home: ['very_safe', 'fairly_safe'][i % 2] }));
    const design = [
      { stratum: 'North', sector: 'N1', addresses: '120' },
      { stratum: 'North', sector: 'N2', addresses: '120' },
      { stratum: 'South', sector: 'S1', addresses: '80' },
      { stratum: 'South', sector: 'S2', addresses: '80' },
    ];
    const res = await upload(csv(rows, design), '?stratumColumn=stratum&psuColumn=sector&fpcColumn=addresses');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ imported: 4, stratumColumn: 'stratum', psuColumn: 'sector', fpcColumn: 'addresses' });
    const stored4 = (await store.db.select().from(responses).orderBy(responses.id)).slice(-4);
    expect(stored4.map((r) => [r.stratum, r.psu, r.fpc])).toEqual([
      ['North', 'N1', 120],
      ['North', 'N2', 120],
      ['South', 'S1', 80],
      ['South', 'S2', 80],
    ]);
    expect(Object.keys(stored4[0].answers)).not.toContain('stratum');

    const before = await stored();
    const lonely = design.map((d, i) => ({ ...d, sector: i < 2 ? d.sector : 'S1' }));
    const one = await upload(csv(rows, lonely), '?stratumColumn=stratum&psuColumn=sector&fpcColumn=addresses');
    expect(one.status).toBe(422);
    expect((await one.json()).error).toBe(
      'The sample design cannot be used: Stratum South has only one PSU (cluster), so its sampling variance cannot be estimated (R survey stops here too: lonely.psu = "fail"). Merge the stratum with a similar one. Nothing was stored.',
    );
    const small = await upload(
      csv(
        rows,
        design.map((d) => ({ ...d, addresses: d.stratum === 'North' ? '1' : '80' })),
      ),
      '?stratumColumn=stratum&psuColumn=sector&fpcColumn=addresses',
    );
    expect(small.status).toBe(422);
    expect((await small.json()).error).toBe(
      'The sample design cannot be used: The finite population corrections mix sampling fractions (at most 1) and population sizes (above 1); give one kind. Nothing was stored.',
    );
    const fewer = await upload(
      csv(
        rows,
        design.map((d) => ({ ...d, addresses: '1.5' })),
      ),
      '?stratumColumn=stratum&psuColumn=sector&fpcColumn=addresses',
    );
    expect(fewer.status).toBe(422);
    expect((await fewer.json()).error).toBe(
      'The sample design cannot be used: Stratum North has 2 sampled PSUs but a population of 1.5: the population cannot be smaller than the sample. Nothing was stored.',
    );
    const text = await upload(
      csv(
        rows,
        design.map((d) => ({ ...d, addresses: 'many' })),
      ),
      '?stratumColumn=stratum&psuColumn=sector&fpcColumn=addresses',
    );
    expect(text.status).toBe(422);
    const body = await text.json();
    expect(body.rejectedCount).toBe(4);
    expect(body.rejected[0].errors[0].message).toBe(
      "The finite population correction 'many' is not a positive number (the population of the stratum, or the sampling fraction).",
    );
    const missing = await upload(csv(rows, design), '?stratumColumn=region');
    expect(missing.status).toBe(422);
    expect((await missing.json()).error).toBe("The file has no column 'region' for the stratum.");
    expect(await stored()).toBe(before);
  });
});
