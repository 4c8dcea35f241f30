/** Text made safe for XML 1.0 and for Excel's reading of SpreadsheetML strings. */

/** Code points XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF): removed. */
const INVALID_XML_CHARS = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

/** Escapes markup characters (quotes too, so the same function serves attribute values). */
export function escapeXml(text: string): string {
  return stripInvalidXml(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * Excel decodes `_xHHHH_` in cell text as the character U+HHHH (ECMA-376 ST_Xstring), so a
 * literal `_x0041_` typed by a resident would come back as `A`. Escaping its underscore as
 * `_x005F_` keeps the text as written.
 */
export function escapeXstring(text: string): string {
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
}

export function unescapeXstring(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#x[0-9A-Fa-f]+|#[0-9]+);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!;
  });
}
