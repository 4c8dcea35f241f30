/**
 * Reads a CSV file record by record without holding it in memory: a hand-rolled line splitter
 * (several times faster than a general CSV parser on police.uk files, which almost never quote).
 * Handles RFC 4180 quoting: fields in double quotes, "" for a quote, commas and line breaks
 * inside quotes; CRLF or LF line ends; a UTF-8 byte-order mark; blank lines are skipped.
 * (A line break inside quotes is read as LF even if the file wrote CRLF.)
 *
 * Example:
 *   await streamCsvRecords('f.csv', (fields, line) => console.log(line, fields));
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
}

/** 1 MiB reads: few enough callbacks to be fast, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 20;
const QUOTE = '"';

/** CSV bytes from elsewhere than a file (e.g. a ZIP entry), with how many bytes have been read for progress. */
export interface CsvSource {
  chunks: AsyncIterable<Buffer>;
  bytesRead: () => number;
}

/**
 * Calls `onRecord` with the fields of every record (the header included, as line 1) and `onChunk`
 * with the bytes read so far after each chunk. `onRecord` may throw to stop reading.
 * `source` is a file's path, or a CsvSource.
 */
export async function streamCsvRecords(
  source: string | CsvSource,
  onRecord: (fields: string[], line: number) => void,
  onChunk?: (bytesRead: number) => void,
): Promise<void> {
  const file = typeof source === 'string' ? createReadStream(source, { highWaterMark: CHUNK_BYTES }) : null;
  const chunks: AsyncIterable<Buffer> = file ?? (source as CsvSource).chunks;
  const bytesRead = file ? () => file.bytesRead : (source as CsvSource).bytesRead;
  const decoder = new StringDecoder('utf8'); // decodes multi-byte characters split across chunks correctly
  let carry = '';
  let line = 0;
  let pending: string | null = null; // a record whose quoted field runs over a line break
  let pendingQuotes = 0;
  let pendingLine = 0;
  let first = true;

  const handle = (raw: string) => {
    line++;
    let text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw; // CR of CRLF
    let at = line;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (pending !== null) {
      pending += `\n${text}`;
      pendingQuotes += countQuotes(text);
      if (pendingQuotes % 2 === 1) return;
      text = pending;
      at = pendingLine;
      pending = null;
    } else if (text.includes(QUOTE)) {
      const quotes = countQuotes(text);
      if (quotes % 2 === 1) {
        pending = text;
        pendingQuotes = quotes;
        pendingLine = line;
        return;
      }
    } else {
      if (text === '') return;
      onRecord(text.split(','), at);
      return;
    }
    onRecord(splitQuoted(text, at), at);
  };

  try {
    for await (const bytes of chunks) {
      const text = carry + decoder.write(bytes);
      let start = 0;
      let nl: number;
      while ((nl = text.indexOf('\n', start)) !== -1) {
        handle(text.slice(start, nl));
        start = nl + 1;
      }
      carry = text.slice(start);
      onChunk?.(bytesRead());
    }
    carry += decoder.end();
    if (carry) handle(carry);
  } finally {
    file?.destroy();
  }
  if (pending !== null) throw new CsvSyntaxError(`line ${pendingLine}: a quoted field is never closed.`);
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf(QUOTE); i !== -1; i = s.indexOf(QUOTE, i + 1)) n++;
  return n;
}

/** Splits one record that contains quotes. */
export function splitQuoted(text: string, line = 0): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === QUOTE) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf(QUOTE, j);
        if (q === -1) throw new CsvSyntaxError(`line ${line}: a quoted field is never closed.`);
        value += text.slice(j, q);
        if (text[q + 1] === QUOTE) {
          value += QUOTE;
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      fields.push(value);
      if (j >= text.length) return fields;
      if (text[j] !== ',') throw new CsvSyntaxError(`line ${line}: unexpected text after a closing quote.`);
      i = j + 1;
    } else {
      const comma = text.indexOf(',', i);
      if (comma === -1) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}
