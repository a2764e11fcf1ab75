/**
 * The vocabulary of the pure layout: font metrics in, pages of positioned boxes out. Every
 * length is in PDF points; `y` grows downwards from the top of the page (the drawing layer
 * flips it), which keeps layout arithmetic and its tests readable.
 */

/** The four faces of the family. */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** What layout needs to know of one font face. Advances are in thousandths of an em. */
export interface FontMetrics {
  /** True when the face has a glyph for this code point. */
  has(codePoint: number): boolean;
  /** Advance width of the code point's glyph (0 when absent). */
  advance(codePoint: number): number;
}

/** The faces layout may use, by style. */
export type FontSet = Readonly<Record<FontStyle, FontMetrics>>;

/** An RGB colour, each channel 0–1. */
export type Rgb = readonly [number, number, number];

/**
 * The logical structure of the document (a tagged PDF's structure tree: what a screen reader
 * reads, in order). Each node is an element; its identity is the object itself, so the lines of
 * one paragraph, even across a page break, belong to the same element. A box without a node is
 * drawn as an artifact (footers, borders, repeated table headers).
 */
export type StructRole = 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Table' | 'TR' | 'TH' | 'TD' | 'Figure' | 'Div';

export interface StructNode {
  readonly role: StructRole;
  readonly parent?: StructNode;
  /** What a figure shows, for those who cannot see it. */
  readonly alt?: string;
}

/** A new element of the structure. */
export function structNode(role: StructRole, parent?: StructNode, alt?: string): StructNode {
  return { role, ...(parent ? { parent } : {}), ...(alt ? { alt } : {}) };
}

/** A run of one style inside a line; `parts` are joined by stretchable spaces. */
export interface TextFragment {
  readonly style: FontStyle;
  /** Left edge of the fragment. */
  readonly x: number;
  /** The fragment's words; one stretchable (breaking) space is drawn between consecutive parts. */
  readonly parts: readonly string[];
  /** Drawn smaller and raised (« 1ᵉʳ ») or lowered, for characters the font has no superscript of. */
  readonly script?: 'super' | 'sub';
}

/** One line of text (or a piece of one): a baseline and its fragments. */
export interface TextBox {
  readonly kind: 'text';
  /** Left edge of the line. */
  readonly x: number;
  /** Baseline, from the top of the page. */
  readonly y: number;
  readonly size: number;
  /** Extra advance added to each stretchable space (justification); 0 when not justified. */
  readonly wordSpacing: number;
  /** Width of the line as drawn (natural width plus justification). */
  readonly width: number;
  readonly fragments: readonly TextFragment[];
  readonly color?: Rgb;
  /** The structure element this line belongs to; none: an artifact. */
  readonly node?: StructNode;
}

/** A rectangle, stroked and/or filled; `y` is its top edge. */
export interface RectBox {
  readonly kind: 'rect';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly stroke?: { readonly width: number; readonly color: Rgb };
  readonly fill?: Rgb;
}

/** A straight rule. */
export interface RuleBox {
  readonly kind: 'rule';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly width: number;
  readonly color: Rgb;
}

/** Where a signatory's empty signature field goes; `y` is the top edge of the box. */
export interface SignatureBox {
  readonly kind: 'signature';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** 1-based signing order. */
  readonly order: number;
  readonly name: string;
  readonly title: string;
  /** The party's role as printed (« le délégant »). */
  readonly party: string;
  /** The mention printed above the box (« Le délégant, »). */
  readonly mention: string;
  /** The signature block's element: the field is read in it, after its words. */
  readonly node?: StructNode;
}

/** A drawing of the State's bloc-marque (main/pdf/bloc-marque.ts), by its top-left corner and size. */
export interface ArtworkBox {
  readonly kind: 'artwork';
  readonly art: 'marianne' | 'devise';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly node?: StructNode;
}

export type Box = TextBox | RectBox | RuleBox | SignatureBox | ArtworkBox;

/** One laid-out page. */
export interface Page {
  readonly boxes: Box[];
}

/** Page geometry: A4 with the margins of an administrative document. */
export interface PageFrame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A4 portrait, 25 mm side margins, room at the foot for the footer. */
export const A4: PageFrame = { width: 595.28, height: 841.89, left: 70.87, right: 70.87, top: 62, bottom: 76 };

/** Width of the text column of a frame. */
export function columnWidth(frame: PageFrame): number {
  return frame.width - frame.left - frame.right;
}

/** A copy of `box` moved by (dx, dy). */
export function shiftBox(box: Box, dx: number, dy: number): Box {
  switch (box.kind) {
    case 'text':
      return { ...box, x: box.x + dx, y: box.y + dy, fragments: dx === 0 ? box.fragments : box.fragments.map((f) => ({ ...f, x: f.x + dx })) };
    case 'rect':
    case 'signature':
    case 'artwork':
      return { ...box, x: box.x + dx, y: box.y + dy };
    case 'rule':
      return { ...box, x1: box.x1 + dx, x2: box.x2 + dx, y1: box.y1 + dy, y2: box.y2 + dy };
  }
}

/** A warning met while laying out (a missing glyph…), in French, with where it happened. */
export interface LayoutWarning {
  readonly code: 'missing-glyph' | 'cut-token';
  readonly message: string;
}
