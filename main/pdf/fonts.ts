import type { PDFFont } from 'pdf-lib';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FontMetrics, FontStyle } from './layout/types';
import { openTypeFace } from './opentype';
import { sfntFromWoff2 } from './woff2';

/**
 * The State's typeface, Marianne, as shipped by the DSFR package (read from node_modules at
 * run time, never copied into the repository). Marianne is not free software: the DSFR's MIT
 * licence explicitly excludes it, and its use is reserved to the services of the State under
 * the « marque de l'État » (SIG). Paraphe's users are State services; a build meant for anyone
 * else (a local authority, a company) must swap in a freely licensed family here.
 */
const FILES: Readonly<Record<FontStyle, string>> = {
  regular: 'Marianne-Regular.woff2',
  bold: 'Marianne-Bold.woff2',
  italic: 'Marianne-Regular_Italic.woff2',
  boldItalic: 'Marianne-Bold_Italic.woff2',
};

/**
 * What we rely on of a parsed face: the shape of fontkit's font object, which pdf-lib expects
 * and our reader (opentype.ts) gives; the tests hold fontkit's own objects to it.
 */
export interface FontkitFont {
  readonly unitsPerEm: number;
  readonly postscriptName: string;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FontkitGlyph;
  /** What pdf-lib calls to encode and measure text (see {@link glyphsByCmap}). */
  layout(text: string): { glyphs: FontkitGlyph[] };
}

/** A glyph as fontkit (and opentype.ts) gives it. */
export interface FontkitGlyph {
  readonly id: number;
  readonly advanceWidth: number;
}

/** One face: its OpenType bytes (for embedding) and its metrics (for layout). */
export interface LoadedFace {
  readonly style: FontStyle;
  /** The face as a plain OpenType (CFF) file, decompressed from the DSFR's WOFF2. */
  readonly bytes: Uint8Array;
  readonly postscriptName: string;
  readonly metrics: FontMetrics;
  /** The parsed font, shared with pdf-lib so a WOFF2 is decompressed once per process. */
  readonly font: FontkitFont;
}

export type LoadedFamily = Readonly<Record<FontStyle, LoadedFace>>;

/**
 * Folder of the DSFR font files: the first of the folders where Node looks for the package that
 * holds it. Resolving `@codegouvfr/react-dsfr/package.json` instead made Node read and parse
 * that package.json (180 kB, its exports map), about 1.3 ms of a fresh process's first render.
 */
export function dsfrFontDir(): string {
  const require = createRequire(import.meta.url);
  for (const modules of require.resolve.paths('@codegouvfr/react-dsfr') ?? []) {
    const fonts = join(modules, '@codegouvfr', 'react-dsfr', 'dsfr', 'fonts');
    if (existsSync(fonts)) return fonts;
  }
  return join(dirname(require.resolve('@codegouvfr/react-dsfr/package.json')), 'dsfr', 'fonts');
}

const BMP = 0x10000;

/**
 * Advances cached per code point in flat arrays: the face's cmap lookup would otherwise be
 * the hot spot of layout (every character of every line is measured).
 */
export class FontkitMetrics implements FontMetrics {
  private readonly scale: number;
  /** 0 = not looked up yet, 1 = present, 2 = absent (Basic Multilingual Plane). */
  private readonly known = new Uint8Array(BMP);
  private readonly widths = new Float64Array(BMP);
  private readonly astral = new Map<number, number>();
  constructor(private readonly font: FontkitFont) {
    this.scale = 1000 / font.unitsPerEm;
  }
  private lookUp(cp: number): number {
    const present = this.font.hasGlyphForCodePoint(cp);
    let w = 0;
    if (present) w = this.font.glyphForCodePoint(cp).advanceWidth * this.scale;
    // A narrow no-break space the font lacks is drawn as a space narrowed to a thin space.
    else if (cp === 0x202f) w = this.has(0x2009) ? this.advance(0x2009) : this.advance(0x20) / 2;
    if (cp < BMP) {
      this.known[cp] = present ? 1 : 2;
      this.widths[cp] = w;
    } else this.astral.set(cp, present ? w : -1 - w);
    return w;
  }
  has(cp: number): boolean {
    if (cp < BMP) {
      if (this.known[cp] === 0) this.lookUp(cp);
      return this.known[cp] === 1;
    }
    if (!this.astral.has(cp)) this.lookUp(cp);
    return this.astral.get(cp)! >= 0;
  }
  advance(cp: number): number {
    if (cp < BMP) {
      if (this.known[cp] === 0) this.lookUp(cp);
      return this.widths[cp]!;
    }
    if (!this.astral.has(cp)) this.lookUp(cp);
    const v = this.astral.get(cp)!;
    return v >= 0 ? v : -1 - v;
  }
}

