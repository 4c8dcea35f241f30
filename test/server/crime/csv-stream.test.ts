/**
 * The hand-rolled streaming CSV reader (server/crime/csv-stream.ts) gives the same records as
 * csv-parse on a file of several 1 MiB chunks, with quoted commas, quotes and line breaks and
 * multi-byte characters falling across chunk boundaries.
 */
import { parse } from 'csv-parse/sync';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvSyntaxError, splitQuoted, streamCsvRecords } from '../../../server/crime/csv-stream.js';

const dir = mkdtempSync(join(tmpdir(), 'csp-csv-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(text: string) {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, text);
  const records: string[][] = [];
  const lines: number[] = [];
  const chunks: number[] = [];
  await streamCsvRecords(
    file,
    (f, line) => (records.push(f), lines.push(line)),
    (b) => chunks.push(b),
  );
  return { records, lines, chunks };
}

describe('streamCsvRecords', () => {
  it('equals csv-parse over many chunks', async () => {
    const rows = ['id,month,place,type,note'];
    const variants = [
      (i: number) => `${i},2019-01,On or near Église Road,Burglary,`,
      (i: number) => `${i},2019-02,"On or near ""The"" Street, Town",Drugs,"a, b"`,
      (i: number) => `${i},2019-03,"two\nlines",Robbery,ünïcødé ✓`,
      (i: number) => `${i},2019-04,,,`,
    ];
    for (let i = 0; i < 80_000; i++) rows.push(variants[i % variants.length](i));
    const text = `${rows.join('\r\n')}\r\n`;
    const { records, chunks } = await read(text);
    expect(chunks.length).toBeGreaterThan(2); // really crossed chunk boundaries
    expect(records).toEqual(parse(text, { relax_column_count: true }));
  });

  it('numbers records by their first line, skips blank lines, strips a byte-order mark', async () => {
    const { records, lines } = await read('\uFEFFa,b\n"x\ny",1\n\nz,2');
    expect(records).toEqual([
      ['a', 'b'],
      ['x\ny', '1'],
      ['z', '2'],
    ]);
    expect(lines).toEqual([1, 2, 5]);
  });

  it('says where a quoted field is never closed', async () => {
    await expect(read('a,b\n"open,1\nmore\n')).rejects.toThrow(CsvSyntaxError);
    await expect(read('a,b\n"open,1\nmore\n')).rejects.toThrow(/line 2: a quoted field is never closed/);
    expect(() => splitQuoted('"a"b,c', 7)).toThrow(/line 7: unexpected text after a closing quote/);
  });
});
