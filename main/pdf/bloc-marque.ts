import { ARTWORK } from './bloc-marque-artwork';
import type { ArtworkBox } from './layout/types';
import { pathOperators } from './svg-path';

/** The State's blue and red (#000091, #E1000F), and the grey of the Marianne's eye. */
const BLUE = '0 0 0.569 rg';
const RED = '0.882 0 0.059 rg';
const GREY = '0.502 0.502 0.502 rg';

/** The Marianne's frame: a flag of 44 × 16 units. */
export const MARIANNE_RATIO = 16 / 44;
/** The devise's three lines: 126 × 90 units. */
export const DEVISE_RATIO = 90 / 126;

const num = (n: number) => String(Math.round(n * 1000) / 1000);

// Built once: the artwork's path operators do not change.
let cache: { marianneWhite: string; marianneGrey: string; devise: string } | null = null;
function paths() {
  cache ??= {
    marianneWhite: pathOperators(ARTWORK.marianne.white),
    marianneGrey: pathOperators(ARTWORK.marianne.grey),
    devise: ARTWORK.devise.map((g) => `q 1 0 0 1 ${num(g.x)} ${num(g.y)} cm\n${pathOperators(g.d)}\nf Q`).join('\n'),
  };
  return cache;
}

/**
 * The content-stream operators that draw a bloc-marque drawing as vectors, from the DSFR's
 * artwork: the Marianne (the flag's blue and red under the white profile, clipped to the
 * flag) or the devise in black. The matrix puts the artwork's units (y downwards, as in SVG)
 * at the box: no image, nothing rasterised.
 */
export function artworkOperators(b: ArtworkBox, pageHeight: number): string {
  const p = paths();
  if (b.art === 'marianne') {
    const s = b.width / 44;
    return [
      `q ${num(s)} 0 0 ${num(-s)} ${num(b.x)} ${num(pageHeight - b.y)} cm`,
      `${BLUE} 0 0 22 16 re f ${RED} 22 0 22 16 re f`,
      '0 0 44 16 re W n',
      // The profile is drawn one unit higher than its own frame, as the DSFR shows it.
      '1 0 0 1 0 -1 cm',
      `1 1 1 rg\n${p.marianneWhite}\nf`,
      `${GREY}\n${p.marianneGrey}\nf`,
      'Q',
    ].join('\n');
  }
  const s = b.width / 126;
  return [`q ${num(s)} 0 0 ${num(-s)} ${num(b.x)} ${num(pageHeight - b.y)} cm`, '0 0 0 rg', p.devise, 'Q'].join('\n');
}
