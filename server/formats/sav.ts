/**
 * Tables out as an SPSS system file (.sav), uncompressed, little-endian, text in UTF-8, written from
 * the GNU PSPP developers' guide, chapter "System File Format"
 * (https://www.gnu.org/software/pspp/pspp-dev/html_node/System-File-Format.html). Records, in order:
 * file header; one variable record (type 2) per 8-byte slot, with the variable label; value labels
 * (types 3 and 4) for numeric variables; machine integer and floating-point info (7.3, 7.4); display
 * parameters (7.11: measure, width, alignment); long variable names (7.13); very long strings
 * (7.14, strings over 255 bytes kept as 255-byte segments); character encoding "UTF-8" (7.20); the
 * dictionary terminator (999); then the cases, 8 bytes per slot.
 *
 *   const sav = writeSav({ created, variables: [{ name: 'safe', label: 'How safe?', type: 'numeric',
 *     valueLabels: [[1, 'Very safe']] }], cases: [[1], [null]] }); // null: system-missing
 *
 * Numbers are IEEE doubles; null is SYSMIS (-DBL_MAX). Strings are as wide as their longest value
 * (at least 1 byte), padded with spaces; null is blank. The same input gives the same bytes.
 */

export interface SavVariable {
  /** A valid SPSS name (see spssNames): at most 64 bytes, unique ignoring case. */
  name: string;
  /** The variable label; cut to 255 bytes. */
  label?: string;
  type: 'numeric' | 'string';
  /** Numeric display format; F8.0 unless given. DATETIME takes seconds since 14 October 1582 (spssDateTime). */
  format?: { type: 'F' | 'DATETIME'; width: number; decimals: number };
  /** Value → label (numeric variables only); each label cut to 120 bytes, as SPSS accepts. */
  valueLabels?: [value: number, label: string][];
  measure: 'nominal' | 'ordinal' | 'scale';
}

export interface SavInput {
  variables: SavVariable[];
  /** One array per case, a value per variable: number | null for numeric, string | null for string. */
  cases: (number | string | null)[][];
  /** The file label (at most 64 bytes), e.g. a notice that the data are made up. */
  fileLabel?: string;
  /** Written in the header as the creation date and time (UTC). */
  created: Date;
}

const FORMAT_CODE = { A: 1, F: 5, DATETIME: 22 } as const;
const MEASURE = { nominal: 1, ordinal: 2, scale: 3 } as const;
const ALIGN_LEFT = 0;
const ALIGN_RIGHT = 1;
/** Longest string one variable record holds; wider ones are very long strings of segments. */
const MAX_SEGMENT = 255;
/** A very long string takes one segment per 252 bytes of its width (the guide's "Very Long String Record"). */
const SEGMENT_STEP = 252;
const MAX_STRING = 32767;
const MAX_VARIABLE_LABEL = 255;
const MAX_VALUE_LABEL = 120;
const FILE_LABEL_BYTES = 64;
/** SPSS reserved words, which cannot be variable names. */
const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Seconds from SPSS's epoch (the start of the Gregorian calendar, 14 October 1582) to 1970-01-01. */
const SPSS_EPOCH_OFFSET = 12_219_379_200;

/** A time as SPSS holds a DATETIME value: seconds since 14 October 1582 00:00 (UTC here). */
export function spssDateTime(date: Date): number {
  return date.getTime() / 1000 + SPSS_EPOCH_OFFSET;
}

/**
 * Valid, unique SPSS variable names for `names`, in order: characters other than ASCII letters,
 * digits, `_` and `.` become `_`; a name not starting with a letter gets `v` in front; a trailing
 * `.` becomes `_`; a reserved word gets `_` after it; at most 64 bytes; a name equal to an earlier one
 * ignoring case gets `_2`, `_3`, ….
 *
 * @example spssNames(['safe-home', '2nd', 'SAFE_home', 'by']) // ['safe_home', 'v2nd', 'SAFE_home_2', 'by_']
 */
export function spssNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    let s = raw.replace(/[^A-Za-z0-9_.]/g, '_');
    if (!/^[A-Za-z]/.test(s)) s = `v${s}`;
    s = s.slice(0, 64).replace(/\.$/, '_');
    if (RESERVED.has(s.toUpperCase())) s = `${s}_`;
    let name = s;
    for (let i = 2; taken.has(name.toUpperCase()); i++) name = `${s.slice(0, 64 - `_${i}`.length)}_${i}`;
    taken.add(name.toUpperCase());
    return name;
  });
}

