/**
 * The smallest ZIP writer and reader an XLSX file needs (PKWARE APPNOTE 6.3.x, no ZIP64, no
 * encryption): entries DEFLATEd with node:zlib, names in UTF-8 (general-purpose flag bit 11).
 * The reader handles what the writer makes (stored or deflated entries) and exists for tests.
 *
 *   const zip = writeZip([{ name: 'a.txt', data: 'hello' }]);
 *   readZip(zip).get('a.txt')!.toString(); // 'hello'
 */
import * as zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer | string;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const FLAG_UTF8_NAMES = 1 << 11;
/** "Version needed to extract" 2.0: deflate. */
const VERSION_NEEDED = 20;
/** Fixed 1980-01-01 00:00 DOS timestamp, so the same workbook gives the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Without ZIP64, sizes, offsets and the entry count must fit these fields. */
const MAX_UINT32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

let crcTable: Uint32Array | undefined;
/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320); node:zlib's when it has one (Node ≥ 20.15). */
export function crc32(data: Buffer): number {
  const native = (zlib as unknown as { crc32?: (d: Buffer) => number }).crc32;
  return typeof native === 'function' ? native(data) >>> 0 : crc32Portable(data);
}

/** The same CRC-32 from a lookup table, for Node versions without zlib.crc32. */
export function crc32Portable(data: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function writeZip(entries: ZipEntry[]): Buffer {
  if (entries.length > MAX_ENTRIES) throw new Error(`A ZIP without ZIP64 holds at most ${MAX_ENTRIES} files, not ${entries.length}.`);
  const seen = new Set<string>();
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (!entry.name || entry.name.startsWith('/') || entry.name.includes('\\')) throw new Error(`Bad ZIP entry name '${entry.name}'.`);
    if (seen.has(entry.name)) throw new Error(`Duplicate ZIP entry '${entry.name}'.`);
    seen.add(entry.name);
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const deflated = zlib.deflateRawSync(raw);
    // Store instead when deflate would not help (tiny or already-compressed data).
    const method = deflated.length < raw.length ? METHOD_DEFLATE : METHOD_STORED;
    const body = method === METHOD_DEFLATE ? deflated : raw;
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(raw);
    if (raw.length > MAX_UINT32 || offset > MAX_UINT32) throw new Error('This ZIP writer does not do ZIP64: the content is over 4 GB.');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(FLAG_UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    parts.push(local, name, body);

    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(CENTRAL_HEADER, 0);
    dir.writeUInt16LE(VERSION_NEEDED, 4); // version made by (MS-DOS host, 2.0)
    dir.writeUInt16LE(VERSION_NEEDED, 6);
    dir.writeUInt16LE(FLAG_UTF8_NAMES, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt16LE(DOS_TIME, 12);
    dir.writeUInt16LE(DOS_DATE, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(raw.length, 24);
    dir.writeUInt16LE(name.length, 28);
    // extra, comment length, disk number, internal and external attributes: all 0
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = central.reduce((s, b) => s + b.length, 0);
  if (offset + centralSize > MAX_UINT32) throw new Error('This ZIP writer does not do ZIP64: the content is over 4 GB.');
  const end = Buffer.alloc(EOCD_SIZE);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/** Entries by name, in the central directory's order. Throws on anything it cannot read. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const notZip = (why: string) => new Error(`Not a readable ZIP file: ${why}.`);
  let eocd = -1;
  // The end record sits in the last 22 bytes plus an optional comment of up to 64 KB.
  for (let i = zip.length - EOCD_SIZE; i >= Math.max(0, zip.length - EOCD_SIZE - MAX_COMMENT); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip('no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL_HEADER) throw notZip(`central directory entry ${i} is damaged`);
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString(flags & FLAG_UTF8_NAMES ? 'utf8' : 'latin1');
    p += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(localOffset) !== LOCAL_HEADER) throw notZip(`the local header of '${name}' is missing`);
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(start, start + compressedSize);
    let data: Buffer;
    if (method === METHOD_STORED) data = Buffer.from(body);
    else if (method === METHOD_DEFLATE) data = zlib.inflateRawSync(body);
    else throw notZip(`'${name}' uses compression method ${method}`);
    if (data.length !== size) throw notZip(`'${name}' has ${data.length} bytes, the directory says ${size}`);
    if (crc32(data) !== crc) throw notZip(`'${name}' fails its CRC-32 check`);
    out.set(name, data);
  }
  return out;
}
