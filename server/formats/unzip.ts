/**
 * Reads a ZIP archive on disk entry by entry without holding it in memory (PKWARE APPNOTE 6.3.x):
 * the central directory is read from the end of the file, then each entry is streamed from its
 * offset through node:zlib's raw inflate. Stored and deflated entries, ZIP64 sizes and offsets,
 * UTF-8 or CP437 names; no encryption, no multi-disk archives. An entry that inflates to more bytes
 * than its directory entry says (a zip bomb lying about its sizes), or fails its CRC-32, errors
 * its stream. police.uk custom downloads are ordinary deflated ZIPs of monthly folders.
 *
 *   for (const e of listZip('download.zip')) for await (const chunk of openZipEntry('download.zip', e).stream) …
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { pipeline, Readable, Transform } from 'node:stream';
import * as zlib from 'node:zlib';

/** A ZIP archive that cannot be read, with why. */
export class ZipError extends Error {
  override name = 'ZipError';
}

export interface ZipArchiveEntry {
  name: string;
  /** uncompressed size, as the directory says */
  size: number;
  compressedSize: number;
  method: number;
  crc: number;
  localOffset: number;
  directory: boolean;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const ZIP64_EXTRA = 0x0001;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const FLAG_ENCRYPTED = 1;
const FLAG_UTF8_NAMES = 1 << 11;
export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;
/** A central directory larger than this (about 700,000 entries) is not an archive of monthly files. */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

/** True when the file starts like a ZIP archive ("PK\3\4", or "PK\5\6" for an empty one). */
export function looksLikeZip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(4);
    const n = readSync(fd, b, 0, 4, 0);
    return n === 4 && (b.readUInt32LE(0) === LOCAL_HEADER || b.readUInt32LE(0) === END_OF_CENTRAL_DIRECTORY);
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  const n = readSync(fd, b, 0, length, position);
  if (n !== length) throw new ZipError('the file ends early (is it complete?)');
  return b;
}

/** The entries of the archive at `path`, in the central directory's order. Throws ZipError. */
export function listZip(path: string): ZipArchiveEntry[] {
  const fd = openSync(path, 'r');
  try {
    const fileSize = fstatSync(fd).size;
    if (fileSize < EOCD_SIZE) throw new ZipError('it is too short to be a ZIP archive');
    const tailLength = Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
    const tail = readAt(fd, fileSize - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('it has no end-of-central-directory record (it is not a ZIP archive, or it is cut short)');
    if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0) throw new ZipError('it is one part of a multi-part archive');
    let count = tail.readUInt16LE(eocd + 10);
    let directorySize = tail.readUInt32LE(eocd + 12);
    let directoryOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      const at = fileSize - tailLength + eocd - 20;
      const locator = at >= 0 ? readAt(fd, at, 20) : null;
      if (locator && locator.readUInt32LE(0) === ZIP64_LOCATOR) {
        const end = readAt(fd, Number(locator.readBigUInt64LE(8)), 56);
        if (end.readUInt32LE(0) !== ZIP64_END) throw new ZipError('its ZIP64 end record is damaged');
        count = Number(end.readBigUInt64LE(32));
        directorySize = Number(end.readBigUInt64LE(40));
        directoryOffset = Number(end.readBigUInt64LE(48));
      }
    }
    if (directorySize > MAX_DIRECTORY_BYTES) throw new ZipError(`its directory is ${directorySize} bytes, too large for an archive of monthly files`);
    if (directoryOffset + directorySize > fileSize) throw new ZipError('its directory points past the end of the file (is it complete?)');
    const dir = readAt(fd, directoryOffset, directorySize);
    const entries: ZipArchiveEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL_HEADER) throw new ZipError(`directory entry ${i + 1} is damaged`);
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      const crc = dir.readUInt32LE(p + 16);
      let compressedSize = dir.readUInt32LE(p + 20);
      let size = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      let localOffset = dir.readUInt32LE(p + 42);
      const name = dir.subarray(p + 46, p + 46 + nameLength).toString(flags & FLAG_UTF8_NAMES ? 'utf8' : 'latin1');
      // ZIP64 extended information: the 64-bit values of the fields set to 0xFFFFFFFF, in this order.
      let x = p + 46 + nameLength;
      const extraEnd = x + extraLength;
      while (x + 4 <= extraEnd) {
        const id = dir.readUInt16LE(x);
        const length = dir.readUInt16LE(x + 2);
        if (id === ZIP64_EXTRA) {
          let q = x + 4;
          const next = () => {
            if (q + 8 > x + 4 + length) throw new ZipError(`the ZIP64 sizes of '${name}' are damaged`);
            const v = Number(dir.readBigUInt64LE(q));
            q += 8;
            return v;
          };
          if (size === 0xffffffff) size = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localOffset === 0xffffffff) localOffset = next();
        }
        x += 4 + length;
      }
      p = extraEnd + commentLength;
      if (flags & FLAG_ENCRYPTED) throw new ZipError(`'${name}' is encrypted`);
      if (localOffset + 30 + compressedSize > fileSize) throw new ZipError(`'${name}' runs past the end of the file (is it complete?)`);
      entries.push({ name, size, compressedSize, method, crc, localOffset, directory: name.endsWith('/') });
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