/** The first `max` bytes of `text` in UTF-8, not splitting a character. */
export function utf8Prefix(text: string, max: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** One variable as laid out in the file: its segments (one unless a very long string), each with its short name and slots. */
interface Layout {
  v: SavVariable;
  /** 0 for numeric; the string's width in bytes otherwise. */
  width: number;
  segments: { shortName: string; width: number; slots: number }[];
}

const slotsOf = (width: number) => (width === 0 ? 1 : Math.ceil(width / 8));
const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;

/** The system file for `input`. */
export function writeSav(input: SavInput): Buffer {
  const layouts = layOut(input);
  const out = new Writer();
  const slots = layouts.reduce((n, l) => n + l.segments.reduce((m, s) => m + s.slots, 0), 0);

  // File header.
  out.text('$FL2', 4);
  out.text('@(#) SPSS DATA FILE safer-communities-survey', 60);
  out.int32(2); // layout code
  out.int32(slots); // nominal case size
  out.int32(0); // not compressed
  out.int32(0); // no weight variable
  out.int32(input.cases.length);
  out.float64(100); // compression bias
  const d = input.created;
  const two = (n: number) => String(n).padStart(2, '0');
  out.text(`${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCFullYear() % 100)}`, 9);
  out.text(`${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`, 8);
  out.bytes(utf8Prefix(input.fileLabel ?? '', FILE_LABEL_BYTES), FILE_LABEL_BYTES, 0x20);
  out.zeros(3);

  // Variable records: the first segment carries the label; continuation slots are type -1.
  const dictIndex = new Map<Layout, number>();
  let index = 1;
  for (const l of layouts) {
    dictIndex.set(l, index);
    l.segments.forEach((seg, i) => {
      const label = i === 0 && l.v.label ? utf8Prefix(l.v.label, MAX_VARIABLE_LABEL) : null;
      const format = l.width === 0 ? numericFormat(l.v) : (FORMAT_CODE.A << 16) | (seg.width << 8);
      out.int32(2);
      out.int32(seg.width);
      out.int32(label ? 1 : 0);
      out.int32(0); // no missing values
      out.int32(format);
      out.int32(format);
      out.text(seg.shortName, 8);
      if (label) {
        out.int32(label.length);
        out.bytes(label, roundUp(label.length, 4));
      }
      for (let k = 1; k < seg.slots; k++) {
        out.int32(2);
        out.int32(-1);
        out.int32(0);
        out.int32(0);
        out.int32(0);
        out.int32(0);
        out.text('', 8);
      }
      index += seg.slots;
    });
  }

  // Value labels: a type 3 record with the labels, then a type 4 record naming its variable.
  for (const l of layouts) {
    const labels = l.v.valueLabels ?? [];
    if (labels.length === 0) continue;
    if (l.width !== 0) throw new Error(`Variable '${l.v.name}' is a string: value labels are written for numeric variables only.`);
    out.int32(3);
    out.int32(labels.length);
    for (const [value, text] of labels) {
      out.float64(value);
      const bytes = utf8Prefix(text, MAX_VALUE_LABEL);
      out.uint8(bytes.length);
      out.bytes(bytes, roundUp(bytes.length + 1, 8) - 1);
    }
    out.int32(4);
    out.int32(1);
    out.int32(dictIndex.get(l)!);
  }

  // Machine integer info: version 1.0.0, IEEE 754, little-endian, code page 65001 (UTF-8).
  extension(out, 3, 4, [1, 0, 0, -1, 1, 1, 2, 65001], (w, n) => w.int32(n));
  // Machine floating-point info: SYSMIS, HIGHEST, LOWEST.
  extension(out, 4, 8, [-Number.MAX_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE], (w, n, i) =>
    i === 2 ? w.bytes(Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef, 0xff]), 8) : w.float64(n),
  );
  // Display parameters: measure, width, alignment for every variable record that is not a continuation.
  const display: number[] = [];
  for (const l of layouts) {
    for (const seg of l.segments) {
      const width = l.width === 0 ? (l.v.format?.width ?? 8) : Math.min(Math.max(seg.width, 8), 40);
      display.push(MEASURE[l.v.measure], width, l.width === 0 ? ALIGN_RIGHT : ALIGN_LEFT);
    }
  }
  extension(out, 11, 4, display, (w, n) => w.int32(n));
  // Long variable names: SHORT=Long pairs separated by tabs.
  extensionText(out, 13, Buffer.from(layouts.map((l) => `${l.segments[0].shortName}=${l.v.name}`).join('\t'), 'utf8'));
  // Very long strings: SHORT=00300 then NUL and tab for each.
  const veryLong = layouts.filter((l) => l.width > MAX_SEGMENT);
  if (veryLong.length) {
    extensionText(out, 14, Buffer.from(veryLong.map((l) => `${l.segments[0].shortName}=${String(l.width).padStart(5, '0')}\0\t`).join(''), 'latin1'));
  }
  extensionText(out, 20, Buffer.from('UTF-8', 'latin1'));
  out.int32(999);
  out.int32(0);

  // The cases.
  for (const [row, values] of input.cases.entries()) {
    if (values.length !== layouts.length) throw new Error(`Case ${row + 1} has ${values.length} values for ${layouts.length} variables.`);
    layouts.forEach((l, i) => {
      const value = values[i];
      if (l.width === 0) {
        if (value !== null && typeof value !== 'number') throw new Error(`Case ${row + 1}: '${l.v.name}' is numeric, not ${JSON.stringify(value)}.`);
        out.float64(value === null || !Number.isFinite(value) ? -Number.MAX_VALUE : value);
        return;
      }
      const bytes = Buffer.from(value === null ? '' : String(value), 'utf8');
      // Each segment holds the next 255 bytes, padded with spaces to its slots.
      l.segments.forEach((seg, k) => {
        out.bytes(bytes.subarray(k * MAX_SEGMENT, (k + 1) * MAX_SEGMENT), seg.slots * 8, 0x20);
      });
    });
  }
  return out.done();
}

