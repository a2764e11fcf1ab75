import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWordToFile, importWordFile } from '../../../main/word/index';
import type { Block } from '../../../shared/model/blocks';
import type { Convention } from '../../../shared/model/convention';
import { numberedConvention } from '../../fixtures/numbered-convention';

/*
 * « Article 1er », sub-article numbers and references through Word: the export prints the
 * current numbers (« er » in superscript), the import reads back « 1er » or « 1 » and keeps
 * references as plain text.
 */

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-word-numbering-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The main part of a .docx, as Word stores it. */
const documentXml = (docx: string) => spawnSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' }).stdout;
/** Paragraph texts of the .docx, in order (runs joined). */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
const textOf = (blocks: readonly Block[]) =>
  blocks.map((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? b.runs.map((r) => r.text).join('') : b.kind === 'list' ? b.items.map((i) => i.runs.map((r) => r.text).join('')).join('\n') : '')).join('\n');

async function roundTrip(c: Convention, name: string) {
  const docx = join(dir, name);
  await exportWordToFile(c, docx, { draft: false });
  return { xml: documentXml(docx), imported: await importWordFile(docx) };
}

describe('article numbers through Word', () => {
  it('exports « Article 1er » (superscript « er »), « 3.1 » and the current references, and reads « 1er » back', async () => {
    const { xml, imported } = await roundTrip(numberedConvention(), 'numbered.docx');
    const texts = paragraphs(xml).map((t) => t.replace(/\u00a0/g, ' '));
    expect(texts).toContain('Article 1er : Objet');
    expect(texts).toContain('3.1 Engagements du délégant');
    expect(texts).toContain('Intertitre sans numéro');
    expect(texts).toContain('3.2 Engagements du délégataire');
    expect(texts).toContain('Titre numéroté en annexe');
    expect(texts).toContain('Comme le prévoit l’article 1er, le délégant agit.');
    expect(texts).toContain('Article 3 précise les engagements.');
    expect(texts).toContain('voir l’annexe 1 ;');
    expect(xml).toMatch(/<w:vertAlign w:val="superscript"\/>[\s\S]{0,80}<w:t[^>]*>er<\/w:t>/);

    const c = imported.convention;
    expect(c.presentation?.firstArticle).toBe('1er');
    // Sub-articles come back numbered, their number computed again (not kept in the text).
    expect(c.articles[2]!.body.filter((b) => b.kind === 'heading')).toEqual([
      { kind: 'heading', runs: [{ text: 'Engagements du délégant' }], numbered: true },
      { kind: 'heading', runs: [{ text: 'Intertitre sans numéro' }] },
      { kind: 'heading', runs: [{ text: 'Engagements du délégataire' }], numbered: true },
    ]);
    expect(c.articles.map((a) => a.title)).toEqual(['Objet', 'Budget', 'Tableau']);
    // References come back as the plain text they printed.
    const body = textOf(c.articles[2]!.body);
    expect(body).toContain('Comme le prévoit l’article 1er, le délégant agit.');
    expect(JSON.stringify(c)).not.toContain('"ref"');
  });

  it('reads « Article 1 » back as « 1 »', async () => {
    const c = numberedConvention();
    c.presentation = { firstArticle: '1' };
    const { xml, imported } = await roundTrip(c, 'plain.docx');
    expect(paragraphs(xml)).toContain('Article 1 : Objet');
    expect(xml).not.toContain('superscript');
    expect(imported.convention.presentation?.firstArticle).toBe('1');
    expect(imported.convention.articles).toHaveLength(3);
  });
});
