import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMarianne, metricsOf, renderConvention } from '../../../main/pdf/index';
import { layoutConvention } from '../../../main/pdf/layout/document';
import { countLooseLines } from '../../../main/pdf/layout/quality';
import type { Convention } from '../../../shared/model/convention';
import { getTemplate } from '../../../shared/templates/index';
import { keepArtifact, run, workFile } from './tools';

/*
 * Issue 13, typesetting: spaces drawn as the breaker set them; the worked example set with French hyphenation (the convention’s
 * option), as a reader's tool (pdftotext) sees the PDF: hyphens only at line ends, each one
 * either cutting a word of the text or being the word's own.
 */

/** The lines pdftotext reads from the rendered PDF, footers left out: `raw`, one per printed line; otherwise as poppler joins them (it drops a hyphen at a line end). */
async function pdfLines(c: Convention, name: string, raw: boolean): Promise<string[]> {
  const r = await renderConvention(c);
  expect(r.warnings).toEqual([]);
  const file = workFile(name);
  writeFileSync(file, r.bytes);
  keepArtifact(file, name);
  // The footer (short title, « Page n / N ») sits between a page's last line and the next page's first.
  const footer = (l: string) => l.startsWith(c.shortTitle.trim()) || /^Page \d+ \/ \d+$/.test(l);
  return run('pdftotext', [...(raw ? ['-raw'] : []), file, '-']).stdout.split(/\n|\f/).map((l) => l.trim()).filter((l) => l !== '' && !footer(l));
}

const words = (lines: readonly string[]) => new Set(lines.flatMap((l) => l.split(/\s+/)));
const endsCut = (line: string | undefined) => line !== undefined && /\p{L}-$/u.test(line);

describe('spaces in the PDF', () => {
  it('draws the spaces of a line set tight narrower than normal, and of a justified line wider (TJ kerning after each space)', async () => {
    const r = await renderConvention(getTemplate('exemple-camino-2020')!.build());
    const file = workFile('spaces.pdf');
    writeFileSync(file, r.bytes);
    const content = run('qpdf', ['--qdf', '--object-streams=disable', file, '-']).stdout;
    // After a breaking space (a glyph alone in its string: a no-break one is drawn inside a word), a
    // positive number moves the next word left (narrower), a negative one right (wider).
    const kerns = [...content.matchAll(/[[ ]<[0-9a-f]{4}> (-?\d+(?:\.\d+)?) </g)].map((m) => Number(m[1]));
    expect(kerns.some((k) => k > 0)).toBe(true);
    expect(kerns.some((k) => k < 0)).toBe(true);
    // Never narrower than 75 % of Marianne's space (270/1000 em): at most 67.5 units.
    expect(Math.max(...kerns)).toBeLessThanOrEqual(67.5 + 1e-3);
  });
});

describe('French hyphenation in the PDF (pdftotext)', () => {
  const example = getTemplate('exemple-camino-2020')!.build();
  const hyphenated: Convention = { ...example, presentation: { ...example.presentation, hyphenation: true } };

  it('is off by default: no line ends on a hyphen the text does not have', async () => {
    const lines = await pdfLines(example, 'hyphenation-off.pdf', true);
    const vocabulary = words([...lines, ...(await pdfLines(example, 'hyphenation-off.pdf', false))]);
    lines.forEach((l, i) => {
      if (!endsCut(l) || i + 1 >= lines.length) return;
      const head = l.split(/\s+/).pop()!;
      const tail = lines[i + 1]!.split(/\s+/)[0]!;
      // A compound or a code cut after its own hyphen would still read as one word with it.
      expect(vocabulary.has(`${head.slice(0, -1)}${tail}`) && !vocabulary.has(`${head}${tail}`), `${head} ${tail}`).toBe(false);
    });
  });

  it('draws a real « - » only at line ends, each cutting a word of the text, which extraction gives back whole; fewer loose lines', async () => {
    // Both readings: they differ on narrow no-break spaces (« 140 000 » read « 140000 » line by line).
    const vocabulary = words([...(await pdfLines(example, 'hyphenation-reference.pdf', false)), ...(await pdfLines(example, 'hyphenation-reference.pdf', true))]);
    const printed = await pdfLines(hyphenated, 'hyphenation-on.pdf', true);
    let cuts = 0;
    printed.forEach((l, i) => {
      const tokens = l.split(/\s+/);
      // Inside a line every word is one of the unhyphenated text (the first may end a word cut on the line before).
      for (const t of tokens.slice(endsCut(printed[i - 1]) ? 1 : 0, -1)) expect(vocabulary.has(t), `« ${t} » in « ${l} »`).toBe(true);
      if (!endsCut(l) || i + 1 >= printed.length) return;
      const head = tokens[tokens.length - 1]!;
      const tail = printed[i + 1]!.split(/\s+/)[0]!;
      if (vocabulary.has(`${head.slice(0, -1)}${tail}`)) cuts += 1;
      else expect(vocabulary.has(`${head}${tail}`), `${head} | ${tail}`).toBe(true);
    });
    expect(cuts).toBeGreaterThan(5);
    // Read as a text (poppler joins a paragraph's lines and drops a hyphen at a line end), every word is whole.
    for (const t of words(await pdfLines(hyphenated, 'hyphenation-on.pdf', false))) expect(vocabulary.has(t), t).toBe(true);
    const fonts = metricsOf(loadMarianne());
    const loose = (c: Convention) => countLooseLines(layoutConvention(c, fonts).pages, fonts);
    expect(loose(hyphenated)).toBeLessThan(loose(example) / 2);
  });
});
