import type { Rgb } from './types';
import type { TextStyle } from './text';
import type { TableLook } from './table';

/** The document's typographic choices, in one place. */
export const INK: Rgb = [0.1, 0.1, 0.12];
export const GREY: Rgb = [0.4, 0.4, 0.42];
export const RULE: Rgb = [0.25, 0.25, 0.28];
export const HEADER_FILL: Rgb = [0.92, 0.93, 0.96];
/** The blue of the State's brand, for headings. */
export const BLUE: Rgb = [0, 0, 0.57];

export const BODY: TextStyle = { size: 10, leading: 14, align: 'justify', color: INK };
export const TITLE: TextStyle = { size: 15, leading: 20, align: 'center', color: BLUE };
export const SUBTITLE: TextStyle = { size: 11, leading: 15, align: 'center', color: INK };
export const CENTERED: TextStyle = { ...BODY, align: 'center' };
export const LEFT: TextStyle = { ...BODY, align: 'left' };
export const ARTICLE_HEADING: TextStyle = { size: 11, leading: 15, align: 'left', color: BLUE };
export const SECTION_HEADING: TextStyle = { size: 10.5, leading: 14, align: 'left', color: INK };
export const ANNEX_HEADING: TextStyle = { size: 13, leading: 18, align: 'center', color: BLUE };
export const FOOTER: TextStyle = { size: 8, leading: 10, align: 'left', color: GREY };
export const SIGNATURE_TEXT: TextStyle = { size: 9.5, leading: 12.5, align: 'left', color: INK };

/** Paragraph rhythm. */
export const PARAGRAPH_GAP = 6;
export const LIST_INDENT = 16;
export const LIST_ITEM_GAP = 2;

/** Tables: thin dark borders like the seed's, a light header. */
export const TABLE: TableLook = {
  text: { size: 9, leading: 12, align: 'left', color: INK },
  padding: 4,
  paragraphGap: 3,
  border: { width: 0.6, color: RULE },
  headerFill: HEADER_FILL,
};

/** The signature box: room for a stamp of five lines at 8 pt (« Signature numérique de … », date). */
export const SIGNATURE_BOX_HEIGHT = 64;
export const SIGNATURE_GUTTER = 24;
