import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderConvention } from '../../../main/pdf/index';
import type { Convention } from '../../../shared/model/convention';
import { getTemplate } from '../../../shared/templates/index';
import { keepArtifact, normalize, run, workFile } from './tools';

/** The worked example with the bloc-marque of its two ministries. */
function withBlocMarque(): Convention {
  const c = getTemplate('exemple-camino-2020')!.build();
  c.presentation = { blocMarque: { ministries: ['Ministère de la Transition écologique et solidaire', 'Ministère de la Cohésion des territoires'] } };
  return c;
}

/** A page rendered by poppler as a binary PPM: width, height, RGB bytes. */
function rasterize(file: string, page: number, dpi: number): { width: number; height: number; rgb: Uint8Array } {
  const out = workFile(`raster-${page}`);
  const r = run('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, out]);
  expect(r.status, r.stderr).toBe(0);
  const bytes = readFileSync(`${out}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), rgb: bytes.subarray(header[0].length) };
}

describe('the bloc-marque in the PDF', () => {
  let file: string;
  let pageCount: number;

  beforeAll(async () => {
    const result = await renderConvention(withBlocMarque());
    expect(result.warnings).toEqual([]);
    pageCount = result.pageCount;
    file = workFile('bloc-marque.pdf');
    writeFileSync(file, result.bytes);
    keepArtifact(file, 'bloc-marque.pdf');
  });

  it('reads « RÉPUBLIQUE FRANÇAISE » and the ministries, before the title, on page 1 only', () => {
    const pages = run('pdftotext', [file, '-']).stdout.split('\f');
    const first = normalize(pages[0]!);
    const title = first.indexOf('Convention de délégation de gestion en date du 26 mars 2020');
    for (const s of ['RÉPUBLIQUE FRANÇAISE', 'MINISTÈRE DE LA TRANSITION ÉCOLOGIQUE ET SOLIDAIRE', 'MINISTÈRE DE LA COHÉSION DES TERRITOIRES']) {
      const at = first.indexOf(s);
      expect(at, s).toBeGreaterThanOrEqual(0);
      expect(at, s).toBeLessThan(title);
    }
    expect(pages.slice(1).join(' ')).not.toContain('RÉPUBLIQUE');
    // The worked example keeps its text and stays within a page more than its 11.
    expect(pageCount).toBeLessThanOrEqual(12);
  });

  it('draws the Marianne in the State’s blue and red, as vectors (no image in the file)', () => {
    const { width, rgb } = rasterize(file, 1, 72);
    // The flag: 33 × 12 points at the top-left corner of the text column (70.87, 62).
    const pixel = (x: number, y: number) => {
      const i = (Math.round(y) * width + Math.round(x)) * 3;
      return [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!] as const;
    };
    const [br, bg, bb] = pixel(73, 70);
    expect(bb).toBeGreaterThan(120);
    expect(br + bg).toBeLessThan(60);
    const [rr, rg, rb] = pixel(101, 64);
    expect(rr).toBeGreaterThan(190);
    expect(rg + rb).toBeLessThan(60);
    // The devise under « FRANÇAISE »: some dark ink where « Liberté » is drawn.
    let dark = 0;
    for (let y = 103; y < 112; y += 1) for (let x = 71; x < 90; x += 1) if (pixel(x, y)[0]! < 100) dark += 1;
    expect(dark).toBeGreaterThan(5);
    const images = run('pdfimages', ['-list', file]).stdout.trim().split('\n').slice(2);
    expect(images).toEqual([]);
  });

  it('stays a clean file for qpdf', () => {
    const r = run('qpdf', ['--check', file]);
    expect(r.stdout).toContain('No syntax or stream encoding errors');
  });
});
