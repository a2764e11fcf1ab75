import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConvention } from '../../../main/pdf/index';
import { layoutConvention } from '../../../main/pdf/layout/document';
import { loadMarianne, metricsOf } from '../../../main/pdf/fonts';
import { lineText } from '../../../main/pdf/layout/text';
import type { TextBox } from '../../../main/pdf/layout/types';
import type { Convention } from '../../../shared/model/convention';
import { getTemplate } from '../../../shared/templates/index';
import { smallConvention } from '../../fixtures/conventions';
import { numberedConvention } from '../../fixtures/numbered-convention';
import { keepArtifact, normalize, run, workFile } from './tools';

/**
 * « Article 1er », numbered sub-articles and references, in the laid-out boxes and in the
 * PDF's text as pdftotext reads it.
 */

const numbered = numberedConvention;

async function pdfText(c: Convention, name: string, draft = false): Promise<string> {
  const result = await renderConvention(c, { draft });
  expect(result.warnings).toEqual([]);
  const file = workFile(name);
  writeFileSync(file, result.bytes);
  keepArtifact(file, name);
  return normalize(run('pdftotext', [file, '-']).stdout);
}

const family = loadMarianne();
const fonts = metricsOf(family);
const texts = (c: Convention): TextBox[] =>
  layoutConvention(c, fonts).pages.flatMap((p) => p.boxes.filter((b): b is TextBox => b.kind === 'text'));

describe('article numbers in the layout', () => {
  it('raises the « er » of « Article 1er », smaller, and leaves other articles plain', () => {
    const boxes = texts(numbered());
    const first = boxes.find((b) => lineText(b).startsWith('Article 1'))!;
    expect(lineText(first)).toBe('Article 1er : Objet');
    const sup = first.fragments.filter((f) => f.script === 'super');
    expect(sup.map((f) => f.parts.join(' '))).toEqual(['er']);
    // Without the option: « Article 1 », nothing raised.
    const plain = texts(smallConvention()).find((b) => lineText(b).startsWith('Article 1'))!;
    expect(lineText(plain)).toBe('Article 1 : Objet');
    expect(plain.fragments.some((f) => f.script)).toBe(false);
  });

  it('numbers sub-articles after their article and prints references with the current number', () => {
    const lines = texts(numbered()).map(lineText).map(normalize);
    expect(lines).toContain('3.1 Engagements du délégant');
    expect(lines).toContain('3.2 Engagements du délégataire');
    expect(lines).toContain('Intertitre sans numéro');
    // In an annex, a numbered heading prints plain: there is no article number to follow.
    expect(lines).toContain('Titre numéroté en annexe');
    expect(lines.join('\n')).toContain('Comme le prévoit l’article 1er, le délégant agit.');
    expect(lines.join('\n')).toContain('Article 3 précise les engagements.');
    expect(lines.join('\n')).toContain('voir l’annexe 1 ;');
  });
});

describe('article numbers in the PDF (pdftotext)', () => {
  it('reads « Article 1er », the sub-article numbers and the references', async () => {
    const text = await pdfText(numbered(), 'articles-numbering.pdf');
    expect(text).toContain('Article 1er : Objet');
    expect(text).toContain('Article 2 : Budget');
    expect(text).toContain('3.1 Engagements du délégant');
    expect(text).toContain('3.2 Engagements du délégataire');
    expect(text).toContain('Comme le prévoit l’article 1er, le délégant agit.');
    expect(text).toContain('Article 3 précise les engagements.');
    expect(text).not.toMatch(/article 9|Article 9|annexe 7/);
  });

  it('renumbers references and sub-articles when articles move', async () => {
    const c = numbered();
    // Article 3 (with the sub-articles) moves first; the former article 1 becomes article 2.
    c.articles = [c.articles[2]!, c.articles[0]!, c.articles[1]!];
    const text = await pdfText(c, 'articles-numbering-moved.pdf');
    expect(text).toContain('Article 1er : Tableau');
    expect(text).toContain('1.1 Engagements du délégant');
    expect(text).toContain('1.2 Engagements du délégataire');
    expect(text).toContain('Comme le prévoit l’article 2, le délégant agit.');
    expect(text).toContain('Article 1er précise les engagements.');
    expect(text).toContain('Article 2 : Objet');
  });

  it('a reference whose target is gone refuses the final PDF, and a draft prints its stored text', async () => {
    const c = numbered();
    c.annexes = [];
    await expect(renderConvention(c)).rejects.toThrow(/1 erreur/);
    const text = await pdfText(c, 'articles-numbering-gone.pdf', true);
    expect(text).toContain('voir l’annexe 7 ;');
  });

  it('leaves the worked example at « Article 1 » (no presentation)', async () => {
    const c = getTemplate('exemple-camino-2020')!.build();
    expect(c.presentation?.firstArticle).toBeUndefined();
    const boxes = texts(c).map(lineText);
    expect(boxes.some((l) => l.startsWith('Article 1 : '))).toBe(true);
    expect(boxes.some((l) => l.startsWith('Article 1er'))).toBe(false);
  });
});
