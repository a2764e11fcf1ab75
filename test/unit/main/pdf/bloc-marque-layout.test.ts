import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { artworkOperators } from '../../../../main/pdf/bloc-marque';
import { loadMarianne, metricsOf } from '../../../../main/pdf/fonts';
import { layoutConvention } from '../../../../main/pdf/layout/document';
import { lineText } from '../../../../main/pdf/layout/text';
import type { ArtworkBox, TextBox } from '../../../../main/pdf/layout/types';
import { parsePath, pathOperators, SvgPathError } from '../../../../main/pdf/svg-path';
import { ARTWORK_MODULE, artworkModule, dsfrStylesheet, extractArtwork } from '../../../../scripts/gen-bloc-marque';
import { getTemplate } from '../../../../shared/templates/index';

const fonts = metricsOf(loadMarianne());
const camino = () => getTemplate('exemple-camino-2020')!.build();

describe('SVG path data', () => {
  it('reads compact numbers, repeated commands and arc flags written without spaces', () => {
    expect(parsePath('M11.3 10.2c-.9.6-1.7 1.3-2.3 2.1v-.1')).toEqual([
      { cmd: 'M', args: [11.3, 10.2] },
      { cmd: 'c', args: [-0.9, 0.6, -1.7, 1.3, -2.3, 2.1] },
      { cmd: 'v', args: [-0.1] },
    ]);
    expect(parsePath('a10.7 10.7 0 01.3-2.2')).toEqual([{ cmd: 'a', args: [10.7, 10.7, 0, 0, 1, 0.3, -2.2] }]);
    expect(parsePath('m1 2 3 4z')).toEqual([{ cmd: 'm', args: [1, 2] }, { cmd: 'l', args: [3, 4] }, { cmd: 'z', args: [] }]);
    expect(parsePath('M1e1,2E-1')).toEqual([{ cmd: 'M', args: [10, 0.2] }]);
  });

  it('refuses what is not path data', () => {
    expect(() => parsePath('M1 2 X3')).toThrow(SvgPathError);
    expect(() => parsePath('1 2')).toThrow(SvgPathError);
    expect(() => parsePath('a1 1 0 21 2')).toThrow(SvgPathError);
    expect(() => parsePath('L1')).toThrow(SvgPathError);
  });

  it('turns relative commands into absolute PDF operators, smooth and quadratic curves into cubics', () => {
    expect(pathOperators('M1 1h2v3l-1 1z').split('\n')).toEqual(['1 1 m', '3 1 l', '3 4 l', '2 5 l', 'h']);
    expect(pathOperators('M0 0C1 0 2 1 2 2S3 4 4 4').split('\n')).toEqual(['0 0 m', '1 0 2 1 2 2 c', '2 3 3 4 4 4 c']);
    expect(pathOperators('M0 0Q3 0 3 3').split('\n')).toEqual(['0 0 m', '2 0 3 1 3 3 c']);
  });

  it('draws an arc as quarter-turn cubics that end exactly where the arc ends, on its circle', () => {
    const ops = pathOperators('M0 10A10 10 0 0 1 10 0A10 10 0 1 1 0 10').split('\n');
    const curves = ops.filter((o) => o.endsWith(' c')).map((o) => o.split(' ').slice(0, 6).map(Number));
    // A quarter turn, then three quarters: four curves in all.
    expect(curves).toHaveLength(4);
    expect(curves[0]!.slice(4)).toEqual([10, 0]);
    expect(curves[3]!.slice(4)).toEqual([0, 10]);
    for (const c of curves) expect(Math.hypot(c[4]! - 10, c[5]! - 10)).toBeCloseTo(10, 2);
  });
});

describe('the bloc-marque artwork', () => {
  it('is what the DSFR package ships (regenerate with `npx tsx scripts/gen-bloc-marque.ts`)', () => {
    const art = extractArtwork(dsfrStylesheet());
    expect(readFileSync(ARTWORK_MODULE, 'utf8')).toBe(artworkModule(art));
    // « Liberté », « Égalité », « Fraternité »: 24 letters, the acute accents of the three « é » drawn apart.
    expect(art.devise).toHaveLength(27);
    for (const g of art.devise) expect(() => parsePath(g.d)).not.toThrow();
  });

  it('draws the Marianne over the flag, clipped to it, and the devise in black, placed by a matrix', () => {
    const marianne = artworkOperators({ kind: 'artwork', art: 'marianne', x: 70, y: 62, width: 33, height: 12 }, 841.89);
    expect(marianne.startsWith('q 0.75 0 0 -0.75 70 779.89 cm')).toBe(true);
    expect(marianne).toContain('0 0 0.569 rg 0 0 22 16 re f 0.882 0 0.059 rg 22 0 22 16 re f');
    expect(marianne).toContain('0 0 44 16 re W n');
    expect(marianne.trimEnd().endsWith('Q')).toBe(true);
    const devise = artworkOperators({ kind: 'artwork', art: 'devise', x: 70, y: 100, width: 31.5, height: 22.5 }, 841.89);
    expect(devise.match(/\nf Q/g)).toHaveLength(27);
    expect(devise).toContain('0 0 0 rg');
  });
});

describe('the bloc-marque on page 1', () => {
  it('puts the Marianne, « RÉPUBLIQUE FRANÇAISE », the devise, then the title; the ministries at the right, in capitals', () => {
    const c = camino();
    c.presentation = { blocMarque: { ministries: ['Ministère de la Transition écologique', ' ', 'Premier ministre'] } };
    const doc = layoutConvention(c, fonts);
    const page = doc.pages[0]!;
    const art = page.boxes.filter((b): b is ArtworkBox => b.kind === 'artwork');
    expect(art.map((a) => a.art)).toEqual(['marianne', 'devise']);
    const texts = page.boxes.filter((b): b is TextBox => b.kind === 'text');
    const at = (t: string) => texts.find((b) => lineText(b) === t)!;
    const [marianne, devise] = art;
    expect(marianne!.y).toBeLessThan(at('RÉPUBLIQUE').y);
    expect(at('RÉPUBLIQUE').y).toBeLessThan(at('FRANÇAISE').y);
    expect(at('FRANÇAISE').y).toBeLessThan(devise!.y);
    expect(devise!.y + devise!.height).toBeLessThan(at(c.title).y - 15);
    expect(marianne!.x).toBe(devise!.x);
    expect(marianne!.height / marianne!.width).toBeCloseTo(16 / 44, 5);
    const ministries = texts.filter((b) => /^(MINISTÈRE|PREMIER)/.test(lineText(b)));
    expect(ministries.map(lineText)).toEqual(['MINISTÈRE DE LA TRANSITION ÉCOLOGIQUE', 'PREMIER MINISTRE']);
    for (const m of ministries) expect(m.x + m.width).toBeCloseTo(doc.frame.width - doc.frame.right, 1);
    expect(doc.pages.length).toBeLessThanOrEqual(12);
    expect(doc.warnings).toEqual([]);
  });

  it('is absent unless asked for: the worked example has none', () => {
    const doc = layoutConvention(camino(), fonts);
    expect(doc.pages.flatMap((p) => p.boxes).some((b) => b.kind === 'artwork')).toBe(false);
    expect(doc.pages[0]!.boxes.some((b) => b.kind === 'text' && lineText(b) === 'RÉPUBLIQUE')).toBe(false);
  });
});
