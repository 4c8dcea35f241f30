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
  | { kind: 'definitions'; items: { term: string; text: string }[] }
  | { kind: 'table'; caption: string; head: string[]; rows: Cell[][] }
  /** A chart or map as self-contained SVG; `alt` says every value in words (Word's alt text). */
  | { kind: 'figure'; svg: string; alt: string; caption: string };

export interface Section {
  id: string;
  heading: string;
  /** Starts a new page (the appendix). */
  newPage?: boolean;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  intro: string;
  /** Synthetic data, illustrative targets: shown at the top, in a box. */
  notices: string[];
  sections: Section[];
  footer: string;
}
