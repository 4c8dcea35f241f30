import { describe, expect, it } from 'vitest';
import { crc32, crc32Portable, readZip, writeZip } from '../../../server/formats/zip.js';

describe('crc32', () => {
  it('gives the standard check value', () => {
    // CRC-32/ISO-HDLC check value for "123456789" (also Python: zlib.crc32(b"123456789") == 0xCBF43926).
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('has a table-based fallback that agrees with it', () => {
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31 + 7) & 0xff));
    expect(crc32Portable(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32Portable(data)).toBe(crc32(data));
  });
});

describe('writeZip / readZip', () => {
  it('round-trips small, large (> 64 KB), binary and unicode-named entries', () => {
    const big = Buffer.from(Array.from({ length: 20000 }, (_, i) => `row ${i},${(i * 7919) % 1000}\n`).join(''));
    const random = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 2654435761) >>> 24));
    expect(big.length).toBeGreaterThan(64 * 1024);
    const entries = [
      { name: 'a.txt', data: 'hello' },
      { name: 'dir/big.csv', data: big },
      { name: 'dir/random.bin', data: random },
      { name: 'ünïcödé/£ – 😀.txt', data: 'Straße, naïve, 安全 😀' },
      { name: 'empty', data: Buffer.alloc(0) },
    ];
    const zip = writeZip(entries);
    const back = readZip(zip);
    expect([...back.keys()]).toEqual(entries.map((e) => e.name));
    expect(back.get('a.txt')!.toString()).toBe('hello');
    expect(back.get('dir/big.csv')!.equals(big)).toBe(true);
    expect(back.get('dir/random.bin')!.equals(random)).toBe(true);
    expect(back.get('ünïcödé/£ – 😀.txt')!.toString('utf8')).toBe('Straße, naïve, 安全 😀');
    expect(back.get('empty')!.length).toBe(0);
    // Compressible content really is deflated.
    expect(zip.length).toBeLessThan(big.length);
  });

  it('writes the same bytes for the same content (fixed timestamps)', () => {
    expect(writeZip([{ name: 'x', data: 'y' }]).equals(writeZip([{ name: 'x', data: 'y' }]))).toBe(true);
  });

  it('rejects duplicate and unsafe names', () => {
    expect(() =>
      writeZip([
        { name: 'a', data: '1' },
        { name: 'a', data: '2' },
      ]),
    ).toThrow(/Duplicate/);
    expect(() => writeZip([{ name: '/etc/passwd', data: '' }])).toThrow(/Bad ZIP entry/);
  });

  it('detects corruption and non-ZIP input', () => {
    const zip = writeZip([{ name: 'a.txt', data: 'hello hello hello hello hello' }]);
    const damaged = Buffer.from(zip);
    damaged[40] ^= 0xff; // inside the compressed data
    expect(() => readZip(damaged)).toThrow();
    expect(() => readZip(Buffer.from('not a zip file at all, just text'))).toThrow(/no end-of-central-directory/);
  });

  it('stores entries that deflate would not shrink', () => {
    const zip = writeZip([{ name: 'tiny', data: 'ab' }]);
    expect(zip.readUInt16LE(8)).toBe(0); // compression method 0: stored
    expect(readZip(zip).get('tiny')!.toString()).toBe('ab');
  });
});
