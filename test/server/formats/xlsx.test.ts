import { describe, expect, it } from 'vitest';
import { columnLetters, readXlsx, sheetName, writeXlsx } from '../../../server/formats/xlsx.js';
import { readZip } from '../../../server/formats/zip.js';
import { xmlProblems } from './xml-check.js';

const sheets = [
  {
    name: 'estimates',
    columns: ['question', 'n', 'estimate', 'p', 'flag', 'missing'],
    rows: [
      ['safe_home', 2092, 0.48967783411934823, 0.000123, true, null],
      ['=HYPERLINK("http://x")', 31, 1e-9, 1, false, undefined],
      ['a & b < c > "d" \'e\' _x0041_ Straße 安全 😀\tline\nbreak', -0, 12345678.125, 0.05, true, ''],
    ],
    formats: { estimate: 'percent', p: 'pvalue', n: 'integer' } as const,
  },
  { name: 'second', columns: ['a', 'b'], rows: [[['x', 'y'], { k: 1 }]] },
];

describe('writeXlsx → readXlsx', () => {
  const back = readXlsx(writeXlsx(sheets));

  it('keeps sheet order and names', () => {
    expect(back.map((s) => s.name)).toEqual(['estimates', 'second']);
  });

  it('gives the header row then every value with its type', () => {
    const [header, ...rows] = back[0].rows;
    expect(header).toEqual(['question', 'n', 'estimate', 'p', 'flag', 'missing']);
    expect(rows[0]).toEqual(['safe_home', 2092, 0.48967783411934823, 0.000123, true, null]);
    // Text that looks like a formula stays text (inline string, never <f>).
    expect(rows[1]).toEqual(['=HYPERLINK("http://x")', 31, 1e-9, 1, false, null]);
    expect(rows[2]).toEqual(['a & b < c > "d" \'e\' _x0041_ Straße 安全 😀\tline\nbreak', 0, 12345678.125, 0.05, true, '']);
    expect(typeof rows[0][2]).toBe('number');
    expect(typeof rows[0][4]).toBe('boolean');
  });

  it('writes arrays as a;b and objects as JSON, like the CSV export', () => {
    expect(back[1].rows[1]).toEqual(['x;y', '{"k":1}']);
  });

  it('never writes a formula', () => {
    const zip = readZip(writeXlsx(sheets));
    expect(zip.get('xl/worksheets/sheet1.xml')!.toString()).not.toMatch(/<f[ >]/);
  });

  it('drops characters XML 1.0 forbids and writes non-finite numbers as text', () => {
    const [s] = readXlsx(writeXlsx([{ name: 's', columns: ['a', 'b', 'c'], rows: [['bell\u0007 nul\u0000 ok\uFFFE', NaN, Infinity]] }]));
    expect(s.rows[1]).toEqual(['bell nul ok', 'NaN', 'Infinity']);
  });
});

describe('notice row', () => {
  const buf = writeXlsx([{ name: 'responses', columns: ['id', 'x'], rows: [[1, 'a']], notice: 'These responses are SYNTHETIC demo data' }]);
  const sheetXml = readZip(buf).get('xl/worksheets/sheet1.xml')!.toString();

  it('puts the notice in row 1 and the header in row 2', () => {
    expect(readXlsx(buf)[0].rows).toEqual([
      ['These responses are SYNTHETIC demo data', null],
      ['id', 'x'],
      [1, 'a'],
    ]);
  });

  it('makes the notice and header bold, freezes below the header and filters the header', () => {
    expect(sheetXml).toMatch(/<c r="A1" s="1" t="inlineStr">/);
    expect(sheetXml).toMatch(/<c r="B2" s="1" t="inlineStr">/);
    expect(sheetXml).toContain('<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>');
    expect(sheetXml).toContain('<autoFilter ref="A2:B3"/>');
  });

  it('without a notice, the header is row 1', () => {
    const xml = readZip(writeXlsx([{ name: 's', columns: ['id'], rows: [[1], [2]] }]))
      .get('xl/worksheets/sheet1.xml')!
      .toString();
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2"');
    expect(xml).toContain('<autoFilter ref="A1:A3"/>');
  });
});

