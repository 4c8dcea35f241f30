/**
 * The bundled real police.uk file (Kent Police, January 2019, Maidstone rows and neighbours) and
 * what importing it must give, as server/demo/police-uk/README.md states them. The counts come from
 * that README (read off the file by hand), not from our importer.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeZip } from '../../server/formats/zip.js';

export const POLICE_UK_NAME = 'police-uk-2019-01-kent-street-maidstone.csv';
export const POLICE_UK_FILE = fileURLToPath(new URL(`../../server/demo/police-uk/${POLICE_UK_NAME}`, import.meta.url));

/** Maidstone rows by crime type. */
export const MAIDSTONE_BY_TYPE: Record<string, number> = {
  'Violence and sexual offences': 647,
  'Anti-social behaviour': 198,
  'Criminal damage and arson': 137,
  Burglary: 110,
  'Public order': 102,
  'Other theft': 99,
  Shoplifting: 94,
  'Vehicle crime': 82,
  'Other crime': 44,
  Drugs: 32,
  'Possession of weapons': 15,
  'Theft from the person': 11,
  Robbery: 10,
  'Bicycle theft': 7,
};

/** Rows counted in a Maidstone ward (all types, anti-social behaviour included). */
export const MAIDSTONE_ROWS = 1588;

/**
 * A police.uk custom download as data.police.uk makes it: a ZIP of monthly folders
 * (`2019-01/2019-01-kent-street.csv`, …) with outcomes files beside the street files.
 * January 2019 is the bundled file; February 2019 is made up from it by rewriting the Month
 * column (so it holds the same rows and counts). The February folder comes first in the archive,
 * so an import that reads in month order must sort.
 */
export function policeUkDownloadZip(): Buffer {
  const january = readFileSync(POLICE_UK_FILE, 'utf8');
  const [header, ...rows] = january.trimEnd().split('\n');
  const february = `${[header, ...rows.map((r) => r.replace(',2019-01,', ',2019-02,'))].join('\n')}\n`;
  const outcomes =
    'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n' +
    'abc123,2019-01,Kent Police,Kent Police,0.52,51.27,On or near High Street,E01024365,Maidstone 010C,Investigation complete; no suspect identified\n';
  return writeZip([
    { name: '2019-02/', data: '' },
    { name: '2019-02/2019-02-kent-street.csv', data: february },
    { name: '2019-01/', data: '' },
    { name: '2019-01/2019-01-kent-street.csv', data: january },
    { name: '2019-01/2019-01-kent-outcomes.csv', data: outcomes },
  ]);
}

/** The entries police.uk files are named by, in the order an import reads them (month order). */
export const DOWNLOAD_STREET_FILES = ['2019-01/2019-01-kent-street.csv', '2019-02/2019-02-kent-street.csv'];

/**
 * Sets the uncompressed size that the central directory gives for `entry` (the sizes an import
 * trusts to refuse a zip bomb before opening it), in place.
 */
export function setDirectorySize(zip: Buffer, entry: string, size: number): Buffer {
  const name = Buffer.from(entry, 'utf8');
  for (let p = zip.indexOf(CENTRAL); p >= 0; p = zip.indexOf(CENTRAL, p + 4)) {
    const n = zip.readUInt16LE(p + 28);
    if (n === name.length && zip.subarray(p + 46, p + 46 + n).equals(name)) {
      zip.writeUInt32LE(size, p + 24);
      return zip;
    }
  }
  throw new Error(`No entry ${entry} in the archive.`);
}
const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
