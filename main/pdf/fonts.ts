import type { PDFFont } from 'pdf-lib';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { FontMetrics, FontStyle } from './layout/types';

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

/** The subset of fontkit's font object we rely on. */
export interface FontkitFont {
  readonly unitsPerEm: number;
  readonly postscriptName: string;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { advanceWidth: number; id: number };
}

/** One face: its file bytes (for embedding) and its metrics (for layout). */
export interface LoadedFace {
  readonly style: FontStyle;
  readonly bytes: Uint8Array;
  readonly postscriptName: string;
  readonly metrics: FontMetrics;
  /** The parsed font, shared with pdf-lib so a WOFF2 is decompressed once per process. */
  readonly font: FontkitFont;
}

export type LoadedFamily = Readonly<Record<FontStyle, LoadedFace>>;

/** Folder of the DSFR font files. */
export function dsfrFontDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@codegouvfr/react-dsfr/package.json');
  return join(dirname(pkg), 'dsfr', 'fonts');
}

const BMP = 0x10000;

/**
 * Advances cached per code point in flat arrays: fontkit's glyph lookup would otherwise be
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

let cached: LoadedFamily | null = null;

/** Loads Marianne's four faces once per process. */
export function loadMarianne(): LoadedFamily {
  if (cached) return cached;
  const dir = dsfrFontDir();
  const faces = {} as Record<FontStyle, LoadedFace>;
  for (const style of Object.keys(FILES) as FontStyle[]) {
    const bytes = new Uint8Array(readFileSync(join(dir, FILES[style])));
    const font = fontkit.create(bytes) as unknown as FontkitFont;
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
 * The fontkit pdf-lib is given: it hands back the already parsed face for Marianne's bytes
 * (decompressing WOFF2 is pure JavaScript Brotli and cost more than the whole layout), and
 * parses anything else as usual. Subsets are created per document, so sharing is safe.
 */
export function sharedFontkit(family: LoadedFamily): { create(data: Uint8Array, postscriptName?: string): unknown } {
  const known = new Map<Uint8Array, FontkitFont>(Object.values(family).map((f) => [f.bytes, f.font]));
  return {
    create(data: Uint8Array, postscriptName?: string) {
      return known.get(data) ?? (fontkit as unknown as { create(d: Uint8Array, n?: string): unknown }).create(data, postscriptName);
    },
  };
}

/**
 * @pdf-lib/fontkit 1.1.1 writes a wrong `offSize` in the header of a CFF subset (6 for
 * Marianne; the CFF specification allows 1 to 4), and poppler/FreeType then reject the whole
 * font: the page renders blank while text extraction still works. Header offSize is unused
 * by readers beyond that check (every INDEX carries its own), so it is set to 4.
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