describe('number formats and column widths', () => {
  const xml = readZip(writeXlsx(sheets)).get('xl/worksheets/sheet1.xml')!.toString();
  const styles = readZip(writeXlsx(sheets)).get('xl/styles.xml')!.toString();

  it('styles each formatted column with its number format', () => {
    const xfs = [...styles.matchAll(/<xf [^>]*\/>/g)].map((m) => m[0]).slice(1); // after cellStyleXfs
    const fmtOf = (cellRef: string) => {
      const s = Number(new RegExp(`<c r="${cellRef}" s="(\\d+)"`).exec(xml)![1]);
      const id = /numFmtId="(\d+)"/.exec(xfs[s])![1];
      return new RegExp(`<numFmt numFmtId="${id}" formatCode="([^"]+)"/>`).exec(styles)?.[1] ?? `builtin ${id}`;
    };
    expect(fmtOf('C2')).toBe('0.0%'); // estimate
    expect(fmtOf('D2')).toBe('0.0000'); // p
    expect(fmtOf('B2')).toBe('builtin 1'); // n: "0"
    expect(styles).toContain('formatCode="0.000"');
    expect(styles).toMatch(/<font><b\/>/);
    expect(xml).toMatch(/<c r="A2" t="inlineStr">/); // text columns unstyled
  });

  it('sizes columns to their content within bounds', () => {
    const widths = [...xml.matchAll(/<col min="(\d+)" max="\d+" width="(\d+)"/g)].map((m) => Number(m[2]));
    expect(widths).toHaveLength(6);
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(8);
    for (const w of widths) expect(w).toBeLessThanOrEqual(60);
    expect(widths[0]).toBeGreaterThan(widths[1]); // long question text vs small n
  });
});

describe('sheet names', () => {
  it('removes characters Excel forbids and keeps 31 characters', () => {
    expect(sheetName('a/b\\c[d]e:f*g?h')).toBe('a b c d e f g h');
    expect(sheetName("'quoted'")).toBe('quoted');
    expect(sheetName('x'.repeat(40))).toBe('x'.repeat(31));
    expect(sheetName('   ')).toBe('Sheet');
    expect(sheetName('History')).not.toBe('History');
  });

  it('makes names unique ignoring case, still within 31 characters', () => {
    const taken = new Set<string>();
    expect(sheetName('Data', taken)).toBe('Data');
    expect(sheetName('data', taken)).toBe('data (2)');
    expect(sheetName('DATA', taken)).toBe('DATA (3)');
    const long = 'y'.repeat(31);
    expect(sheetName(long, taken)).toBe(long);
    const second = sheetName(long, taken);
    expect(second).toBe(`${'y'.repeat(27)} (2)`);
    expect(second.length).toBe(31);
  });

  it('are applied by writeXlsx', () => {
    const names = readXlsx(
      writeXlsx([
        { name: 'a:b', columns: [], rows: [] },
        { name: 'A B', columns: [], rows: [] },
      ]),
    ).map((s) => s.name);
    expect(names).toEqual(['a b', 'A B (2)']);
  });
});

describe('columnLetters', () => {
  it('counts like Excel', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});

describe('package structure', () => {
  const buf = writeXlsx([...sheets, { name: "it's", columns: ['x'], rows: [] }]);
  const parts = readZip(buf);

  it('has the parts Excel needs', () => {
    for (const p of [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet3.xml',
    ]) {
      expect(parts.has(p), p).toBe(true);
    }
  });

  it('every XML part is well-formed', () => {
    for (const [name, data] of parts) expect(xmlProblems(data.toString('utf8')), name).toEqual([]);
  });

  it('[Content_Types].xml and the workbook relationships list each sheet', () => {
    const types = parts.get('[Content_Types].xml')!.toString();
    const rels = parts.get('xl/_rels/workbook.xml.rels')!.toString();
    for (let i = 1; i <= 3; i++) {
      expect(types).toContain(
        `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      );
      expect(rels).toContain(`Target="worksheets/sheet${i}.xml"`);
    }
    expect(types).toContain('PartName="/xl/workbook.xml"');
    expect(types).toContain('PartName="/xl/styles.xml"');
    expect(parts.get('_rels/.rels')!.toString()).toContain('Target="xl/workbook.xml"');
  });

  it('records each AutoFilter range, quoting sheet names', () => {
    const wb = parts.get('xl/workbook.xml')!.toString();
    expect(wb).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">&apos;estimates&apos;!$A$1:$F$4</definedName>`);
    expect(wb).toContain(`localSheetId="2" hidden="1">&apos;it&apos;&apos;s&apos;!$A$1:$A$1</definedName>`);
  });

  it('refuses an empty workbook', () => {
    expect(() => writeXlsx([])).toThrow(/at least one sheet/);
  });
});
