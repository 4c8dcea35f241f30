/**
 * The crime command's CSV writers (server/cli/commands/crime.ts) write their cells with the one
 * CSV writer (server/formats/csv.ts): quoting and the spreadsheet formula guard.
 */
import { describe, expect, it } from 'vitest';
import { summaryCsv } from '../../../server/cli/commands/crime.js';

describe('crime summary CSV', () => {
  it('writes the header and rows, quoting a ward name with a comma or a semicolon', () => {
    const csv = summaryCsv(
      ['ward', 'crime-type'],
      [
        { ward: 'Bearsted, East', wardCode: 'E05000001', crimeType: 'Burglary', count: 3 },
        { ward: 'North; Park', wardCode: 'E05000002', crimeType: 'Robbery', count: 1 },
      ],
    );
    expect(csv).toBe('ward,ward_code,crime_type,count\n"Bearsted, East",E05000001,Burglary,3\n"North; Park",E05000002,Robbery,1\n');
  });

  it('keeps a cell a spreadsheet would run as a formula as text', () => {
    expect(summaryCsv(['crime-type'], [{ crimeType: '=HYPERLINK("x")', count: 2 }])).toBe('crime_type,count\n"\'=HYPERLINK(""x"")",2\n');
  });
});
