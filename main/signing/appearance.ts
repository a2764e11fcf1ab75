/**
 * The visible stamp drawn in a signature box, in the style of the seed convention:
 * « Signature numérique de {nom} », the title, « Date : 2020.03.23 21:37:43 +01'00' ».
 * The text is drawn with a {@link StampFace}: Marianne embedded (stamp-font.ts, what signFile
 * uses, and what PDF/A documents need), or the standard Helvetica with WinAnsi encoding
 * (every French letter is in WinAnsi; nothing is embedded) when no font is supplied.
 */
import { createRequire } from 'node:module';
import type { StandardFontEmbedder } from 'pdf-lib';
import { dict, name, PdfDict, PdfStream } from './pdf/objects';

/** How the stamp's text is measured, encoded and referenced (two weights: F1 regular, F2 bold). */
export interface StampFace {
  /** The text with what the font cannot show replaced. */
  safe(text: string): string;
  width(text: string, size: number, bold: boolean): number;
  /** The string operand for Tj. */
  encode(text: string, bold: boolean): string;
  /** The /Font resource dictionary (F1, F2). */
  fonts(): PdfDict;
}

type Embedder = ReturnType<typeof StandardFontEmbedder.for>;
// pdf-lib's StandardFonts enum holds the very names its embedder expects; only the typings differ.
type FontName = Parameters<typeof StandardFontEmbedder.for>[0];
let fonts: { regular: Embedder; bold: Embedder } | undefined;

/**
 * pdf-lib, loaded at the first stamp drawn with Helvetica: main imports this module at start
 * (through main/signing), and evaluating pdf-lib cost it about 20 ms for a stamp most sessions
 * never draw. The literal `require('pdf-lib')` is what the bundles (main's CommonJS, the CLI's
 * modules, which define `require`) resolve and evaluate on demand; run from the sources as ES
 * modules (tsx, tests), there is no `require` and Node's is made here.
 */
function pdfLib(): typeof import('pdf-lib') {
  return typeof require === 'function' ? (require('pdf-lib') as typeof import('pdf-lib')) : (createRequire(import.meta.url)('pdf-lib') as typeof import('pdf-lib'));
}

/** Helvetica's metrics, built on first use (the verifier does not import this module: see pdf-date.ts). */
function metrics() {
  if (!fonts) {
    const { StandardFontEmbedder: Embedders, StandardFonts } = pdfLib();
    fonts = { regular: Embedders.for(StandardFonts.Helvetica as unknown as FontName), bold: Embedders.for(StandardFonts.HelveticaBold as unknown as FontName) };
  }
  return fonts;
}

/** Replaces what WinAnsi cannot show (narrow no-break spaces, emoji…) by close equivalents. */
export function winAnsiSafe(text: string): string {
  const enc = metrics().regular.encoding;
  let out = '';
  for (const ch of text.normalize('NFC').replace(/[\u00a0\u202f\u2009]/g, ' ')) {
    try {
      enc.encodeUnicodeCodePoint(ch.codePointAt(0)!);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}

function hexOf(text: string): string {
  const enc = metrics().regular.encoding;
  let hex = '';
  for (const ch of text) hex += enc.encodeUnicodeCodePoint(ch.codePointAt(0)!).code.toString(16).padStart(2, '0');
  return `<${hex}>`;
}

/** One line of the stamp. */
export interface StampLine {
  readonly text: string;
  readonly bold?: boolean;
}

/** The standard Helvetica pair with WinAnsi encoding. */
export const helveticaFace: StampFace = {
  safe: winAnsiSafe,
  width: (text, size, bold) => (bold ? metrics().bold : metrics().regular).widthOfTextAtSize(text, size),
  encode: (text) => hexOf(text),
  fonts: () => {
    const font = (base: string) => dict({ Type: name('Font'), Subtype: name('Type1'), BaseFont: name(base), Encoding: name('WinAnsiEncoding') });
    return dict({ F1: font('Helvetica'), F2: font('Helvetica-Bold') });
  },
};

function wrap(text: string, face: StampFace, bold: boolean, size: number, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const w of words) {
    const candidate = current ? `${current} ${w}` : w;
    if (!current || face.width(candidate, size, bold) <= width) current = candidate;
    else {
      lines.push(current);
      current = w;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** The /AP /N form XObject for a box of `width` × `height` points. */
export function stampAppearance(width: number, height: number, lines: readonly StampLine[], face: StampFace = helveticaFace): PdfStream {
  const pad = Math.min(4, width / 10, height / 10);
  const safe = lines.map((l) => ({ ...l, text: face.safe(l.text) }));
  let size = 11;
  let laid: Array<{ text: string; bold: boolean }> = [];
  for (; size >= 4; size -= 0.5) {
    laid = safe.flatMap((l) => wrap(l.text, face, !!l.bold, size, width - 2 * pad).map((t) => ({ text: t, bold: !!l.bold })));
    const fitsWidth = laid.every((l) => face.width(l.text, size, l.bold) <= width - 2 * pad);
    if (fitsWidth && laid.length * size * 1.2 <= height - 2 * pad) break;
  }
  const leading = size * 1.2;
  let ops = `q 0.5 w 0.45 0.45 0.45 RG 0.25 0.25 ${(width - 0.5).toFixed(2)} ${(height - 0.5).toFixed(2)} re S Q\n`;
  ops += `q 0 0 ${width.toFixed(2)} ${height.toFixed(2)} re W n BT 0 0 0 rg\n`;
  let y = height - pad - size;
  for (const l of laid) {
    ops += `/${l.bold ? 'F2' : 'F1'} ${size} Tf 1 0 0 1 ${pad.toFixed(2)} ${y.toFixed(2)} Tm ${face.encode(l.text, l.bold)} Tj\n`;
    y -= leading;
  }
  ops += 'ET Q\n';
  return new PdfStream(
    dict({
      Type: name('XObject'),
      Subtype: name('Form'),
      BBox: [0, 0, width, height],
      Resources: dict({ Font: face.fonts() }),
    }),
    Buffer.from(ops, 'latin1'),
  );
}

export { pdfDate, parsePdfDate, stampDate } from './pdf-date';