function numericFormat(v: SavVariable): number {
  const f = v.format ?? { type: 'F', width: 8, decimals: 0 };
  return (FORMAT_CODE[f.type] << 16) | (f.width << 8) | f.decimals;
}

/** Widths, segments and unique 8-byte upper-case short names (the long names go in record 7.13). */
function layOut({ variables, cases }: SavInput): Layout[] {
  const seen = new Set<string>();
  const taken = new Set<string>();
  const shortName = (base: string) => {
    const stem = base.toUpperCase().slice(0, 8).replace(/\.$/, '_');
    let name = stem;
    for (let i = 1; taken.has(name); i++) name = `${stem.slice(0, 8 - `_${i}`.length).replace(/\.$/, '_')}_${i}`;
    taken.add(name);
    return name;
  };
  return variables.map((v, i) => {
    if (!/^[A-Za-z][A-Za-z0-9_.]{0,63}$/.test(v.name) || v.name.endsWith('.') || RESERVED.has(v.name.toUpperCase()))
      throw new Error(`'${v.name}' is not a valid SPSS variable name (see spssNames).`);
    if (seen.has(v.name.toUpperCase())) throw new Error(`The variable name '${v.name}' is used twice.`);
    seen.add(v.name.toUpperCase());
    if (v.type === 'numeric') return { v, width: 0, segments: [{ shortName: shortName(v.name), width: 0, slots: 1 }] };
    let width = 1;
    for (const c of cases) {
      const value = c[i];
      if (value !== null && value !== undefined) width = Math.max(width, Buffer.byteLength(String(value), 'utf8'));
    }
    if (width > MAX_STRING) throw new Error(`'${v.name}' holds a text of ${width} bytes; SPSS strings hold at most ${MAX_STRING}.`);
    if (width <= MAX_SEGMENT) return { v, width, segments: [{ shortName: shortName(v.name), width, slots: slotsOf(width) }] };
    const n = Math.ceil(width / SEGMENT_STEP);
    const segments = Array.from({ length: n }, (_, k) => {
      const w = k < n - 1 ? MAX_SEGMENT : width - (n - 1) * SEGMENT_STEP;
      return { shortName: shortName(k === 0 ? v.name : `${v.name.slice(0, 5)}${k}`), width: w, slots: slotsOf(w) };
    });
    return { v, width, segments };
  });
}

/** A record 7 of `subtype`: element size, count, then the elements. */
function extension<T>(out: Writer, subtype: number, size: number, items: T[], write: (w: Writer, item: T, i: number) => void): void {
  out.int32(7);
  out.int32(subtype);
  out.int32(size);
  out.int32(items.length);
  items.forEach((item, i) => {
    write(out, item, i);
  });
}

function extensionText(out: Writer, subtype: number, bytes: Buffer): void {
  out.int32(7);
  out.int32(subtype);
  out.int32(1);
  out.int32(bytes.length);
  out.bytes(bytes, bytes.length);
}

/** Little-endian bytes into growing chunks. */
class Writer {
  private chunks: Buffer[] = [];
  private buf = Buffer.alloc(1 << 16);
  private at = 0;

  private room(n: number) {
    if (this.at + n <= this.buf.length) return;
    this.chunks.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.alloc(Math.max(1 << 16, n));
    this.at = 0;
  }
  int32(n: number) {
    this.room(4);
    this.buf.writeInt32LE(n, this.at);
    this.at += 4;
  }
  uint8(n: number) {
    this.room(1);
    this.buf[this.at++] = n;
  }
  float64(n: number) {
    this.room(8);
    this.buf.writeDoubleLE(n, this.at);
    this.at += 8;
  }
  /** `bytes` then `pad` up to `length` bytes (cut if longer). */
  bytes(bytes: Uint8Array, length: number, pad = 0) {
    this.room(length);
    const n = Math.min(bytes.length, length);
    this.buf.set(bytes.subarray(0, n), this.at);
    this.buf.fill(pad, this.at + n, this.at + length);
    this.at += length;
  }
  /** ASCII text padded with spaces to `length`. */
  text(s: string, length: number) {
    this.bytes(Buffer.from(s, 'latin1'), length, 0x20);
  }
  zeros(n: number) {
    this.bytes(new Uint8Array(0), n, 0);
  }
  done(): Buffer {
    this.chunks.push(this.buf.subarray(0, this.at));
    return Buffer.concat(this.chunks);
  }
}
