/**
 * The SPSS system file writer's layout, byte by byte where the PSPP guide fixes it. That haven reads
 * what it writes is tested on a whole export in test/server/responses/analyst-formats.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { spssDateTime, spssNames, utf8Prefix, writeSav } from '../../../server/formats/sav.js';

const created = new Date('2026-12-02T09:05:07Z');

describe('spssNames', () => {
  it('makes names SPSS accepts, unique ignoring case', () => {
    expect(spssNames(['safe-home', '2nd', 'SAFE_home', 'safe_HOME', 'by', 'a.', 'x'.repeat(70)])).toEqual([
      'safe_home',
      'v2nd',
      'SAFE_home_2',
      'safe_HOME_3',
      'by_',
      'a_',
      'x'.repeat(64),
    ]);
  });
});

describe('utf8Prefix', () => {
  it('cuts at a character boundary', () => {
    expect(utf8Prefix('ab€', 4).toString()).toBe('ab');
    expect(utf8Prefix('ab€', 5).toString()).toBe('ab€');
  });
});

describe('spssDateTime', () => {
  it('counts seconds from 14 October 1582', () => {
    // 1970-01-01 is 141,428 days after 1582-10-14 (R: as.numeric(as.Date("1970-01-01") - as.Date("1582-10-14"))).
    expect(spssDateTime(new Date('1970-01-01T00:00:00Z'))).toBe(141_428 * 86_400);
    expect(spssDateTime(new Date('1970-01-02T00:00:01Z'))).toBe(141_429 * 86_400 + 1);
  });
});

describe('writeSav', () => {
  const sav = writeSav({
    created,
    fileLabel: 'Made-up test data',
    variables: [
      { name: 'n', type: 'numeric', measure: 'scale' },
      { name: 'word', label: 'A word', type: 'string', measure: 'nominal' },
    ],
    cases: [
      [1.5, 'abcdefghij'],
      [null, null],
    ],
  });

  it('writes the header: magic, layout 2, slots per case, uncompressed, cases, bias 100, date and label', () => {
    expect(sav.subarray(0, 4).toString('latin1')).toBe('$FL2');
    expect(sav.subarray(4, 64).toString('latin1').trimEnd()).toBe('@(#) SPSS DATA FILE safer-communities-survey');
    expect(sav.readInt32LE(64)).toBe(2);
    // One slot for the number, two for the 10-byte string.
    expect(sav.readInt32LE(68)).toBe(3);
    expect(sav.readInt32LE(72)).toBe(0);
    expect(sav.readInt32LE(76)).toBe(0);
    expect(sav.readInt32LE(80)).toBe(2);
    expect(sav.readDoubleLE(84)).toBe(100);
    expect(sav.subarray(92, 109).toString('latin1')).toBe('02 Dec 2609:05:07');
    expect(sav.subarray(109, 173).toString('latin1').trimEnd()).toBe('Made-up test data');
    expect(sav.readInt32LE(176)).toBe(2);
  });

  it('ends with the cases: a double, SYSMIS for missing, strings padded with spaces', () => {
    const data = sav.subarray(sav.length - 48);
    expect(data.readDoubleLE(0)).toBe(1.5);
    expect(data.subarray(8, 24).toString('latin1')).toBe('abcdefghij      ');
    expect(data.readDoubleLE(24)).toBe(-Number.MAX_VALUE);
    expect(data.subarray(32, 48).toString('latin1')).toBe(' '.repeat(16));
    // The dictionary terminator just before them.
    expect(sav.readInt32LE(sav.length - 56)).toBe(999);
    expect(sav.readInt32LE(sav.length - 52)).toBe(0);
  });

  it('declares UTF-8 and the long names', () => {
    const text = sav.toString('latin1');
    expect(text).toContain('N=n\tWORD=word');
    expect(text).toContain('UTF-8');
  });

  it('gives the same bytes for the same input', () => {
    const again = writeSav({
      created,
      fileLabel: 'Made-up test data',
      variables: [
        { name: 'n', type: 'numeric', measure: 'scale' },
        { name: 'word', label: 'A word', type: 'string', measure: 'nominal' },
      ],
      cases: [
        [1.5, 'abcdefghij'],
        [null, null],
      ],
    });
    expect(again.equals(sav)).toBe(true);
  });

  it('refuses what SPSS cannot hold', () => {
    const one = (name: string) => writeSav({ created, variables: [{ name, type: 'numeric', measure: 'scale' }], cases: [] });
    expect(() => one('2x')).toThrow(/not a valid SPSS variable name/);
    expect(() => one('AND')).toThrow(/not a valid SPSS variable name/);
    expect(() =>
      writeSav({
        created,
        variables: [
          { name: 'a', type: 'numeric', measure: 'scale' },
          { name: 'A', type: 'numeric', measure: 'scale' },
        ],
        cases: [],
      }),
    ).toThrow(/used twice/);
    expect(() => writeSav({ created, variables: [{ name: 'a', type: 'numeric', measure: 'scale' }], cases: [['x']] })).toThrow(/numeric/);
  });
});
