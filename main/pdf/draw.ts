import { deflateSync } from 'node:zlib';
import { PDFName, type PDFDocument, type PDFFont, type PDFRef } from 'pdf-lib';
import { artworkOperators } from './bloc-marque';
import type { LaidOutDocument } from './layout/document';
import { NARROW_NBSP } from './layout/text';
import { SCRIPT_SCALE } from './layout/tokens';
import type { Box, FontStyle, Rgb, StructNode, TextBox } from './layout/types';

/** Resource names of the four faces in every page's /Font dictionary. */
const FONT_NAMES: Readonly<Record<FontStyle, string>> = { regular: 'F1', bold: 'F2', italic: 'F3', boldItalic: 'F4' };

/** A number as PDF wants it: short, and the same on every machine. */
function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return r === 0 ? '0' : String(r);
}

/**
 * Turns text into glyph codes of one embedded (subset) face, a character at a time: each
 * distinct character goes through pdf-lib once (which records the glyph for the subset),
 * then is reused. No ligatures, so a reader extracting text gets the characters typed.
 */
class GlyphEncoder {
  private readonly codes = new Map<number, string>();
  /** The TJ element of each text met without a narrow no-break space to shift. */
  private readonly words = new Map<string, string>();
  private readonly space: string;
  /** Advance of the space glyph minus the narrow no-break space's, in thousandths of an em. */
  private readonly narrowShift: number;

  constructor(private readonly font: PDFFont, private readonly hasGlyph: (cp: number) => boolean, spaceAdvance: number, narrowAdvance: number) {
    this.space = this.code(0x20);
    this.narrowShift = hasGlyph(NARROW_NBSP) ? 0 : spaceAdvance - narrowAdvance;
  }

  private code(cp: number): string {
    let hex = this.codes.get(cp);
    if (hex === undefined) {
      const ch = this.hasGlyph(cp) ? String.fromCodePoint(cp) : '?';
      hex = this.font.encodeText(ch).toString().slice(1, -1);
      this.codes.set(cp, hex);
    }
    return hex;
  }

  /**
   * TJ array elements for `text`: hex strings, with a positive kern after each narrow no-break
   * space the face lacks (drawn as a space glyph, so text extraction still reads a space).
   */
  encode(text: string, out: string[]): void {
    // Words come back page after page (« la », « convention », « délégant »): once each.
    const known = this.words.get(text);
    if (known !== undefined) {
      if (known) out.push(known);
      return;
    }
    let hex = '';
    let whole = true;
    for (let i = 0; i < text.length; i += 1) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i += 1;
      if (cp === NARROW_NBSP && this.narrowShift !== 0) {
        out.push(`<${hex}${this.space}>`, num(this.narrowShift));
        hex = '';
        whole = false;
        continue;
      }
      hex += this.code(cp);
    }
    if (hex) out.push(`<${hex}>`);
    if (whole) this.words.set(text, hex ? `<${hex}>` : '');
  }

  /** The hex code of the space glyph. */
  spaceCode(): string {
    return this.space;
  }
}

/** The four embedded faces, with what drawing needs of each. */
export interface DrawFonts {
  readonly pdf: Readonly<Record<FontStyle, PDFFont>>;
  readonly has: Readonly<Record<FontStyle, (cp: number) => boolean>>;
  /** Advance of a code point, thousandths of an em. */
  readonly advance: Readonly<Record<FontStyle, (cp: number) => number>>;
}

/** The pages drawn: their refs, and per page the structure element of each marked-content id (MCID). */
export interface DrawnPages {
  readonly refs: PDFRef[];
  readonly marks: StructNode[][];
}

/** Appends the laid-out pages to `doc`, one compressed content stream each. `onPage(n)` after page n. */
export function drawPages(doc: PDFDocument, laid: LaidOutDocument, fonts: DrawFonts, onPage?: (drawn: number) => void): DrawnPages {
  const context = doc.context;
  const styles: FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];
  const encoders = {} as Record<FontStyle, GlyphEncoder>;
  for (const s of styles) {
    encoders[s] = new GlyphEncoder(fonts.pdf[s], fonts.has[s], fonts.advance[s](0x20), fonts.advance[s](NARROW_NBSP));
  }
  const fontDict = context.obj(Object.fromEntries(styles.map((s) => [FONT_NAMES[s], fonts.pdf[s].ref])));
  const resources = context.register(context.obj({ Font: fontDict }));

  const refs: PDFRef[] = [];
  const marks: StructNode[][] = [];
  const h = laid.frame.height;
  for (const page of laid.pages) {
    const content = new MarkedContent();
    const ops = pageOperators(page.boxes, h, encoders, content);
    marks.push(content.marks);
    const stream = context.stream(deflateSync(Buffer.from(ops, 'latin1')), { Filter: 'FlateDecode' });
    const pdfPage = doc.addPage([laid.frame.width, h]);
    pdfPage.node.set(PDFName.of('Contents'), context.register(stream));
    pdfPage.node.set(PDFName.of('Resources'), resources);
    refs.push(pdfPage.ref);
    onPage?.(refs.length);
  }
  return { refs, marks };
}

