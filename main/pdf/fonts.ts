import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { FontMetrics, FontStyle } from './layout/types';

/**
 * The State's typeface, Marianne, as shipped by the DSFR package (read from node_modules at
 * run time, never copied into the repository). Its use is reserved to the services of the
 * State under the « marque de l'État » (the DSFR's terms), which is who Paraphe is for.
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
}

export type LoadedFamily = Readonly<Record<FontStyle, LoadedFace>>;

/** Folder of the DSFR font files. */
export function dsfrFontDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@codegouvfr/react-dsfr/package.json');
  return join(dirname(pkg), 'dsfr', 'fonts');
}

/** Advances cached per code point: fontkit's glyph lookup is the hot spot of layout. */
export class FontkitMetrics implements FontMetrics {
  private readonly scale: number;
  private readonly cache = new Map<number, number>();
  private readonly hasCache = new Map<number, boolean>();
  constructor(private readonly font: FontkitFont) {
    this.scale = 1000 / font.unitsPerEm;
  }
  has(cp: number): boolean {
    let h = this.hasCache.get(cp);
    if (h === undefined) {
      h = this.font.hasGlyphForCodePoint(cp);
      this.hasCache.set(cp, h);
    }
    return h;
  }
  advance(cp: number): number {
    let w = this.cache.get(cp);
    if (w === undefined) {
      if (this.has(cp)) w = this.font.glyphForCodePoint(cp).advanceWidth * this.scale;
      // A narrow no-break space the font lacks is drawn as a space narrowed to a thin space.
      else if (cp === 0x202f) w = this.has(0x2009) ? this.advance(0x2009) : this.advance(0x20) / 2;
      else w = 0;
      this.cache.set(cp, w);
    }
    return w;
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
    faces[style] = { style, bytes, postscriptName: font.postscriptName, metrics: new FontkitMetrics(font) };
  }
  cached = faces;
  return faces;
}

/** The metrics of a loaded family, as layout wants them. */
export function metricsOf(family: LoadedFamily): Readonly<Record<FontStyle, FontMetrics>> {
  return { regular: family.regular.metrics, bold: family.bold.metrics, italic: family.italic.metrics, boldItalic: family.boldItalic.metrics };
}
