/**
 * Where to get help, exactly as the questionnaire itself shows it at its end (`completedHtml`):
 * the items of its list, as plain text ("Childline: 0800 1111"), and the sentences after the
 * list. Nothing is added: a questionnaire without such a list gives no contacts.
 */
import { localisedString } from '../surveys/wording.js';

export interface SupportContact {
  /** The item as plain text, e.g. "Childline: 0800 1111". */
  text: string;
  /** The same text in runs, with the questionnaire's own bold (its <strong>/<b>) kept. */
  parts: { text: string; strong: boolean }[];
}

export interface SupportInfo {
  contacts: SupportContact[];
  /** Sentences after the list, e.g. "You can also talk to a teacher or another adult you trust." */
  after: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Tags removed, entities decoded, whitespace collapsed. */
function plainText(html: string): string {
  return decode(html).replace(/\s+/g, ' ').trim();
}

function decode(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1].toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : '';
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** An item's HTML as runs of plain text, bold where the questionnaire wrote <strong> or <b>. */
function runs(html: string): SupportContact['parts'] {
  const parts: SupportContact['parts'] = [];
  let strong = false;
  for (const piece of html.split(/(<\/?(?:strong|b)\b[^>]*>)/i)) {
    const tag = /^<(\/?)(?:strong|b)\b/i.exec(piece);
    if (tag) {
      strong = tag[1] !== '/';
      continue;
    }
    const text = decode(piece).replace(/\s+/g, ' ');
    if (!text) continue;
    const last = parts.at(-1);
    if (last && last.strong === strong) last.text += text;
    else parts.push({ text, strong });
  }
  if (parts.length) {
    parts[0].text = parts[0].text.trimStart();
    parts[parts.length - 1].text = parts[parts.length - 1].text.trimEnd();
  }
  return parts.filter((p) => p.text);
}

/** The support contacts a questionnaire shows when it is finished. */
export function supportContacts(definition: Record<string, unknown>): SupportInfo {
  const html = localisedString(definition.completedHtml);
  if (!html) return { contacts: [], after: [] };
  const list = /<ul[^>]*>([\s\S]*?)<\/ul>/i.exec(html);
  if (!list) return { contacts: [], after: [] };
  const contacts = [...list[1].matchAll(/<li[^>]*>([\s\S]*?)<\/li>/gi)].map((m) => ({ text: plainText(m[1]), parts: runs(m[1]) })).filter((c) => c.text);
  const rest = html.slice(list.index + list[0].length);
  const after = [...rest.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/gi)].map((m) => plainText(m[1])).filter(Boolean);
  return { contacts, after };
}