/**
 * The marked-content sequences of one page: what belongs to a structure element is marked with
 * its role and a new MCID (`/P <</MCID 3>> BDC … EMC`); the rest (footers, borders, repeated
 * headers) is an artifact (`/Artifact BMC … EMC`), which readers skip. Consecutive boxes of one
 * element share one sequence.
 */
class MarkedContent {
  readonly marks: StructNode[] = [];
  /** The element of the open sequence; null: an artifact; undefined: none open. */
  private open: StructNode | null | undefined;

  /** Makes what follows belong to `node` (an artifact when undefined). */
  mark(node: StructNode | undefined, out: string[]): void {
    const want = node ?? null;
    if (this.open === want) return;
    this.close(out);
    if (want === null) out.push('/Artifact BMC');
    else {
      out.push(`/${want.role} <</MCID ${this.marks.length}>> BDC`);
      this.marks.push(want);
    }
    this.open = want;
  }

  /** Ends the open sequence (before ET, or at the end of the graphics). */
  close(out: string[]): void {
    if (this.open !== undefined) out.push('EMC');
    this.open = undefined;
  }
}

function rgb(c: Rgb): string {
  return `${num(c[0])} ${num(c[1])} ${num(c[2])}`;
}

/** The content stream of one page: graphics first, then all text in one BT…ET block, each part marked. */
function pageOperators(boxes: readonly Box[], pageHeight: number, encoders: Record<FontStyle, GlyphEncoder>, content: MarkedContent): string {
  const out: string[] = [];
  for (const b of boxes) {
    if (b.kind === 'rect' || b.kind === 'rule') content.mark(undefined, out);
    else if (b.kind === 'artwork') content.mark(b.node, out);
    if (b.kind === 'rect') {
      const y = pageHeight - b.y - b.height;
      const path = `${num(b.x)} ${num(y)} ${num(b.width)} ${num(b.height)} re`;
      if (b.fill) out.push(`${rgb(b.fill)} rg ${path} f`);
      if (b.stroke) out.push(`${num(b.stroke.width)} w ${rgb(b.stroke.color)} RG ${path} S`);
    } else if (b.kind === 'rule') {
      out.push(`${num(b.width)} w ${rgb(b.color)} RG ${num(b.x1)} ${num(pageHeight - b.y1)} m ${num(b.x2)} ${num(pageHeight - b.y2)} l S`);
    } else if (b.kind === 'artwork') {
      out.push(artworkOperators(b, pageHeight));
    }
  }
  content.close(out);
  out.push('BT');
  let font = '';
  let color = '';
  const texts = boxes.filter((b): b is TextBox => b.kind === 'text');
  texts.forEach((b, i) => {
    content.mark(b.node, out);
    const c = rgb(b.color ?? [0, 0, 0]);
    if (c !== color) {
      out.push(`${c} rg`);
      color = c;
    }
    // A line that goes on in the next one of its element ends with a space glyph (invisible):
    // its words and the next line's are then apart in the text a screen reader gets from the
    // structure, as a word processor writes them. Not after a hyphen: the word goes on.
    const next = texts[i + 1];
    const endSpace = b.node !== undefined && next?.node === b.node && !/[-\u00ad/]$/.test(lastPart(b));
    textOperators(b, pageHeight, encoders, out, (f) => {
      if (f !== font) {
        font = f;
        return true;
      }
      return false;
    }, endSpace);
  });
  content.close(out);
  out.push('ET');
  return out.join('\n');
}

function textOperators(
  b: TextBox,
  pageHeight: number,
  encoders: Record<FontStyle, GlyphEncoder>,
  out: string[],
  fontChanged: (f: string) => boolean,
  endSpace = false,
): void {
  const y = num(pageHeight - b.y);
  b.fragments.forEach((f, k) => {
    // A superscript is the font's own letter, smaller and raised with Ts: the text layer reads « 1er ».
    const size = f.script ? b.size * SCRIPT_SCALE : b.size;
    // Word spacing as a TJ kern after each stretchable space (Tw does not apply to two-byte codes).
    const kern = b.wordSpacing !== 0 ? num((-b.wordSpacing * 1000) / size) : '';
    const tf = `/${FONT_NAMES[f.style]} ${num(size)} Tf`;
    if (fontChanged(tf)) out.push(tf);
    const enc = encoders[f.style];
    const arr: string[] = [];
    f.parts.forEach((part, i) => {
      if (i > 0) {
        arr.push(`<${enc.spaceCode()}>`);
        if (kern) arr.push(kern);
      }
      if (part) enc.encode(part, arr);
    });
    if (endSpace && k === b.fragments.length - 1) arr.push(`<${enc.spaceCode()}>`);
    if (arr.length === 0) return;
    if (f.script) {
      const rise = f.script === 'super' ? b.size * 0.33 : -b.size * 0.12;
      out.push(`${num(rise)} Ts 1 0 0 1 ${num(f.x)} ${y} Tm [${arr.join(' ')}] TJ 0 Ts`);
      return;
    }
    out.push(`1 0 0 1 ${num(f.x)} ${y} Tm [${arr.join(' ')}] TJ`);
  });
}

/** The last word of a line. */
function lastPart(b: TextBox): string {
  const f = b.fragments[b.fragments.length - 1];
  return f?.parts[f.parts.length - 1] ?? '';
}
