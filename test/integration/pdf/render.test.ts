import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, PDFRef, PDFString, PDFHexString, PDFNumber } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderConvention } from '../../../main/pdf/index';
import type { Block, ListItem } from '../../../shared/model/blocks';
import type { Convention } from '../../../shared/model/convention';
import { annexHeading, articleHeading } from '../../../shared/rules/numbering';
import { getTemplate } from '../../../shared/templates/index';
import { smallConvention } from '../../fixtures/conventions';
import { artifactDir, keepArtifact, normalize, run, workFile } from './tools';

const camino = (): Convention => getTemplate('exemple-camino-2020')!.build();

/** Every paragraph and list item of a block list, as plain text. */
function blockTexts(blocks: readonly Block[]): string[] {
  const items = (list: readonly ListItem[]): string[] => list.flatMap((i) => [i.runs.map((r) => r.text).join(''), ...items(i.children ?? [])]);
  return blocks.flatMap((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? [b.runs.map((r) => r.text).join('')] : b.kind === 'list' ? items(b.items) : []));
}

describe('the worked example exemple-camino-2020 as a PDF', () => {
  let bytes: Uint8Array;
  let pageCount: number;
  let file: string;
  let text: string;

  beforeAll(async () => {
    const result = await renderConvention(camino());
    bytes = result.bytes;
    pageCount = result.pageCount;
    expect(result.warnings).toEqual([]);
    file = workFile('exemple-camino-2020.pdf');
    writeFileSync(file, bytes);
    keepArtifact(file, 'exemple-camino-2020.pdf');
    // Footers interrupt paragraphs that run across a page: drop them to compare the text.
    const shortTitle = camino().shortTitle;
    const lines = run('pdftotext', [file, '-']).stdout.replace(/\f/g, '\n').split('\n');
    expect(lines.filter((l) => /^Page \d+ \/ \d+$/.test(l.trim()))).toHaveLength(pageCount);
    text = normalize(lines.filter((l) => l.trim() !== shortTitle && !/^Page \d+ \/ \d+$/.test(l.trim())).join('\n'));
  });

  it('keeps to the length of the seed: 11 pages or fewer', () => {
    expect(pageCount).toBeLessThanOrEqual(11);
  });

  it('holds the seed text in reading order: title, parties, visas, every article, « Fait à … », annexes', () => {
    const c = camino();
    const anchors = [
      c.title,
      'Entre',
      'Secrétariat général des ministères',
      'Ci-après dénommée « le délégant »',
      'Direction Interministérielle du Numérique (DINUM)',
      'Ci-après dénommée « le délégataire » ou « la DINUM »',
      ...c.visas.map((v) => v.text),
      'Il a été convenu ce qui suit :',
      'Préambule',
      ...c.articles.map((a, i) => articleHeading(a, i)),
      'Fait à Paris, en quatre originaux, le 26 mars 2020',
      'Brice HUET', 'Patrick SOULÉ', 'Patrice GUYOT',
      ...c.annexes.map(annexHeading),
    ].map(normalize);
    let from = 0;
    for (const a of anchors) {
      const at = text.indexOf(a, from);
      expect(at, `« ${a} » after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at + a.length;
    }
    expect(c.annexes.map(annexHeading)).toEqual(['Annexe 1 : le manifeste beta.gouv.fr', 'Annexe 2 : détermination des frais encourus']);
  });

  it('carries every paragraph and list item of the preamble, the articles and the annexes exactly', () => {
    const c = camino();
    const all = [...blockTexts(c.preamble), ...c.articles.flatMap((a) => blockTexts(a.body)), ...c.annexes.flatMap((a) => blockTexts(a.body))];
    expect(all.length).toBeGreaterThan(80);
    const missing = all.map(normalize).filter((t) => !text.includes(t));
    expect(missing).toEqual([]);
  });

  it('prints every amount, total, UO and Chorus code', () => {
    for (const s of ['140 000 EUR', '80 000 EUR (à rétablir)', '220 000 EUR', '100 000 EUR', 'soit un total de : 220 000 EUR', '0113-PEBC-ELAB', '0181-CPRI-ELAB',
      'Références Chorus', '0113-07', '0113-07-16', '011301MB0601', '0181-11', '0181-11-03', '018111AM0303', 'DININCUB75', 'AE', 'CP']) {
      expect(text, s).toContain(s);
    }
    // Both cells of 0113-PEBC-ELAB show the computed total; the single-line cells of 0181 do not.
    expect(text.split('soit un total de : 220 000 EUR').length - 1).toBe(2);
    // The budget reads row by row when the layout is kept.
    const layout = run('pdftotext', ['-layout', file, '-']).stdout;
    expect(layout).toMatch(/0113-PEBC-ELAB\s+140\s000 EUR au titre du financement\s+140\s000 EUR au titre du financement/);
  });

  it('is clean for qpdf, embeds every font, and renders without a font error', () => {
    const check = run('qpdf', ['--check', file]);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    const fonts = run('pdffonts', [file]).stdout.trim().split('\n').slice(2);
    expect(fonts).toHaveLength(4);
    for (const line of fonts) expect(line).toMatch(/Marianne\S*\s+CID Type 0C\s+Identity-H\s+yes yes yes/);
    expect(fonts.every((l) => /^[A-Z]{6}\+Marianne/.test(l))).toBe(true);
    // poppler rejects a malformed CFF subset with « Embedded font file may be invalid ».
    // Page screenshots, kept under test-results/pdf/ for a person to look at.
    const shots = run('pdftoppm', ['-png', '-r', '60', file, workFile('exemple-camino-2020')]);
    expect(shots.stderr).toBe('');
    expect(shots.status).toBe(0);
    const dir = dirname(file);
    const pngs = readdirSync(dir).filter((f) => f.startsWith('exemple-camino-2020-') && f.endsWith('.png'));
    expect(pngs).toHaveLength(pageCount);
    const kept = artifactDir();
    for (const f of readdirSync(kept)) if (f.startsWith('exemple-camino-2020-') && f.endsWith('.png')) rmSync(join(kept, f));
    for (const f of pngs) keepArtifact(join(dir, f), f);
  });

  it('has one empty signature field per signatory, in signing order, on the page of its box', async () => {
    const c = camino();
    const doc = await PDFDocument.load(bytes);
    const acro = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    expect(acro.get(PDFName.of('SigFlags'))).toBeUndefined();
    const fields = acro.lookup(PDFName.of('Fields'), PDFArray);
    expect(fields.size()).toBe(c.signatories.length);
    const pages = doc.getPages();
    for (let i = 0; i < fields.size(); i += 1) {
      const ref = fields.get(i) as PDFRef;
      const f = doc.context.lookup(ref, PDFDict);
      expect(f.get(PDFName.of('FT'))).toBe(PDFName.of('Sig'));
      expect(f.get(PDFName.of('Subtype'))).toBe(PDFName.of('Widget'));
      expect((f.get(PDFName.of('T')) as PDFString).decodeText()).toBe(`signature-${i + 1}`);
      expect(f.get(PDFName.of('V'))).toBeUndefined();
      expect((f.get(PDFName.of('F')) as PDFNumber).asNumber()).toBe(4);
      const tu = (f.get(PDFName.of('TU')) as PDFHexString | PDFString).decodeText();
      expect(tu).toBe(`Signature ${i + 1} : ${c.signatories[i]!.name}, ${i === 1 ? 'le délégataire' : 'le délégant'}`);
      const who = f.lookup(PDFName.of('ParapheSignatory'), PDFDict);
      expect((who.get(PDFName.of('Order')) as PDFNumber).asNumber()).toBe(i + 1);
      expect((who.get(PDFName.of('Name')) as PDFHexString).decodeText()).toBe(c.signatories[i]!.name);
      expect((who.get(PDFName.of('Title')) as PDFHexString).decodeText()).toBe(c.signatories[i]!.title);
      const page = pages.find((p) => p.ref === f.get(PDFName.of('P')))!;
      expect(page).toBeDefined();
      const annots = page.node.lookup(PDFName.of('Annots'), PDFArray);
      expect(annots.asArray()).toContain(ref);
      const rect = f.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
      expect(rect[2]! - rect[0]!).toBeGreaterThan(150);
      expect(rect[3]! - rect[1]!).toBeGreaterThan(50);
    }
    // An independent reading: qpdf sees three signature fields with no value.
    const json = JSON.parse(run('qpdf', ['--json', '--json-key=acroform', pdfPath()]).stdout) as { acroform: { fields: Array<{ fullname: string; fieldtype: string; value: unknown }> } };
    expect(json.acroform.fields.map((f) => [f.fullname, f.fieldtype])).toEqual(c.signatories.map((_, i) => [`signature-${i + 1}`, '/Sig']));
    expect(json.acroform.fields.every((f) => f.value === null || f.value === undefined)).toBe(true);
  });

  const pdfPath = () => file;

  it('opens in pdf.js (the wizard preview): every page, its text, and the signature fields', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    expect(doc.numPages).toBe(pageCount);
    let all = '';
    const fields: string[] = [];
    for (let i = 1; i <= doc.numPages; i += 1) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      all += ` ${content.items.map((it) => ('str' in it ? it.str : '')).join(' ')}`;
      for (const a of await page.getAnnotations()) if (a.fieldType === 'Sig') fields.push(a.fieldName as string);
    }
    expect(normalize(all)).toContain('Fait à Paris, en quatre originaux, le 26 mars 2020');
    expect(normalize(all)).toContain('soit un total de : 220 000 EUR');
    expect(fields).toEqual(['signature-1', 'signature-2', 'signature-3']);
    await doc.destroy();
  });

  it('is archival: info and XMP agree, PDF/A-2b identification, sRGB output intent, trailer /ID, classic xref', async () => {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Convention de délégation de gestion en date du 26 mars 2020');
    expect(doc.getCreator()).toBe('Paraphe');
    expect(doc.getAuthor()).toContain('DINUM');
    expect(doc.getSubject()).toContain('Fait à Paris, en quatre originaux, le 26 mars 2020');
    expect(doc.getCreationDate()?.toISOString()).toBe('2020-03-26T00:00:00.000Z');
    const raw = Buffer.from(bytes).toString('latin1');
    const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(Buffer.from(bytes).toString('utf8'))![0];
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<xmp:CreatorTool>Paraphe</xmp:CreatorTool>');
    expect(xmp).toContain('<xmp:CreateDate>2020-03-26T00:00:00Z</xmp:CreateDate>');
    expect(xmp).toContain('Convention de délégation de gestion en date du 26 mars 2020');
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    const icc = intent.lookup(PDFName.of('DestOutputProfile'), PDFStream);
    expect((icc.dict.get(PDFName.of('N')) as PDFNumber).asNumber()).toBe(3);
    expect(raw).toMatch(/\/ID \[ ?<([0-9A-Fa-f]{32})> <\1> ?\]/);
    expect(raw).toMatch(/\nxref\n0 \d+\n/);
    for (const banned of ['/ObjStm', '/Type /XRef', '/JavaScript', '/JS ', '/Encrypt', '/NeedAppearances']) expect(raw).not.toContain(banned);
    expect(doc.catalog.get(PDFName.of('Lang'))).toBeDefined();
  });

  it('is reproducible: same convention and date give the same bytes; another date changes the dates and the /ID', async () => {
    const again = await renderConvention(camino());
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(bytes))).toBe(0);
    const later = await renderConvention(camino(), { date: '2020-04-02' });
    expect(Buffer.compare(Buffer.from(later.bytes), Buffer.from(bytes))).not.toBe(0);
    const doc = await PDFDocument.load(later.bytes, { updateMetadata: false });
    expect(doc.getCreationDate()?.toISOString()).toBe('2020-04-02T00:00:00.000Z');
  });
});

describe('rendering edge cases', () => {
  it('replaces a character Marianne lacks with a visible « ? » and says so', async () => {
    const c = smallConvention();
    const french = 'Œuvre à 5 € — déjà reçu, ÉTÉ, Noël, maïs, où, île, cœur ; « guillemets » et l’apostrophe.';
    c.preamble = [{ kind: 'paragraph', runs: [{ text: 'Bonhomme de neige ☃ et œuvre « 140\u202f000\u00a0EUR » l’été.' }] }, { kind: 'paragraph', runs: [{ text: french, italic: true }] }];
    const r = await renderConvention(c);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/« ☃ » \(U\+2603\).*remplacé par « \? »/);
    const file = workFile('missing-glyph.pdf');
    writeFileSync(file, r.bytes);
    const text = normalize(run('pdftotext', [file, '-']).stdout);
    expect(text).toContain('Bonhomme de neige ? et œuvre « 140 000 EUR » l’été.');
    expect(text).toContain(french);
  });

  it('refuses a convention the validator finds errors in, with its findings', async () => {
    const c = smallConvention();
    c.signatories = [];
    await expect(renderConvention(c)).rejects.toMatchObject({ code: 'invalid-convention', details: expect.arrayContaining([expect.objectContaining({ path: 'signatories' })]) });
  });

  it('previews an unfinished draft as a « Projet » on every page, with no signature field', async () => {
    const c = getTemplate('delegation-de-gestion')!.build();
    c.date = '2021-02-30';
    await expect(renderConvention(c)).rejects.toMatchObject({ code: 'invalid-convention' });
    const r = await renderConvention(c, { draft: true });
    const file = workFile('brouillon.pdf');
    writeFileSync(file, r.bytes);
    keepArtifact(file, 'brouillon-delegation-de-gestion.pdf');
    const pages = run('pdftotext', [file, '-']).stdout.split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(r.pageCount);
    for (const p of pages) expect(normalize(p)).toMatch(/Projet : la convention comporte \d+ erreurs? à corriger\. Ce document n'est pas à signer\./);
    expect(normalize(pages.join(' '))).toContain('le 2021-02-30');
    const doc = await PDFDocument.load(r.bytes);
    expect(doc.catalog.get(PDFName.of('AcroForm'))).toBeUndefined();
    expect(run('qpdf', ['--check', file]).status).toBe(0);
  });

  it('refuses a render date that does not exist', async () => {
    await expect(renderConvention(smallConvention(), { date: '2021-02-30' })).rejects.toMatchObject({ code: 'invalid-date' });
  });
});
