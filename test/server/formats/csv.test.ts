/** One CSV cell writer for every download: quoting, and the spreadsheet formula guard. */
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../../server/formats/csv.js';

describe('csvCell', () => {
  it('writes blanks, lists and objects', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(['a', 'b'])).toBe('"a;b"');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell(3)).toBe('3');
  });

  it('quotes commas, quotes, line breaks, ; and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(' x')).toBe('" x"');
  });

  it('keeps a would-be formula as text, but not a negative number', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-3')).toBe('-3');
    expect(csvRow(['+1 more', 2])).toBe("'+1 more,2");
  });
});
