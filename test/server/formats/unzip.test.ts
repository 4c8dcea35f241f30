/**
 * The streaming ZIP reader (server/formats/unzip.ts) on archives our writer makes: entries listed
 * with their sizes, stored and deflated entries read back byte for byte, and damage (a cut file,
 * a flipped byte, an entry larger than its directory says) refused with why.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listZip, looksLikeZip, METHOD_DEFLATE, METHOD_STORED, openZipEntry, ZipError } from '../../../server/formats/unzip.js';
import { writeZip } from '../../../server/formats/zip.js';

const work = mkdtempSync(join(tmpdir(), 'csp-unzip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string, data: Buffer) => {
  const path = join(work, name);
  writeFileSync(path, data);
  return path;
};
const read = async (path: string, name: string) => {
  const entry = listZip(path).find((e) => e.name === name)!;
  const chunks: Buffer[] = [];
  for await (const c of openZipEntry(path, entry).stream) chunks.push(c);
  return Buffer.concat(chunks);
};

const long = 'Month,LSOA code,Crime type\n'.repeat(5000);

describe('listZip and openZipEntry', () => {
  it('lists the entries in order with their sizes and reads stored and deflated ones back', async () => {
    const path = file(
      'ok.zip',
      writeZip([
        { name: 'a/', data: '' },
        { name: 'a/tiny.txt', data: 'hi' },
        { name: 'a/long.csv', data: long },
      ]),
    );
    expect(looksLikeZip(path)).toBe(true);
    const entries = listZip(path);
    expect(entries.map((e) => [e.name, e.size, e.directory])).toEqual([
      ['a/', 0, true],
      ['a/tiny.txt', 2, false],
      ['a/long.csv', long.length, false],
    ]);
    expect(entries[1].method).toBe(METHOD_STORED);
    expect(entries[2].method).toBe(METHOD_DEFLATE);
    expect((await read(path, 'a/tiny.txt')).toString()).toBe('hi');
    expect((await read(path, 'a/long.csv')).toString()).toBe(long);
    expect(await read(path, 'a/')).toEqual(Buffer.alloc(0));
  });

  it('refuses a file that is not a ZIP or is cut short', () => {
    const notZip = file('not.zip', Buffer.from('Month,LSOA code\n2019-01,E01\n'));
    expect(looksLikeZip(notZip)).toBe(false);
    expect(() => listZip(notZip)).toThrow(/no end-of-central-directory record/);
    const whole = writeZip([{ name: 'long.csv', data: long }]);
    expect(() => listZip(file('cut.zip', whole.subarray(0, whole.length - 30)))).toThrow(ZipError);
  });

  it('fails a stored entry whose bytes were changed (CRC-32) and a deflated one that is larger than its directory says', async () => {
    const stored = writeZip([{ name: 'tiny.txt', data: 'hello' }]);
    stored[30 + 'tiny.txt'.length] ^= 0xff; // the first byte of the data
    await expect(read(file('flipped.zip', stored), 'tiny.txt')).rejects.toThrow(/'tiny\.txt' fails its CRC-32 check/);

    const deflated = writeZip([{ name: 'long.csv', data: long }]);
    const dir = deflated.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    deflated.writeUInt32LE(100, dir + 24); // the directory's uncompressed size
    await expect(read(file('liar.zip', deflated), 'long.csv')).rejects.toThrow(/'long\.csv' holds more than the 100 bytes its directory entry says/);
  });
});
