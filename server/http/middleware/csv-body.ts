/**
 * CSV request bodies: refused (415) unless sent as text/csv (or a ZIP where allowed) and (413) when
 * larger than the route allows, before or while they are read; a small one read as text.
 * zod-openapi validates only JSON and form bodies, so a text/csv body is left for these.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { PayloadTooLarge, UnsupportedMediaType } from '../../errors.js';

const CSV_TYPE = /^text\/csv\s*(;|$)/i;
const CSV_OR_ZIP_TYPE = /^(text\/csv|application\/zip|application\/x-zip-compressed)\s*(;|$)/i;

/** The OpenAPI request body of a CSV upload. */
export const csvBody = (description: string) => ({
  required: true,
  description,
  content: { 'text/csv': { schema: z.string().openapi({ format: 'binary', description }) } },
});

/** The text of a body read by csvText. */
export type CsvTextEnv = { Variables: { csvText: string } };

/**
 * Refuses (415) a body not sent as text/csv (or, with `zip`, a ZIP archive), and (413) one whose
 * Content-Length is above `max`, before reading it.
 */
export function csvUpTo(max: number | (() => number), tooBig: (c: Context) => string, { zip = false } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (!(zip ? CSV_OR_ZIP_TYPE : CSV_TYPE).test(c.req.header('content-type') ?? '')) {
      throw new UnsupportedMediaType(
        zip
          ? 'Send the file as the request body with the header Content-Type: text/csv (or application/zip for a police.uk download).'
          : 'Send the file as the request body with the header Content-Type: text/csv.',
      );
    }
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > (typeof max === 'number' ? max : max())) throw new PayloadTooLarge(tooBig(c));
    await next();
  };
}

/** The request body as a stream of bytes (empty when there is none). */
export function bodyStream(c: Context): AsyncIterable<Uint8Array> {
  const body = c.req.raw.body;
  return body ? Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>) : Readable.from([]);
}

/** Reads a small CSV body as text into `csvText`, refusing it (413) once past `max` bytes. */
export function csvText(max: number, tooBig: string): MiddlewareHandler<CsvTextEnv> {
  return async (c, next) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of bodyStream(c)) {
      size += chunk.length;
      if (size > max) throw new PayloadTooLarge(tooBig);
      chunks.push(Buffer.from(chunk));
    }
    c.set('csvText', Buffer.concat(chunks).toString('utf8'));
    await next();
  };
}
