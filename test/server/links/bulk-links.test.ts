/**
 * Links for many schools at once, through the whole app on a temporary store and the CLI:
 * a CSV with expiry and cap per row and defaults, a plain list, all-or-nothing refusals listing
 * every row at fault, the audit entry.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { signIn } from '../../helpers/officer.js';
import { postJson, testApp, testStore, withOpenWave } from '../../helpers/store.js';
import { runCli, storeEnv } from '../cli/run-cli.js';

const t = await testStore();
await withOpenWave(t.store, 'youth-safety');
const { store } = t;
const app = testApp(store);
const admin = await signIn(app, store, 'admin');
const analyst = await signIn(app, store, 'analyst');
afterAll(() => t.cleanup());

const PATH = '/api/officer/surveys/youth-safety/waves/2026/links/bulk';
const linkCount = async () => (await first(store.db.select({ n: count() }).from(tablesOf(store.db).links)))!.n;
type Link = { label: string; kind: string; expiresAt: string | null; maxResponses: number | null; url: string; state: string };

describe('POST …/links/bulk', () => {
  it('is for admins only', async () => {
    expect((await postJson(app, PATH, { csv: 'A School' }, analyst)).status).toBe(403);
  });

  it('refuses the whole list when any row cannot be used, listing each, and creates nothing', async () => {
    const csv = [
      'School,Expires,Max',
      'North Test School (fictional),2030-07-01,250',
      'South Test School (fictional),1 July 2030,',
      'north test school (fictional),,',
      'East Test School (fictional),,0',
      'West Test School (fictional),2020-01-01,10',
      ',,',
    ].join('\n');
    const res = await postJson(app, PATH, { csv }, admin);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; rows: unknown[] };
    expect(body.rows).toEqual([
      {
        row: 3,
        label: 'South Test School (fictional)',
        field: 'expires',
        error: 'The expiry date "1 July 2030" is not a date: use YYYY-MM-DD, e.g. 2026-07-01.',
      },
      {
        row: 4,
        label: 'north test school (fictional)',
        field: 'label',
        error: "'north test school (fictional)' is in the list twice (rows 2 and 4): each link needs its own name.",
      },
      {
        row: 5,
        label: 'East Test School (fictional)',
        field: 'max',
        error: 'The cap must be a whole number of answers from 1 to 1,000,000, not 0. Leave it empty for no cap.',
      },
      {
        row: 6,
        label: 'West Test School (fictional)',
        field: 'expires',
        error: 'The expiry date 2020-01-01 is not after today: the link would not work at all.',
      },
      { row: 7, label: '', field: 'label', error: 'Give the link a label, e.g. the name of the school or channel.' },
    ]);
    expect(body.error.split('\n')[0]).toBe('5 of 6 rows cannot be used, so no link was created. Correct them and send the list again.');
    expect(await linkCount()).toBe(0);
  });

  it('creates every row of a CSV with its own expiry and cap, the defaults filling the empty ones, audited once', async () => {
    const csv = ['school,expires,cap', 'North Test School (fictional),2030-07-01,250', '"Saint Test\'s School, Upper (fictional)",,'].join('\r\n');
    const res = await postJson(app, PATH, { csv, expires: '2031-01-31', max: 90 }, admin);
    expect(res.status).toBe(201);
    const { created } = (await res.json()) as { created: Link[] };
    expect(created.map((l) => [l.label, l.kind, l.expiresAt, l.maxResponses, l.state])).toEqual([
      ['North Test School (fictional)', 'school', '2030-07-01T00:00:00.000Z', 250, 'active'],
      ["Saint Test's School, Upper (fictional)", 'school', '2031-01-31T00:00:00.000Z', 90, 'active'],
    ]);
    expect(new Set(created.map((l) => l.url)).size).toBe(2);
    expect(await linkCount()).toBe(2);
    const entry = (await recentAudit(store, 100)).find((a) => a.action === 'link.bulk');
    expect(entry?.details).toEqual({
      survey: 'youth-safety',
      wave: '2026',
      kind: 'school',
      count: 2,
      labels: ['North Test School (fictional)', "Saint Test's School, Upper (fictional)"],
    });
  });

  it('takes a plain list of names, and refuses a name the wave already has', async () => {
    const again = await postJson(app, PATH, { csv: 'North Test School (fictional)\nSouth Test School (fictional)\n' }, admin);
    expect(again.status).toBe(422);
    expect(((await again.json()) as { rows: unknown[] }).rows).toEqual([
      { row: 1, label: 'North Test School (fictional)', field: 'label', error: "The 2026 wave already has a link called 'North Test School (fictional)'." },
    ]);
    const res = await postJson(
      app,
      PATH,
      { links: [{ label: 'South Test School (fictional)' }, { label: 'Youth Club Test (fictional)', max: 40 }], kind: 'channel' },
      admin,
    );
    expect(res.status).toBe(201);
    const { created } = (await res.json()) as { created: Link[] };
    expect(created.map((l) => [l.label, l.kind, l.expiresAt, l.maxResponses])).toEqual([
      ['South Test School (fictional)', 'channel', null, null],
      ['Youth Club Test (fictional)', 'channel', null, 40],
    ]);
    expect(await linkCount()).toBe(4);
  });

  it('refuses both or neither of links and csv, and an unknown column, with 400/422', async () => {
    const neither = await postJson(app, PATH, { expires: '2031-01-01' }, admin);
    expect(neither.status).toBe(400);
    expect(await neither.json()).toEqual({ error: 'Send either "links" (a list of rows) or "csv" (the file’s text), not both or neither.' });
    const column = await postJson(app, PATH, { csv: 'school,colour\nA (fictional),red' }, admin);
    expect(column.status).toBe(422);
    expect(((await column.json()) as { error: string }).error).toBe("Column(s) 'colour' are not known: use school, expires and max. Nothing was created.");
    expect(await linkCount()).toBe(4);
  });
});

describe('link bulk on the command line', () => {
  it('creates the links of a file and prints their addresses; a bad file creates none', async () => {
    const good = join(t.dir, 'schools.csv');
    writeFileSync(good, 'school\nCLI Test School One (fictional)\nCLI Test School Two (fictional)\n');
    const res = await runCli(t.dir, ['link', 'bulk', '--survey', 'youth-safety', '--wave', '2026', '--file', good, '--max', '30'], storeEnv(store));
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines.map((l) => l.split('\t')[1])).toEqual(['CLI Test School One (fictional)', 'CLI Test School Two (fictional)']);
    expect(lines.every((l) => /^http:\/\/localhost:3000\/y\/[A-Za-z0-9_-]{12}\t/.test(l))).toBe(true);
    const bad = join(t.dir, 'bad.csv');
    writeFileSync(bad, 'school,max\nCLI Test School Three (fictional),-5\n');
    const refused = await runCli(t.dir, ['link', 'bulk', '--survey', 'youth-safety', '--wave', '2026', '--file', bad], storeEnv(store));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "row 2 'CLI Test School Three (fictional)': The cap must be a whole number of answers from 1 to 1,000,000, not -5. Leave it empty for no cap.",
    );
    expect(await linkCount()).toBe(6);
  });
});