/**
 * Unicode's default-ignorable code points (DerivedCoreProperties.txt, less U+115F, U+1160,
 * U+3164 and U+FFA0, as HarfBuzz does): fontkit's layout draws those the face has as a
 * zero-advance space, and so does {@link glyphsByCmap}.
 */
export function isDefaultIgnorable(cp: number): boolean {
  return (
    cp === 0xad || cp === 0x34f || cp === 0x61c || (cp >= 0x17b4 && cp <= 0x17b5) || (cp >= 0x180b && cp <= 0x180e) ||
    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff || (cp >= 0xfff0 && cp <= 0xfff8) ||
    (cp >= 0x1bca0 && cp <= 0x1bca3) || (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0000 && cp <= 0xe0fff)
  );
}

/**
 * Text to glyphs one character at a time through the cmap, as pdf-lib's encodeText and
 * widthOfTextAtSize get them from `font.layout`. Paraphe never shapes (no ligatures: a reader
 * extracting text gets the characters typed; draw.ts and the stamp encode a character at a
 * time), and fontkit's shaping engine cost a fresh process about 60 ms to start for nothing:
 * for each of Marianne's characters alone it gives the cmap's glyph (a test checks).
 */
export function glyphsByCmap(font: Pick<FontkitFont, 'glyphForCodePoint'>, text: string): { glyphs: FontkitGlyph[] } {
  const glyphs: FontkitGlyph[] = [];
  let space: FontkitGlyph | undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const glyph = font.glyphForCodePoint(cp);
    glyphs.push(glyph.id !== 0 && isDefaultIgnorable(cp) ? (space ??= font.glyphForCodePoint(0x20)) : glyph);
  }
  return { glyphs };
}

/**
 * One face's bytes for embedding: the OpenType file inside the WOFF2, decompressed by Node's
 * Brotli (main/pdf/woff2.ts), or the WOFF2 itself should it use what that reader does not.
 */
export function faceBytes(woff2: Uint8Array): Uint8Array {
  return sfntFromWoff2(woff2) ?? woff2;
}

/**
 * A face parsed by our reader (opentype.ts: OpenType with CFF outlines, as the DSFR ships
 * Marianne). fontkit is no longer loaded to render: the module alone cost a fresh process about
 * 90 ms, and the packaged app carries no node_modules to load it from. A face the reader
 * refuses (a DSFR update to other outlines) fails here, loudly, and in the font tests.
 */
export function parseFace(bytes: Uint8Array, file: string): FontkitFont {
  const face = openTypeFace(bytes);
  if (!face) throw new Error(`Police ${file} illisible : Paraphe lit Marianne en OpenType à contours CFF. Réinstallez Paraphe ou signalez le problème.`);
  return face;
}

let cached: LoadedFamily | null = null;
let faceCache: string | undefined;

/**
 * A folder where the faces are kept decompressed between processes (the command line's, beside
 * its bundles: main/cli/commands/render.ts), or undefined for none (the app: its worker thread
 * lives long and decompresses them once). Unzipping the four WOFF2 files and rebuilding their
 * OpenType files was about 7 ms of each `paraphe render`.
 */
