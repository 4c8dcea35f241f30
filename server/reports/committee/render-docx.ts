/**
 * The document model as a Word file (docx): real heading styles (Title, Heading 1, Heading 2),
 * real tables with a repeating header row, and each chart or map as a PNG with its alt text (the
 * values in words), so officers can edit the report and screen readers can read it.
 */
import { Resvg } from '@resvg/resvg-js';
import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, Cell, ReportDocument } from './model.js';

/** A4 text width at Word's default margins, in pixels at 96 dpi (what ImageRun sizes take). */
const TEXT_WIDTH_PX = 600;
/** Rasterise at twice the printed size, so charts stay sharp when printed. */
const SCALE = 2;

/** A chart's SVG as PNG, drawn with the system's fonts (the SVG names system-ui, Arial…). */
function png(svg: string): { data: Buffer; width: number; height: number } {
  // Inline SVG in HTML may leave out the namespace a standalone SVG needs.
  const standalone = svg.includes('xmlns=') ? svg : svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  const r = new Resvg(standalone, {
    fitTo: { mode: 'zoom', value: SCALE },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  const image = r.render();
  const width = Math.min(TEXT_WIDTH_PX, image.width / SCALE);
  return { data: image.asPng(), width, height: (image.height / SCALE) * (width / (image.width / SCALE)) };
}

/** The logo's printed height at most, in pixels at 96 dpi. */
const LOGO_HEIGHT_PX = 80;

/** A PNG's pixel size from its header (IHDR: width and height at bytes 16 and 20). */
function pngSize(data: Buffer): { data: Buffer; width: number; height: number } {
  return { data, width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/**
 * A map key's swatch as the print copy draws it: the class colour in a dark outline (so the near-white
 * "in line" class shows on white paper), hatched where the map is. Its label says what it means.
 */
function keySwatch(colour: string, hatched: boolean, label: string): ImageRun {
  const hatch = hatched
    ? '<defs><pattern id="h" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#1a1a1a" stroke-width="1.4"/></pattern></defs><rect x="0.5" y="0.5" width="21" height="14" fill="url(#h)"/>'
    : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="22" height="15"><rect x="0.5" y="0.5" width="21" height="14" fill="${colour}" stroke="#3b3b3b"/>${hatch}</svg>`;
  const { data, width, height } = png(svg);
  // Alt text too (Word's accessibility check flags an image without it); the label beside it says the same.
  return new ImageRun({
    type: 'png',
    data,
    transformation: { width: Math.round(width), height: Math.round(height) },
    altText: { name: 'Map key', title: label, description: `Map key: ${label}` },
  });
}

/** A4 text width at Word's default margins, in twentieths of a point (what table widths take). */
const TEXT_WIDTH_TWIPS = 9026;

/** About the width of one character of the tables' (bold) text, and a cell's side margins, in twips. */
const CHAR_TWIPS = 160;
const CELL_MARGINS_TWIPS = 300;

/**
 * Column widths for a table, in twips: each column as wide as its longest word (so no word is broken
 * across lines, as "Vulnerab-ility" was with equal columns), the rest of the width shared by how much
 * longer its longest text is.
 */
function columnWidths(head: string[], rows: Cell[][]): number[] {
  const texts = head.map((h, i) => [h, ...rows.filter((r) => r.length === head.length).map((r) => r[i].text)]);
  const word = texts.map((col) => Math.min(18, Math.max(...col.flatMap((t) => t.split(/\s+/).map((w) => w.length)))));
  const longest = texts.map((col) => Math.min(60, Math.max(...col.map((t) => t.length))));
  const least = word.map((w) => w * CHAR_TWIPS + CELL_MARGINS_TWIPS);
  const spare = TEXT_WIDTH_TWIPS - least.reduce((a, b) => a + b, 0);
  if (spare <= 0) {
    // Too many columns for every longest word: short columns (a rank, a score) keep their width, the
    // columns of long words give up what is over five characters' width, in proportion.
    const base = least.map((w) => Math.min(w, 5 * CHAR_TWIPS + CELL_MARGINS_TWIPS));
    const over = least.reduce((a, w, i) => a + w - base[i], 0);
    const f = Math.max(0, (TEXT_WIDTH_TWIPS - base.reduce((a, b) => a + b, 0)) / over);
    return least.map((w, i) => Math.floor(base[i] + (w - base[i]) * f));
  }
  const more = longest.map((l, i) => Math.max(0, l - word[i]));
  const total = more.reduce((a, b) => a + b, 0);
  return least.map((w, i) => Math.floor(w + (total ? (spare * more[i]) / total : spare / head.length)));
}

function cell(c: Cell, head = false, width?: number): TableCell {
  return new TableCell({
    width: width === undefined ? undefined : { size: width, type: WidthType.DXA },
    columnSpan: c.span,
    shading: head ? { type: ShadingType.CLEAR, fill: 'E8EEF5', color: 'auto' } : undefined,
    children: [new Paragraph({ children: [new TextRun({ text: c.text, bold: head || c.strong })] })],
  });
}

function blocks(b: Block, figureNo: () => number): FileChild[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 })];
    case 'paragraph':
      return [new Paragraph({ text: b.text })];
    case 'list':
      return b.items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    case 'contents':
      // Word's own table of contents of the section headings, written with an entry per heading so it
      // reads the same before Word fills in the page numbers (it offers to on opening: updateFields).
      return [new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1' })];
    case 'definitions':
      return b.items.map((i) => new Paragraph({ children: [new TextRun({ text: `${i.term}. `, bold: true }), new TextRun(i.text)] }));
    case 'table': {
      const widths = columnWidths(b.head, b.rows);
      return [
        new Paragraph({ children: [new TextRun({ text: b.caption, bold: true })], keepNext: true }),
        new Table({
          width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
          columnWidths: widths,
          rows: [
            new TableRow({ tableHeader: true, children: b.head.map((h, i) => cell({ text: h }, true, widths[i])) }),
            ...b.rows.map(
              (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, false, r.length === b.head.length ? widths[i] : undefined)) }),
            ),
          ],
        }),
        new Paragraph({ text: '' }),
      ];
    }
    case 'figure': {
      const { data, width, height } = png(b.svg);
      const n = figureNo();
      return [
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: 'png',
              data,
              transformation: { width: Math.round(width), height: Math.round(height) },
              altText: { name: `Figure ${n}`, title: b.caption, description: b.alt },
            }),
          ],
        }),
        ...(b.legend ?? []).map(
          (l) =>
            new Paragraph({
              keepNext: true,
              children: [keySwatch(l.colour, l.hatched, l.label), new TextRun({ text: ` ${l.label}`, size: 18 })],
            }),
        ),
        new Paragraph({ children: [new TextRun({ text: b.caption, italics: true })] }),
      ];
    }
  }
}

export async function committeeReportDocx(doc: ReportDocument): Promise<Uint8Array<ArrayBuffer>> {
  let figures = 0;
  const next = () => ++figures;
  const t = doc.titlePage;
  const children: FileChild[] = [];
  if (t.logo) {
    const bytes = Buffer.from(t.logo.base64, 'base64');
    const image = t.logo.type === 'image/svg+xml' ? png(bytes.toString('utf8')) : pngSize(bytes);
    const scale = Math.min(1, LOGO_HEIGHT_PX / image.height, 240 / image.width);
    children.push(
      new Paragraph({
        children: [
          new ImageRun({
            type: 'png',
            data: image.data,
            transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
            altText: { name: 'Logo', title: t.logo.alt, description: t.logo.alt },
          }),
        ],
      }),
    );
  }
  if (t.partnership) children.push(new Paragraph({ children: [new TextRun({ text: t.partnership, bold: true, size: 28 })] }));
  children.push(
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: `Wave ${t.wave} · ${t.date}` }),
    new Paragraph({ text: doc.intro }),
  );
  for (const n of doc.notices) {
    const side = { style: BorderStyle.SINGLE, size: 18, color: 'A00000', space: 4 };
    children.push(
      new Paragraph({
        border: { top: side, bottom: side, left: side, right: side },
        shading: { type: ShadingType.CLEAR, fill: 'FFF1F1', color: 'auto' },
        children: [new TextRun({ text: n, bold: true })],
      }),
    );
  }
  children.push(new Paragraph({ children: [new PageBreak()] }));
  for (const s of doc.sections) {
    if (s.newPage) children.push(new Paragraph({ children: [new PageBreak()] }));
    // The contents' own heading in Word's "TOC Heading" style (a Heading 1 left out of the outline), so it is not listed in itself.
    children.push(
      s.id === 'contents' ? new Paragraph({ text: s.heading, style: 'TOCHeading' }) : new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1 }),
    );
    for (const b of s.blocks) children.push(...blocks(b, next));
  }
  children.push(new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: doc.footer, italics: true })] }));
  const file = new Document({
    title: doc.title,
    creator: 'Community safety survey service',
    styles: {
      // Space after each paragraph and around headings, so paragraphs do not run into each other.
      default: {
        document: { run: { font: 'Arial', size: 21 }, paragraph: { spacing: { after: 120 } } },
        heading1: { paragraph: { spacing: { before: 360, after: 120 } } },
        heading2: { paragraph: { spacing: { before: 240, after: 80 } } },
      },
      paragraphStyles: [{ id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Heading1', next: 'Normal', quickFormat: true, paragraph: { outlineLevel: 9 } }],
    },
    features: { updateFields: true },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  });
  const buffer = await Packer.toBuffer(file);
  // A buffer of its own (offset 0), so a report worker can hand it over rather than copy it.
  return new Uint8Array(buffer) as Uint8Array<ArrayBuffer>;
}
