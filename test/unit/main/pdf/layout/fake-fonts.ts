import type { FontMetrics, FontSet } from '../../../../../main/pdf/layout/types';
import { GlyphReport, type MeasureContext } from '../../../../../main/pdf/layout/text';

/**
 * Monospaced faces with round numbers, so tests can compute widths by hand: every glyph is
 * 500/1000 em (bold 600), the space 250; U+202F and emoji are absent, as in Marianne.
 */
export function fakeFace(advance: number): FontMetrics {
  const missing = (cp: number) => cp === 0x202f || cp > 0xffff;
  return {
    has: (cp) => !missing(cp),
    advance: (cp) => (cp === 0x20 ? 250 : cp === 0x202f ? 125 : missing(cp) ? 0 : advance),
  };
}

export const FAKE_FONTS: FontSet = { regular: fakeFace(500), bold: fakeFace(600), italic: fakeFace(500), boldItalic: fakeFace(600) };

/** A measuring context over the fake faces, with its own glyph report. */
export function fakeContext(where = 'test'): MeasureContext & { glyphs: GlyphReport } {
  return { fonts: FAKE_FONTS, glyphs: new GlyphReport(), where };
}
