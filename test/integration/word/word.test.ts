import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateRawSync, constants as zc, createDeflateRaw } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Convention } from '../../../shared/model/convention';
import { ConventionSchema } from '../../../shared/model/convention';
import { budgetTotals } from '../../../shared/rules/budget';
import { articleHeading } from '../../../shared/rules/numbering';
import { exportWordToFile, importWordFile } from '../../../main/word/index';

/*
 * Word in and out with real tools: the worked example exported by the docx library, opened by
 * LibreOffice (converted to PDF, read back by pdftotext), and imported again; documents typed
 * as a person would, saved as .docx by LibreOffice and by the docx library; and the files an
 * import must refuse (damaged, .doc, password-protected, zip bomb) with nothing created.
 */

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const camino = JSON.parse(readFileSync(join(root, 'test/fixtures/json/exemple-camino-2020.json'), 'utf8')) as Convention;
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-word-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** LibreOffice, headless, with a profile of its own (never the user's). */
function soffice(args: string[]): void {
  const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`soffice ${args.join(' ')} : ${r.status} ${r.stderr}`);
}
/** Spaces the French way (U+202F, U+00A0) read as plain spaces, runs of blanks as one. */
const flat = (text: string) => text.replace(/[\u00a0\u202f\s]+/g, ' ');

describe('export of the worked example', () => {
  let docx = '';
  beforeAll(async () => {
    docx = join(dir, 'camino.docx');
    await exportWordToFile(camino, docx, { draft: true });
  });

  it('opens in LibreOffice: the PDF it makes holds the articles, amounts and totals in order, marked « Projet »', () => {
    soffice(['--convert-to', 'pdf', '--outdir', dir, docx]);
    const pdf = join(dir, 'camino.pdf');
    expect(existsSync(pdf)).toBe(true);
    const r = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    const text = flat(r.stdout);
    const expected = [
      'Convention de délégation de gestion en date du 26 mars 2020',
      'Entre', 'Et', 'Vu le décret', 'Il a été convenu ce qui suit :', 'Préambule',
      ...camino.articles.slice(0, 2).map((a, i) => articleHeading(a, i)),
      // The budget table of article 2, totals computed (shared/rules).
      // (cells side by side: each amount and total, in reading order)
      'AE', 'CP', '0113-PEBC-ELAB', '140 000 EUR', '80 000 EUR', 'soit un total de', '220 000 EUR',
      '0181-CPRI-ELAB', '100 000 EUR', 'au titre du financement DGPR 2020',
      ...camino.articles.slice(2, 5).map((a, i) => articleHeading(a, i + 2)),
      'Références Chorus : 0113-PEBC-ELAB', 'Domaine fonctionnel : 0113-07', 'Centre de coût : DININCUB75', 'Références Chorus : 0181-CPRI-ELAB',
      ...camino.articles.slice(5).map((a, i) => articleHeading(a, i + 5)),
      'Fait à Paris, en quatre originaux, le 26 mars 2020', 'Brice HUET', 'Patrick SOULÉ', 'Patrice GUYOT',
      'Annexes', 'Annexe 1 : le manifeste beta.gouv.fr', 'Annexe 2 : détermination des frais encourus', 'Devops',
    ];
    let at = 0;
    for (const words of expected) {
      const found = text.indexOf(words, at);
      expect(found, `« ${words} » après la position ${at}`).toBeGreaterThanOrEqual(0);
      at = found + words.length;
    }
    expect(text).toContain('Projet – document non finalisé, à ne pas signer');
  }, 180_000);

  it('imports back: same articles, annexes, visas, parties, signatories and budget totals', async () => {
    const { convention: back, findings } = await importWordFile(docx, { today: '2024-01-01' });
    expect(ConventionSchema.safeParse(back).success).toBe(true);
    expect(back.title).toBe(camino.title);
    expect(back.articles.map((a) => a.title)).toEqual(camino.articles.map((a) => a.title));
    expect(back.annexes.map((a) => a.title)).toEqual(camino.annexes.map((a) => a.title));
    // Every article and annex has the same sequence of blocks (paragraphs, lists, tables…).
    const kinds = (c: Convention) => [...c.articles, ...c.annexes].map((a) => a.body.map((b) => b.kind).join(','));
    expect(kinds(back)).toEqual(kinds(camino));
    expect(back.visas.map((v) => v.text)).toEqual(camino.visas.map((v) => v.text));
    expect(back.preamble.length).toBe(camino.preamble.length);
    expect(budgetTotals(back.budget)).toEqual(budgetTotals(camino.budget));
    expect(back.budget.rows.map((r) => [r.uo, r.ae.length, r.cp.length])).toEqual(camino.budget.rows.map((r) => [r.uo, r.ae.length, r.cp.length]));
    expect(back.budget.rows[0]!.cp[1]!.note).toBe('(à rétablir)');
    expect(back.accounting.map((r) => [r.uo, r.domaineFonctionnel, r.centreCout])).toEqual(camino.accounting.map((r) => [r.uo, r.domaineFonctionnel, r.centreCout]));
    expect(back.parties.map((p) => [p.role, p.representatives.length, p.designations])).toEqual(camino.parties.map((p) => [p.role, p.representatives.length, p.designations]));
    expect(back.parties[1]!.entities[0]).toMatchObject({ name: 'Direction Interministérielle du Numérique', acronym: 'DINUM' });
    expect(back.signatories.map((s) => [s.name, s.title])).toEqual(camino.signatories.map((s) => [s.name, s.title]));
    expect([back.place, back.date, back.originals]).toEqual(['Paris', '2020-03-26', 4]);
    // Only the third signatory's party cannot be read from « L'adjoint à la Secrétaire générale ».
    expect(findings.map((f) => f.path)).toEqual(['signatories[2].partyId']);
  });
});

