/**
 * The committee report as a document: sections of headings, paragraphs, lists, tables and figures,
 * in plain text (renderers escape). The Word copy is rendered from this; the print copy renders
 * the parts it shares with it (such as the priorities) from the same blocks.
 */

export interface Cell {
  text: string;
  /** A row's label (th scope="row" in HTML, bold in Word). */
  header?: boolean;
  /** A significant result, printed bold. */
  strong?: boolean;
  /** Spans this many columns (a suppressed row's reason). */
  span?: number;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  /** The contents: each section's heading, linked to it in the print copy. */
  | { kind: 'contents'; items: { id: string; heading: string }[] }
  | { kind: 'definitions'; items: { term: string; text: string }[] }
  | { kind: 'table'; caption: string; head: string[]; rows: Cell[][] }
  /** A chart or map as self-contained SVG; `alt` says every value in words (Word's alt text). */
  | {
      kind: 'figure';
      svg: string;
      alt: string;
      caption: string;
      /** The print copy's own markup for the figure (a ward map with its legend), used instead of svg + caption there. */
      html?: string;
      /** A map's key (the Word copy prints it under the image; the print copy's html has its own). */
      legend?: { colour: string; hatched: boolean; label: string }[];
    };

export interface Section {
  id: string;
  heading: string;
  /** Starts a new page (the technical annex). */
  newPage?: boolean;
  /** Part of the technical annex (after the main body; technical terms allowed there). */
  annex?: boolean;
  blocks: Block[];
}

export interface TitlePage {
  /** The partnership's (council's) name as an admin set it, or null. */
  partnership: string | null;
  /** The logo an admin uploaded, with its alt text; null when none is set. */
  logo: { type: string; base64: string; alt: string } | null;
  wave: string;
  /** "2 December 2026". */
  date: string;
}

export interface ReportDocument {
  title: string;
  titlePage: TitlePage;
  intro: string;
  /** Synthetic data, illustrative targets: shown at the top, in a box. */
  notices: string[];
  sections: Section[];
  footer: string;
}
