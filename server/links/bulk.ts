/**
 * Links for many schools at once, from a list or a CSV of names with optional expiry and cap
 * (defaults for the rows that leave them empty). Every row is checked as a single new link is
 * (createWaveLink's schema and rules) and against the others and the wave's existing labels;
 * if any row cannot be used nothing is created and every such row is listed (422 with `rows`).
 */
import { parse } from 'csv-parse/sync';
import { audit } from '../accounts/audit.js';
import { BadRequest, Unprocessable } from '../errors.js';
import type { Store } from '../store/open.js';
import { findSurvey, findWave } from '../surveys/surveys.js';
import { BulkLinksBody, type BulkLinksCreated, type BulkLinksRequest, type BulkRowProblem, MAX_BULK_LINKS } from './bulk-schemas.js';
import { todayUtc } from './days.js';
import { type LinkCall, linkView, newToken } from './links.js';
import { insertLinks, labelsOfWave } from './queries.js';
import { CreateLinkBody } from './schemas.js';

interface RawRow {
  row: number;
  label: unknown;
  expires?: unknown;
  max?: unknown;
}

const HEADERS: Record<string, 'label' | 'expires' | 'max'> = {
  school: 'label',
  label: 'label',
  name: 'label',
  expires: 'expires',
  expiry: 'expires',
  max: 'max',
  cap: 'max',
};

/** Rows of a CSV with a header row, or of a plain list (one name a line). */
function csvRows(csv: string): RawRow[] {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (e) {
    throw new Unprocessable(`The file is not a readable CSV: ${(e as Error).message}. Nothing was created.`, { field: 'csv' });
  }
  const header = (records[0] ?? []).map((h) => HEADERS[h.toLowerCase()]);
  if (!header.includes('label')) {
    // No header naming the columns: a list of names (a name may hold commas, so the whole line).
    return csv
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((line, i) => ({ row: i + 1, label: line.trim() }))
      .filter((r) => r.label !== '');
  }
  const unknown = (records[0] ?? []).filter((_, i) => !header[i]);
  if (unknown.length)
    throw new Unprocessable(`Column(s) ${unknown.map((h) => `'${h}'`).join(', ')} are not known: use school, expires and max. Nothing was created.`, {
      field: 'csv',
    });
  return records.slice(1).map((cells, i) => {
    const row: RawRow = { row: i + 2, label: '' };
    header.forEach((key, c) => {
      if (key) row[key] = cells[c] ?? '';
    });
    return row;
  });
}

const numberOrText = (v: unknown) => (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v);
const emptyIsNone = (v: unknown) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

/** Creates every link of the list, or none (422 listing each row that cannot be used). */
export async function createBulkLinks(
  store: Store,
  slug: string,
  waveName: string,
  request: BulkLinksRequest,
  { now, by }: LinkCall,
): Promise<BulkLinksCreated> {
  const parsed = BulkLinksBody.safeParse(request);
  if (!parsed.success) throw new BadRequest(parsed.error.issues[0].message);
  const { links, csv, kind = 'school', expires, max } = parsed.data;
  if ((links === undefined) === (csv === undefined))
    throw new BadRequest('Send either "links" (a list of rows) or "csv" (the file’s text), not both or neither.');
  const raw = csv !== undefined ? csvRows(csv) : links!.map((l, i) => ({ row: i + 1, ...l }));
  if (!raw.length)
    throw new Unprocessable('The list has no names: give one school or channel name a line. Nothing was created.', {
      field: csv !== undefined ? 'csv' : 'links',
    });
  if (raw.length > MAX_BULK_LINKS)
    throw new Unprocessable(`The list has ${raw.length} rows; at most ${MAX_BULK_LINKS} links are created at once. Split it. Nothing was created.`);

  const survey = await findSurvey(store.db, slug);
  const wave = await findWave(store.db, survey, waveName);
  const existing = new Set((await labelsOfWave(store.db, wave.id)).map((l) => l.toLocaleLowerCase('en-GB')));
  const firstRow = new Map<string, number>();
  const problems: BulkRowProblem[] = [];
  const good: { label: string; expiresAt: string | null; maxResponses: number | null }[] = [];
  for (const r of raw) {
    const label = typeof r.label === 'string' ? r.label.trim().replace(/\s+/g, ' ') : String(r.label ?? '');
    const request = {
      label: r.label,
      kind,
      expires: emptyIsNone(r.expires) ?? emptyIsNone(expires),
      max: numberOrText(emptyIsNone(r.max) ?? emptyIsNone(max)),
    };
    const result = CreateLinkBody.safeParse(request);
    const problem = (field: BulkRowProblem['field'], error: string) => problems.push({ row: r.row, label, field, error });
    const key = label.toLocaleLowerCase('en-GB');
    let ok = true;
    // A name twice is found whatever else is wrong with either row.
    if (key && firstRow.has(key)) {
      problem('label', `'${label}' is in the list twice (rows ${firstRow.get(key)} and ${r.row}): each link needs its own name.`);
      ok = false;
    } else if (key) firstRow.set(key, r.row);
    if (!result.success) {
      for (const issue of result.error.issues) problem((issue.path[0] as BulkRowProblem['field']) ?? null, issue.message);
      continue;
    }
    const v = result.data;
    if (existing.has(key)) {
      problem('label', `The ${wave.name} wave already has a link called '${v.label}'.`);
      ok = false;
    }
    if (v.expires !== undefined && v.expires <= todayUtc(now)) {
      problem('expires', `The expiry date ${v.expires} is not after today: the link would not work at all.`);
      ok = false;
    }
    const cap = kind === 'single' ? 1 : (v.max ?? null);
    if (kind === 'single' && v.max !== undefined && v.max !== 1) {
      problem('max', 'A single-use link takes exactly one answer: leave the cap empty.');
      ok = false;
    }
    if (ok) good.push({ label: v.label, expiresAt: v.expires === undefined ? null : `${v.expires}T00:00:00.000Z`, maxResponses: cap });
  }
  if (problems.length) {
    const n = new Set(problems.map((p) => p.row)).size;
    const listed = problems
      .slice(0, 10)
      .map((p) => `row ${p.row}${p.label ? ` '${p.label}'` : ''}: ${p.error}`)
      .join('\n');
    throw new Unprocessable(
      `${n} of ${raw.length} rows cannot be used, so no link was created. Correct them and send the list again.\n${listed}${problems.length > 10 ? `\n… and ${problems.length - 10} more` : ''}`,
      { body: { rows: problems } },
    );
  }
  const rows = await insertLinks(
    store.db,
    good.map((g) => ({ token: newToken(), waveId: wave.id, kind, ...g })),
  );
  const created = rows.map((row) => linkView(row, wave, 0, now));
  if (by) await audit(store, by, 'link.bulk', { survey: survey.slug, wave: wave.name, kind, count: created.length, labels: created.map((l) => l.label) });
  return { created };
}
