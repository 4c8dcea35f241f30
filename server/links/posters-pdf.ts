/**
 * Every poster of a wave as one A4 PDF (GET …/waves/{wave}/posters.pdf), one school or channel
 * link a page, to print in one go. Each page says what the HTML poster says (poster.ts: title,
 * for whom, what it is about, the QR code and the address written out, when it closes, that it
 * is anonymous, how long it takes, and for youth surveys where to get help), in the PDF's
 * standard fonts (no font files), the QR code drawn as squares so it stays sharp when printed.
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import { closingText, firstSentence, minutesText, questionCount } from './poster.js';
import { QR_OPTIONS } from './qr.js';
import type { OfficerLinkContext } from './schemas.js';
import { supportContacts } from './support.js';

/** A4 in points (1/72 inch). */
export const A4_POINTS: [number, number] = [595.28, 841.89];
const MM = 72 / 25.4;
const MARGIN = 18 * MM;
const BLACK = rgb(0, 0, 0);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

/** Text the standard fonts can draw (WinAnsi): other characters become '?', so a label never breaks the file. */
function drawable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  return [...text.replace(/\s+/g, ' ')].map((ch) => (known.has(ch.codePointAt(0)!) ? ch : '?')).join('');
}

/** Lines of at most `width` points, broken at spaces (a word longer than the line is broken anywhere). */
function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of drawable(font, text).split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (font.widthOfTextAtSize(line, size) > width) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Writes wrapped text from the top `y` down; returns the y below it. */
function paragraph(page: PDFPage, font: PDFFont, size: number, text: string, y: number, x = MARGIN, width = A4_POINTS[0] - 2 * MARGIN): number {
  let at = y;
  for (const line of wrap(font, size, text, width)) {
    at -= size * 1.2;
    page.drawText(line, { x, y: at, size, font, color: BLACK });
  }
  return at - size * 0.4;
}

function drawQr(page: PDFPage, text: string, x: number, top: number, side: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
  const n = qr.modules.size;
  const quiet = QR_OPTIONS.margin;
  const cell = side / (n + 2 * quiet);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) page.drawRectangle({ x: x + (c + quiet) * cell, y: top - (r + quiet + 1) * cell, width: cell, height: cell, color: BLACK });
    }
  }
}

function drawPoster(doc: PDFDocument, fonts: Fonts, ctx: OfficerLinkContext, now: Date) {
  const page = doc.addPage(A4_POINTS);
  const { link, survey, view } = ctx;
  const width = A4_POINTS[0] - 2 * MARGIN;
  let y = A4_POINTS[1] - MARGIN;
  y = paragraph(page, fonts.bold, survey.title.length > 45 ? 24 : 30, survey.title, y);
  const forWhom = link.kind === 'school' ? `for pupils of ${link.label}` : `Taking part through: ${link.label}`;
  y = paragraph(page, fonts.bold, forWhom.length > 55 ? 15 : 19, forWhom, y);
  const about = firstSentence(survey.definition);
  if (about) y = paragraph(page, fonts.regular, 12, about, y);

  // The scan box: the QR code (80 mm) beside the lead, the address below.
  y -= 4 * MM;
  const side = 80 * MM;
  const boxTop = y;
  drawQr(page, view.url, MARGIN + 4 * MM, boxTop - 4 * MM, side);
  const leadX = MARGIN + side + 10 * MM;
  paragraph(page, fonts.bold, 19, 'Scan the code with a phone camera to open the survey', boxTop - side / 2 + 30, leadX, width - side - 14 * MM);
  y = boxTop - side - 8 * MM;
  y = paragraph(page, fonts.regular, 12, 'or type this address into a web browser:', y, MARGIN + 4 * MM, width - 8 * MM);
  y = paragraph(page, fonts.mono, view.url.length > 48 ? 12 : 15, view.url, y, MARGIN + 4 * MM, width - 8 * MM);
  page.drawRectangle({ x: MARGIN, y: y - 2 * MM, width, height: boxTop - y + 2 * MM, borderColor: BLACK, borderWidth: 3 });
  y -= 8 * MM;

  const questions = questionCount(survey.definition);
  for (const [bold, rest] of [
    [closingText(ctx, now), ''],
    ['Anonymous:', 'it does not ask for your name or record who you are. Please do not write your name in it.'],
    [`It takes ${minutesText(questions)}`, `(${questions} questions).`],
  ]) {
    page.drawRectangle({ x: MARGIN, y: y - 14 * 1.2 - 2, width: 2 * MM, height: 14 * 1.2, color: BLACK });
    y = paragraph(page, fonts.bold, 14, rest ? `${bold} ${rest}` : bold, y, MARGIN + 5 * MM, width - 5 * MM);
  }

  const help = survey.audience === 'youth' ? supportContacts(survey.definition) : { contacts: [], after: [] };
  if (help.contacts.length) {
    y -= 3 * MM;
    y = paragraph(page, fonts.bold, 13, 'Need help or someone to talk to?', y);
    for (const c of help.contacts) y = paragraph(page, fonts.regular, 10, c.text, y + 2, MARGIN + 3 * MM, width - 3 * MM);
    for (const p of help.after) y = paragraph(page, fonts.regular, 10, p, y);
  }
}

/** One page per link, in the order given. */
export async function postersPdf(contexts: OfficerLinkContext[], now: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const title = contexts[0] ? `Posters: ${contexts[0].survey.title} ${contexts[0].wave.name}` : 'Posters';
  doc.setTitle(title);
  doc.setLanguage('en-GB');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.CourierBold),
  };
  for (const ctx of contexts) drawPoster(doc, fonts, ctx, now);
  return doc.save();
}
