/**
 * Staged crime uploads: police.uk files sent from the officer pages, kept in the store until an
 * import reads them, so the server that imports a file need not be the one that received it.
 *
 * A file arrives on this server's disk first (never held in memory), as
 *   <data folder>/uploads/crime/<id>/.part
 * where it is checked (a police.uk header, or a ZIP archive that is sound and not a bomb); then its
 * bytes go into the store a megabyte at a time and the local copy is removed. An import writes the
 * files it takes back to the same local folder (named as the officer uploaded them, which the
 * imported month's `source_file` keeps), imports them, and removes them from disk and store.
 * Uploads not imported within STAGING_STALE_HOURS (default 24) are removed the next time anyone
 * uploads or imports. One upload may be at most UPLOAD_MAX_MB (default 512: 413 past it), and all
 * the staged files together at most STAGING_QUOTA_MB (default 2048: 507 past it), so uploads left
 * waiting cannot fill the disk.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { settings } from '../config.js';
import { DiskFull, HttpError, InsufficientStorage, isDiskFull } from '../errors.js';
import { localFolder, type Store } from '../store/open.js';
import {
  beginStagedUpload,
  completeStagedIds,
  completeStagedUpload,
  completeStagedUploads,
  deleteStagedBefore,
  deleteStagedUploads,
  insertStagedChunk,
  stagedChunk,
  stagedUploadBytes,
} from '../uploads/queries.js';
import { splitQuoted } from './csv-stream.js';
import { looksLikeZip } from '../formats/unzip.js';
import { archiveProblem, REQUIRED_COLUMNS } from './import.js';

/**
 * The largest single file accepted by default: 512 MB (UPLOAD_MAX_MB). A police.uk monthly force file is tens of MB (Kent
 * about 25 MB, the Met about 60 MB); a whole year of one force in one file a few hundred MB.
 */
export const MAX_CRIME_UPLOAD_BYTES = 512 * 1024 * 1024;
/** Staged files older than this by default (24 hours, STAGING_STALE_HOURS) are removed. */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** The largest single upload now (UPLOAD_MAX_MB). */
export const maxUploadBytes = (): number => settings().uploadMaxBytes;

/** Bytes being written by uploads in progress, per staging folder (they count towards the quota). */
const inFlight = new Map<string, number>();

const PART = '.part';
/** Bytes per stored chunk. */
const CHUNK_BYTES = 1024 * 1024;
const ID = /^[0-9a-f]{32}$/;
const MAX_NAME_LENGTH = 120;
/** Enough of the file to hold its header line. */
const HEADER_PROBE_BYTES = 64 * 1024;

/** A problem with an upload that the officer can fix; `status` is the HTTP status. */
export class UploadError extends HttpError {
  constructor(status: 400 | 404 | 409 | 413 | 422, message: string) {
    super(status, message);
  }
}

export interface StagedUpload {
  id: string;
  name: string;
  bytes: number;
}

export function stagingDir(store: Store): string {
  return join(localFolder(store), 'uploads', 'crime');
}

/** A file name safe to use on disk: no folders, no control characters, a sensible length. */
export function safeFileName(raw: string | undefined): string {
  let name = raw ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // not percent-encoded: use as sent
  }
  name = name.split(/[\\/]/).pop() ?? '';
  name = name
    .replace(/[^\p{L}\p{N} ._()+-]+/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (name.length > MAX_NAME_LENGTH) {
    const ext = /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0] ?? '';
    name = name.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return name;
}

/**
 * Writes `body` to a new staged file, counting bytes as they pass; refuses (and removes what was
 * written) once it is larger than `maxBytes`, or when its first line is not a police.uk header.
 * A ZIP archive (a police.uk custom download, named .zip or starting like one) is refused instead
 * when it is damaged, holds no street file, or would unpack to too much (crime/import.ts).
 */