/**
 * The uncompressed bytes of `entry` as a stream, and how many compressed bytes have been read so
 * far (for progress). The stream errors with ZipError when the entry is damaged, is larger than
 * its directory entry says, or fails its CRC-32 check.
 */
export function openZipEntry(path: string, entry: ZipArchiveEntry): { stream: AsyncIterable<Buffer>; compressedRead: () => number } {
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    throw new ZipError(`'${entry.name}' uses compression method ${entry.method}; only stored and deflated entries can be read`);
  }
  const fd = openSync(path, 'r');
  let start: number;
  try {
    const local = readAt(fd, entry.localOffset, 30);
    if (local.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipError(`the local header of '${entry.name}' is missing`);
    start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    closeSync(fd);
  }
  const raw = entry.compressedSize > 0 ? createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 20 }) : Readable.from([]);
  let out = 0;
  let crc = 0;
  // node:zlib's running CRC-32 (Node ≥ 20.15); without it only the sizes are checked.
  const native = (zlib as unknown as { crc32?: (d: Buffer, v?: number) => number }).crc32;
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      out += chunk.length;
      if (out > entry.size) {
        done(new ZipError(`'${entry.name}' holds more than the ${entry.size} bytes its directory entry says (a damaged or malicious archive)`));
        return;
      }
      if (native) crc = native(chunk, crc) >>> 0;
      done(null, chunk);
    },
    flush(done) {
      if (out !== entry.size) done(new ZipError(`'${entry.name}' has ${out} bytes, its directory entry says ${entry.size}`));
      else if (native && entry.size > 0 && crc !== entry.crc) done(new ZipError(`'${entry.name}' fails its CRC-32 check (the archive is damaged)`));
      else done();
    },
  });
  // pipeline() destroys every stream with the first error, so reading `stream` rejects with it.
  const noop = () => {};
  const piped: Readable =
    entry.method === METHOD_DEFLATE && entry.compressedSize > 0 ? pipeline(raw, zlib.createInflateRaw(), check, noop) : pipeline(raw, check, noop);
  async function* chunks(): AsyncIterable<Buffer> {
    try {
      for await (const c of piped) yield c as Buffer;
    } catch (e) {
      if (e instanceof ZipError) throw e;
      // zlib's own errors (bad deflate data) and read errors
      throw new ZipError(`'${entry.name}' cannot be read (${(e as Error).message}): the archive is damaged`);
    } finally {
      piped.destroy();
    }
  }
  return { stream: chunks(), compressedRead: () => ('bytesRead' in raw ? (raw.bytesRead as number) : 0) };
}