export function keepFacesIn(dir: string | undefined): void {
  faceCache = dir;
}

/**
 * faceBytes, read from the folder of {@link keepFacesIn} when it holds this WOFF2's face (named
 * by the WOFF2's SHA-256, of the size its header announces), else computed and left there
 * (atomically; an unwritable folder only costs the next call the same work).
 */
function keptFaceBytes(woff2: Uint8Array, dir: string): Uint8Array {
  const file = join(dir, `${createHash('sha256').update(woff2).digest('hex').slice(0, 32)}.otf`);
  const size = woff2.length >= 20 ? new DataView(woff2.buffer, woff2.byteOffset, woff2.byteLength).getUint32(16) : -1;
  try {
    const kept = readFileSync(file);
    if (kept.length === size) return new Uint8Array(kept.buffer, kept.byteOffset, kept.length);
  } catch {
    // Not kept yet.
  }
  const bytes = faceBytes(woff2);
  if (bytes !== woff2) {
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
    } catch {
      // Read-only installation: decompressed each time, as without this folder.
    }
  }
  return bytes;
}

/** Loads Marianne's four faces once per process. */
export function loadMarianne(): LoadedFamily {
  if (cached) return cached;
  const dir = dsfrFontDir();
  const faces = {} as Record<FontStyle, LoadedFace>;
  for (const style of Object.keys(FILES) as FontStyle[]) {
    const woff2 = new Uint8Array(readFileSync(join(dir, FILES[style])));
    const bytes = faceCache === undefined ? faceBytes(woff2) : keptFaceBytes(woff2, faceCache);
    const font = parseFace(bytes, FILES[style]);
    // An own property: on this process's face objects only, never on a prototype.
    font.layout = (text: string) => glyphsByCmap(font, text);
    faces[style] = { style, bytes, postscriptName: font.postscriptName, metrics: new FontkitMetrics(font), font };
  }
  cached = faces;
  return faces;
}

/** The metrics of a loaded family, as layout wants them. */
export function metricsOf(family: LoadedFamily): Readonly<Record<FontStyle, FontMetrics>> {
  return { regular: family.regular.metrics, bold: family.bold.metrics, italic: family.italic.metrics, boldItalic: family.boldItalic.metrics };
}

/**
 * What pdf-lib is given in place of fontkit (registerFontkit): it hands back the face already
 * parsed for Marianne's bytes (once per process). Subsets are created per document, so sharing
 * is safe. Paraphe embeds no other font.
 */
export function sharedFontkit(family: LoadedFamily): { create(data: Uint8Array): unknown } {
  const known = new Map<Uint8Array, FontkitFont>(Object.values(family).map((f) => [f.bytes, f.font]));
  return {
    create(data: Uint8Array) {
      const face = known.get(data);
      if (!face) throw new Error('Police inattendue : Paraphe n’incorpore que Marianne (loadMarianne).');
      return face;
    },
  };
}

/**
 * @pdf-lib/fontkit 1.1.1 wrote a wrong `offSize` in the header of a CFF subset (6 for
 * Marianne; the CFF specification allows 1 to 4), and poppler/FreeType then rejected the whole
 * font: the page rendered blank while text extraction still worked. Our subsetter (cff.ts)
 * writes 4; this guard sets any other value to 4 (header offSize is unused by readers beyond
 * that check: every INDEX carries its own).
 */
export function repairCffHeader(font: PDFFont): void {
  const embedder = (font as unknown as { embedder: { serializeFont?: () => Promise<Uint8Array>; isCFF?: () => boolean } }).embedder;
  const serialize = embedder.serializeFont?.bind(embedder);
  if (!serialize || !embedder.isCFF?.()) return;
  embedder.serializeFont = async () => {
    const bytes = await serialize();
    if (bytes.length > 4 && bytes[0] === 1 && (bytes[3]! < 1 || bytes[3]! > 4)) bytes[3] = 4;
    return bytes;
  };
}