export async function stageUpload(
  store: Store,
  body: AsyncIterable<Uint8Array>,
  rawName: string | undefined,
  { maxBytes = maxUploadBytes(), quotaBytes = settings().stagingQuotaBytes }: { maxBytes?: number; quotaBytes?: number } = {},
): Promise<StagedUpload> {
  const name = safeFileName(rawName);
  if (!name) throw new UploadError(400, "Send the file's name in the x-file-name header (for example 2019-01-kent-street.csv).");
  await removeStaleUploads(store);
  const root = stagingDir(store);
  const waiting = (await stagedBytes(store)) + (inFlight.get(root) ?? 0);
  if (waiting >= quotaBytes) throw new InsufficientStorage(quotaFull(waiting, quotaBytes));
  const id = randomBytes(16).toString('hex');
  const dir = join(stagingDir(store), id);
  mkdirSync(dir, { recursive: true });
  const part = join(dir, PART);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      inFlight.set(root, (inFlight.get(root) ?? 0) + chunk.length);
      if (bytes > maxBytes) done(new UploadError(413, tooLarge(name, maxBytes)));
      else if (waiting + bytes > quotaBytes) done(new InsufficientStorage(quotaFull(waiting + bytes, quotaBytes)));
      else done(null, chunk);
    },
  });
  let begun = false;
  try {
    try {
      await pipeline(body, counter, createWriteStream(part));
    } finally {
      // From here on the bytes count in the store (as this upload's row), not in flight.
      if (bytes > 0 && bytes <= maxBytes) {
        await beginStagedUpload(store.db, id, name, bytes);
        begun = true;
      }
      inFlight.set(root, (inFlight.get(root) ?? 0) - bytes);
    }
    if (bytes === 0) throw new UploadError(422, `${name} is empty: a police.uk file starts with a header line.`);
    const problem = /\.zip$/i.test(name) || looksLikeZip(part) ? archiveProblem(part, name) : headerProblem(part, name);
    if (problem) throw new UploadError(422, problem);
    let seq = 0;
    for await (const chunk of createReadStream(part, { highWaterMark: CHUNK_BYTES })) await insertStagedChunk(store.db, id, seq++, chunk as Buffer);
    await completeStagedUpload(store.db, id);
  } catch (e) {
    if (begun) await deleteStagedUploads(store.db, [id]);
    if (e instanceof HttpError) throw e;
    if (isDiskFull(e)) throw new DiskFull();
    throw new UploadError(400, `The upload of ${name} did not finish, so nothing was kept. Add the file again.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { id, name, bytes };
}

function quotaFull(bytes: number, quotaBytes: number): string {
  const mb = (n: number) => `${Math.ceil(n / 1024 / 1024).toLocaleString('en-GB')} MB`;
  return (
    `The upload area is full: files waiting to be imported would take ${mb(bytes)}, more than the ${mb(quotaBytes)} allowed, so nothing was kept. ` +
    `Import the files added already (unimported ones are removed after ${settings().stagingStaleMs / 3_600_000} hours), or ask your administrator to raise STAGING_QUOTA_MB.`
  );
}

/** The bytes of every staged file (complete or still being kept) now, in the store. */
export function stagedBytes(store: Store): Promise<number> {
  return stagedUploadBytes(store.db);
}

export function tooLarge(name: string, maxBytes: number): string {
  return `${name} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, the most one upload may be. Upload the monthly files one by one.`;
}

/** Why the first line of a staged file is not a police.uk street-level header, or null. */
function headerProblem(file: string, name: string): string | null {
  const fd = openSync(file, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(HEADER_PROBE_BYTES);
    const n = readSync(fd, buf, 0, buf.length, 0);
    text = buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
  const nl = text.indexOf('\n');
  const first = (nl < 0 ? text : text.slice(0, nl)).replace(/^\uFEFF/, '').replace(/\r$/, '');
  let header: string[];
  try {
    header = splitQuoted(first, 1).map((h) => h.trim());
  } catch {
    header = first.split(',');
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (!missing.length) return null;
  const shown = first.length > 160 ? `${first.slice(0, 160)}…` : first;
  return (
    `${name} is not a police.uk street-level crime file: its first line has no ${missing.map((m) => `'${m}'`).join(', ')} column${missing.length > 1 ? 's' : ''}` +
    ` (it starts: ${shown || 'an empty line'}). Download the "street" files from data.police.uk and add those.`
  );
}

/**
 * Writes the staged file of each id (in the order given) to this server's disk for an import to
 * read, named as it was uploaded; unknown ids → 404 naming them. `removeUploads` removes them again.
 */
export async function stagedFiles(store: Store, ids: string[]): Promise<StagedFile[]> {
  return writeStagedFiles(store, await stagedUploadsOf(store, ids));
}

export interface StagedFile extends StagedUpload {
  path: string;
}

/** The staged upload of each id, in the order given; unknown ids → 404 naming them. */
export async function stagedUploadsOf(store: Store, ids: string[]): Promise<StagedUpload[]> {
  const rows = new Map(
    (
      await completeStagedUploads(
        store.db,
        ids.filter((id) => ID.test(id)),
      )
    ).map((r) => [r.id, r]),
  );
  const unknown = ids.filter((id) => !rows.has(id));
  if (unknown.length) {
    throw new UploadError(
      404,
      `No uploaded file with the id${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}: ` +
        'it was imported already, or removed after 24 hours. Add the file again.',
    );
  }
  return ids.map((id) => {
    const { name, bytes } = rows.get(id)!;
    return { id, name, bytes };
  });
}

/** Writes staged uploads to this server's disk for an import to read, named as they were uploaded. */
export async function writeStagedFiles(store: Store, uploads: StagedUpload[]): Promise<StagedFile[]> {
  const files: StagedFile[] = [];
  for (const { id, name, bytes } of uploads) {
    const dir = join(stagingDir(store), id);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    const out = await openFile(path, 'w');
    try {
      for (let seq = 0; ; seq++) {
        const chunk = await stagedChunk(store.db, id, seq);
        if (!chunk) break;
        await out.write(chunk);
      }
    } catch (e) {
      if (isDiskFull(e)) throw new DiskFull();
      throw e;
    } finally {
      await out.close();
    }
    files.push({ id, name, path, bytes });
  }
  return files;
}

/** Removes uploads from the store and this server's disk. */
export async function removeUploads(store: Store, ids: string[]): Promise<void> {
  for (const id of ids) if (ID.test(id)) rmSync(join(stagingDir(store), id), { recursive: true, force: true });
  await deleteStagedUploads(store.db, ids);
}

/**
 * Removes staged uploads begun more than `maxAgeMs` ago, from the store and (left behind by a
 * server that stopped mid-way) from this server's disk; returns how many were removed from the store.
 */
export async function removeStaleUploads(store: Store, maxAgeMs = settings().stagingStaleMs, now = Date.now()): Promise<number> {
  const removed = await deleteStagedBefore(store.db, new Date(now - maxAgeMs).toISOString());
  const root = stagingDir(store);
  if (!existsSync(root)) return removed;
  for (const id of readdirSync(root)) {
    const dir = join(root, id);
    try {
      if (now - statSync(dir).mtimeMs > maxAgeMs) rmSync(dir, { recursive: true, force: true });
    } catch {
      // removed meanwhile
    }
  }
  return removed;
}

/** Ids of the uploads staged now, oldest first (for tests and housekeeping). */
export function stagedIds(store: Store): Promise<string[]> {
  return completeStagedIds(store.db);
}