describe('documents typed by a person', () => {
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Convention</title></head><body>
<h1>Convention de partenariat pour l'accueil d'une startup d'État</h1>
<p>Entre</p>
<p>La Direction régionale de l'environnement (DREAL), située 5 place Jules Ferry, 69006 Lyon,</p>
<p>Représentée par M. Jean Dupont, Directeur régional,</p>
<p>Ci-après dénommée « la DREAL »,</p>
<p>Et</p>
<p>L'Agence nationale de la cohésion des territoires (ANCT)</p>
<p>Adresse : 20 avenue de Ségur, 75007 Paris</p>
<p>Représentée par Mme Claire Martin, Directrice générale,</p>
<p>Ci-après dénommée « l'ANCT »,</p>
<p>Vu le code général de la propriété des personnes publiques,</p>
<p>Vu le décret n°2012-1246 du 7 novembre 2012 relatif à la gestion budgétaire et comptable publique,</p>
<p>Il a été convenu ce qui suit :</p>
<p><b>Article 1er – Objet</b></p>
<p>La présente convention a pour objet de <i>définir</i> les modalités du partenariat.</p>
<ul><li>premier engagement ;</li><li>second engagement :<ul><li>détail imbriqué ;</li></ul></li></ul>
<h2>ARTICLE 2 : Financement</h2>
<p>Les crédits sont répartis comme suit :</p>
<table border="1"><tr><td></td><td><b>AE</b></td><td><b>CP</b></td></tr>
<tr><td>0113-PEBC-ELAB</td><td><p>50 000 EUR au titre de 2024</p><p>25 000,50 € au titre de 2025</p><p>soit un total de : 80 000 EUR</p></td><td><p>75 000,50 EUR au titre de 2024</p></td></tr></table>
<p>Texte après le tableau.</p>
<table border="1"><tr><td>Rôle</td><td>Contact</td></tr><tr><td>Pilote</td><td>DREAL</td></tr></table>
<p>Article 3 : Durée</p>
<p>La convention est conclue pour un an.</p>
<p>Fait à Lyon, en deux exemplaires, le 1er avril 2024</p>
<p>Le délégant,</p><p>Jean Dupont</p><p>Directeur régional</p>
<p><b>Annexe 1 : Calendrier</b></p>
<p>Premier trimestre : lancement.</p>
</body></html>`;
  let typed = '';
  beforeAll(() => {
    writeFileSync(join(dir, 'saisie.html'), html);
    soffice(['--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, join(dir, 'saisie.html')]);
    typed = join(dir, 'saisie.docx');
  }, 180_000);

  it('LibreOffice .docx: parties, visas, articles in their three spellings, lists, budget, free table, annex', async () => {
    const { convention: c, findings } = await importWordFile(typed, { today: '2024-01-01' });
    expect(c.title).toBe("Convention de partenariat pour l'accueil d'une startup d'État");
    expect(c.parties).toHaveLength(2);
    expect(c.parties[0]!.entities[0]).toMatchObject({ name: expect.stringContaining("Direction régionale de l'environnement") });
    expect(c.parties[0]!.representatives).toEqual([{ name: 'Jean Dupont', title: 'Directeur régional' }]);
    expect(c.parties[0]!.designations).toEqual(['la DREAL']);
    expect(c.parties[1]!.entities[0]).toMatchObject({ name: 'Agence nationale de la cohésion des territoires', acronym: 'ANCT', address: '20 avenue de Ségur, 75007 Paris' });
    expect(c.parties[1]!.representatives).toEqual([{ name: 'Claire Martin', title: 'Directrice générale' }]);
    expect(c.visas.map((v) => v.text.slice(0, 20))).toEqual(['Vu le code général d', 'Vu le décret n°2012-']);
    expect(c.articles.map((a) => a.title)).toEqual(['Objet', 'Financement', 'Durée']);
    const [a1, a2] = c.articles;
    expect(a1!.body.map((b) => b.kind)).toEqual(['paragraph', 'list']);
    expect(a1!.body[0]).toMatchObject({ runs: expect.arrayContaining([{ text: 'définir', italic: true }]) });
    const list = a1!.body[1];
    expect(list?.kind === 'list' && list.items[1]!.children?.[0]!.runs[0]!.text).toBe('détail imbriqué ;');
    expect(a2!.body.map((b) => b.kind)).toEqual(['paragraph', 'budget-table', 'paragraph', 'table']);
    expect(c.budget.rows).toHaveLength(1);
    expect(c.budget.rows[0]!.ae.map((l) => l.amountCents)).toEqual([5_000_000, 2_500_050]);
    expect(c.budget.rows[0]!.cp.map((l) => l.amountCents)).toEqual([7_500_050]);
    // « soit un total de : 80 000 EUR » against 75 000,50 EUR of lines: said.
    expect(findings.some((f) => /ne correspond pas à la somme des lignes/.test(f.message) && /80\s000/.test(f.message))).toBe(true);
    expect([c.place, c.date, c.originals]).toEqual(['Lyon', '2024-04-01', 2]);
    expect(c.signatories).toEqual([expect.objectContaining({ name: 'Jean Dupont', title: 'Directeur régional' })]);
    expect(c.annexes.map((a) => a.title)).toEqual(['Calendrier']);
    expect(ConventionSchema.safeParse(c).success).toBe(true);
  });

  it('docx library with Word-like styles and automatic article numbering (text of the heading is the title only)', async () => {
    const doc = new Document({
      numbering: { config: [{ reference: 'articles', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: 'Article %1 :', alignment: AlignmentType.LEFT }] }] },
      sections: [{
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Convention de mise à disposition')] }),
          new Paragraph('Entre'),
          new Paragraph({ children: [new TextRun({ text: 'Le ministère de la Culture', bold: true })] }),
          new Paragraph('Représenté par Anne Durand, Secrétaire générale,'),
          new Paragraph('Ci-après dénommé « le ministère »,'),
          new Paragraph('Et'),
          new Paragraph({ children: [new TextRun({ text: 'La Bibliothèque nationale (BNF)', bold: true })] }),
          new Paragraph('Représentée par Paul Morel, Président,'),
          new Paragraph('Ci-après dénommée « la BNF »,'),
          new Paragraph('Vu le code du patrimoine,'),
          new Paragraph('Il a été convenu ce qui suit :'),
          new Paragraph({ heading: HeadingLevel.HEADING_1, numbering: { reference: 'articles', level: 0 }, children: [new TextRun('Objet')] }),
          new Paragraph('Mise à disposition de locaux.'),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Locaux concernés')] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('bâtiment A')] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('bâtiment B')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, numbering: { reference: 'articles', level: 0 }, children: [new TextRun('Durée')] }),
          new Paragraph('Trois ans.'),
          new Paragraph('Une phrase égarée après les articles.'),
          new Paragraph('Fait à Paris, en 2 exemplaires, le 15/04/2026'),
        ],
      }],
    });
    const file = join(dir, 'docx-lib.docx');
    writeFileSync(file, await Packer.toBuffer(doc));
    const { convention: c } = await importWordFile(file, { today: '2024-01-01' });
    expect(c.title).toBe('Convention de mise à disposition');
    expect(c.parties.map((p) => [p.entities[0]?.name, p.entities[0]?.acronym, p.representatives[0]?.name, p.designations[0], p.designationGender])).toEqual([
      ['Ministère de la Culture', undefined, 'Anne Durand', 'le ministère', 'm'],
      ['Bibliothèque nationale', 'BNF', 'Paul Morel', 'la BNF', 'f'],
    ]);
    expect(c.visas.map((v) => v.text)).toEqual(['Vu le code du patrimoine,']);
    expect(c.articles.map((a) => a.title)).toEqual(['Objet', 'Durée']);
    expect(c.articles[0]!.body.map((b) => b.kind)).toEqual(['paragraph', 'heading', 'list']);
    expect([c.place, c.date, c.originals]).toEqual(['Paris', '2026-04-15', 2]);
  });
});

/** A zip by hand: local headers, data as given, central directory with the declared sizes. */
function zip(entries: Array<{ name: string; data: Buffer; method: number; size: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(e.method, 8);
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(e.size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(e.method, 10);
    ch.writeUInt32LE(e.data.length, 20);
    ch.writeUInt32LE(e.size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.data);
    centrals.push(ch, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A raw deflate stream of `megabytes` MB of zeros, made of one flushed 1 MB chunk repeated (never held whole). */
async function zerosDeflated(megabytes: number): Promise<Buffer> {
  const d = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  d.on('data', (c: Buffer) => chunks.push(c));
  d.write(Buffer.alloc(1024 * 1024));
  await new Promise<void>((res) => d.flush(zc.Z_FULL_FLUSH, () => res()));
  const one = Buffer.concat(chunks);
  d.close();
  // Each flushed chunk stands alone; a final empty fixed block (0x03 0x00) ends the stream.
  return Buffer.concat([...Array.from({ length: megabytes }, () => one), Buffer.from([0x03, 0x00])]);
}

describe('refused documents: a French message, nothing created, quickly', () => {
  const refused = async (file: string, pattern: RegExp) => {
    const started = Date.now();
    const rss = process.memoryUsage().rss;
    const err = await importWordFile(file).then(() => null, (e: unknown) => e as { name: string; message: string });
    expect(err?.name).toBe('UserError');
    expect(err?.message).toMatch(pattern);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
  };
  const cli = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin/paraphe.mjs'), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

  it('a damaged .docx (truncated zip) and a file that is not a zip', async () => {
    const good = readFileSync(join(dir, 'camino.docx'));
    writeFileSync(join(dir, 'tronque.docx'), good.subarray(0, Math.floor(good.length / 2)));
    await refused(join(dir, 'tronque.docx'), /endommagé.*Ouvrez-le dans Word/);
    writeFileSync(join(dir, 'texte.docx'), 'Ceci est du texte, pas un document Word.');
    await refused(join(dir, 'texte.docx'), /n'est pas un document Word \(\.docx\) lisible/);
  });

  it('an old .doc made by LibreOffice, and a password-protected .docx (an OLE container)', async () => {
    soffice(['--convert-to', 'doc', '--outdir', dir, join(dir, 'saisie.docx')]);
    expect(readFileSync(join(dir, 'saisie.doc')).subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    await refused(join(dir, 'saisie.doc'), /ancien format \(\.doc\).*enregistrez-le au format « Document Word \(\.docx\) »/);
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
    writeFileSync(join(dir, 'protege.docx'), ole);
    await refused(join(dir, 'protege.docx'), /protégé par un mot de passe.*retirez la protection/);
    // The CLI: exit 1, the same message, no JSON written.
    const r = cli(['import-word', 'protege.docx', '-o', 'protege.json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/protégé par un mot de passe/);
    expect(existsSync(join(dir, 'protege.json'))).toBe(false);
  }, 180_000);

  it('zip bombs: declared gigabytes, and an entry that lies about its size (2 GB of zeros in 2 MB)', async () => {
    const small = deflateRawSync(Buffer.from('<w:document/>'));
    writeFileSync(join(dir, 'declare.docx'), zip([
      { name: 'word/document.xml', data: small, method: 8, size: 13 },
      { name: 'word/media/huge.bin', data: small, method: 8, size: 0xfffffff0 },
    ]));
    await refused(join(dir, 'declare.docx'), /refusé.*plus de 120 Mo/);
    const bomb = await zerosDeflated(2048);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    writeFileSync(join(dir, 'bombe.docx'), zip([{ name: 'word/document.xml', data: bomb, method: 8, size: 4096 }]));
    await refused(join(dir, 'bombe.docx'), /se décompresse au-delà de la taille qu'il annonce/);
    const r = cli(['import-word', 'bombe.docx', '-o', 'bombe.json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/refusé/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toEqual([]);
  }, 60_000);
});
