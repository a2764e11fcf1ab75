import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderConvention } from '../../../main/pdf/index';
import type { Convention } from '../../../shared/model/convention';
import { getTemplate } from '../../../shared/templates/index';
import { run, workFile } from './tools';

/*
 * The PDF is tagged, as Word makes it when it saves a PDF: a structure tree a screen reader
 * follows, read back here by poppler (pdfinfo -struct-text), never by our own code alone.
 */

/** One element of poppler's printed structure: its role, depth and text. */
interface Element {
  readonly role: string;
  readonly depth: number;
  readonly text: string;
}

/** poppler's view of the structure tree, in reading order. */
function structure(file: string): Element[] {
  const out: Element[] = [];
  for (const line of run('pdfinfo', ['-struct-text', file]).stdout.split('\n')) {
    const m = /^( *)(\S+)(?: \(\w+\))?$/.exec(line);
    const t = /^ *"(.*)"$/.exec(line);
    if (t && out.length > 0) {
      const last = out[out.length - 1]!;
      out[out.length - 1] = { ...last, text: last.text + t[1] };
    } else if (m && !line.trim().startsWith('"')) out.push({ role: m[2]!, depth: m[1]!.length / 2, text: '' });
  }
  return out;
}

/**
 * The characters of a text, spaces left out, sorted: what is read and what is printed compare
 * whatever their order (two columns, table cells) and wherever pdftotext guesses a word gap.
 */
const characters = (s: string) => [...s.replace(/\s+/g, '')].sort().join('');

async function rendered(c: Convention, name: string): Promise<string> {
  const file = workFile(name);
  writeFileSync(file, (await renderConvention(c)).bytes);
  return file;
}

describe('the tagged PDF of the worked example', () => {
  let c: Convention;
  let file: string;
  let tree: Element[];
  beforeAll(async () => {
    c = getTemplate('exemple-camino-2020')!.build();
    file = await rendered(c, 'balise.pdf');
    tree = structure(file);
  });

  it('says it is tagged, in French, and qpdf finds it well formed', () => {
    expect(run('pdfinfo', [file]).stdout).toMatch(/^Tagged:\s+yes$/m);
    const qpdf = run('qpdf', ['--check', file]);
    expect(qpdf.status, qpdf.stdout + qpdf.stderr).toBe(0);
    expect(run('qpdf', ['--show-object=trailer', file]).status).toBe(0);
  });

  it('reads as the document is written: the title (H1), the parties, the visas, the preamble, each article (H2)', () => {
    expect(tree[0]).toMatchObject({ role: 'Document', depth: 0 });
    expect(tree[1]).toEqual({ role: 'H1', depth: 1, text: c.title });
    const h2 = tree.filter((e) => e.role === 'H2').map((e) => e.text);
    expect(h2[0]).toBe('Préambule');
    expect(h2.slice(1, 1 + c.articles.length).every((t, i) => t.startsWith(`Article ${i + 1}`))).toBe(true);
    // A paragraph across lines reads with its words apart (each line ends with a space).
    const parties = tree.find((e) => e.role === 'P' && e.text.startsWith('Secrétariat général'))!;
    expect(parties.text).toContain('et de la Cohésion des territoires');
    const visa = tree.find((e) => e.text.startsWith('Vu le décret 2004-1085'))!;
    expect(visa.text).toBe(c.visas[0]!.text);
  });

  it('marks lists (L, LI, Lbl, LBody) and tables (Table, TR, TH, TD) as such', () => {
    const at = tree.findIndex((e) => e.role === 'L');
    expect(tree.slice(at + 1, at + 4).map((e) => e.role)).toEqual(['LI', 'Lbl', 'LBody']);
    expect(tree[at + 2]!.text).toBe('•');
    const tables = tree.filter((e) => e.role === 'Table').length;
    // The budget table and the Chorus references of each UO.
    expect(tables).toBe(1 + c.accounting.length);
    const firstTable = tree.findIndex((e) => e.role === 'Table');
    expect(tree.slice(firstTable + 1, firstTable + 3).map((e) => e.role)).toEqual(['TR', 'TH']);
    expect(tree.some((e) => e.role === 'TD' && e.text === '0113-PEBC-ELAB')).toBe(true);
  });

  it('reads every printed character once, and nothing of the footers (artifacts)', () => {
    const read = characters(tree.map((e) => e.text).join(''));
    const printed = run('pdftotext', ['-raw', file, '-']).stdout.split('\n').filter((l) => !/Page \d+ \/ \d+$/.test(l)).join('');
    expect(read.length).toBeGreaterThan(20_000);
    expect(read).toBe(characters(printed));
    expect(tree.some((e) => /Page \d+ \/ \d+/.test(e.text))).toBe(false);
  });

  it('reads each signature field (Form) in its signature block, after the mention, the qualité and the name', () => {
    const forms = tree.flatMap((e, i) => (e.role === 'Form' ? [tree[i - 1]!] : []));
    expect(forms.map((e) => e.role)).toEqual(['P', 'P', 'P']);
    expect(forms.map((e) => e.text)).toEqual(c.signatories.map((s) => expect.stringContaining(s.name)));
    expect(forms[0]!.text).toBe('Le délégant, Secrétaire général adjoint Brice HUET');
  });

  it('each page maps its marked content back to its elements (the parent tree), MCID for MCID', () => {
    const qdf = workFile('balise-qdf.pdf');
    expect(run('qpdf', ['--qdf', '--object-streams=disable', file, qdf]).status).toBe(0);
    const text = run('cat', [qdf]).stdout;
    const pages = [...text.matchAll(/\/StructParents (\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    expect(pages).toEqual(Array.from({ length: 11 }, (_, i) => i));
    const mcids = [...text.matchAll(/\/MCID (\d+)>> BDC/g)].length;
    const tree2 = /\/Nums \[([\s\S]*?)\]\s*>>/.exec(text)![1]!;
    // One entry per MCID, and one per signature field (its /StructParent).
    const refs = [...tree2.matchAll(/\d+ 0 R/g)].length;
    expect(refs).toBe(mcids + c.signatories.length);
    expect([...text.matchAll(/\/StructParent (\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b)).toEqual([11, 12, 13]);
  });
});

describe('a convention with the State’s bloc-marque', () => {
  it('reads the bloc-marque as one figure with its alternative text, and each ministry', async () => {
    const c = getTemplate('exemple-camino-2020')!.build();
    c.presentation = { blocMarque: { ministries: ['Ministère de la Transition écologique'] } };
    const tree = structure(await rendered(c, 'bloc-marque-balise.pdf'));
    expect(tree[1]).toMatchObject({ role: 'Figure', text: 'RÉPUBLIQUE FRANÇAISE' });
    expect(tree[2]).toMatchObject({ role: 'P', text: 'MINISTÈRE DE LA TRANSITION ÉCOLOGIQUE' });
    expect(tree[3]!.role).toBe('H1');
    const qdf = workFile('bloc-qdf.pdf');
    run('qpdf', ['--qdf', await rendered(c, 'bloc-marque-balise-2.pdf'), qdf]);
    const alt = /\/Alt <feff([0-9a-f]+)>/i.exec(run('cat', [qdf]).stdout)![1]!;
    expect(Buffer.from(alt, 'hex').swap16().toString('utf16le')).toBe('Marianne, République française, Liberté Égalité Fraternité');
  });

  it('keeps every row of a table as wide as its header: an empty cell is an empty TD, not a missing one', async () => {
    const c = getTemplate('exemple-camino-2020')!.build();
    const cell = (text?: string) => ({ paragraphs: text === undefined ? [] : [[{ text }]] });
    c.articles[0]!.body.push({
      kind: 'table',
      header: [cell('Poste'), cell('Montant'), cell('Observation')],
      rows: [[cell('Développement'), cell('10 000 EUR'), cell()], [cell(), cell('2 000 EUR'), cell('à confirmer')]],
    });
    const tree = structure(await rendered(c, 'cellules-vides.pdf'));
    const tables: number[][] = [];
    for (const e of tree) {
      if (e.role === 'Table') tables.push([]);
      else if (e.role === 'TR') tables.at(-1)!.push(0);
      else if (e.role === 'TD' || e.role === 'TH') tables.at(-1)![tables.at(-1)!.length - 1]! += 1;
    }
    const added = tables.find((rows) => rows.length === 3 && rows[0] === 3)!;
    expect(added).toEqual([3, 3, 3]);
    for (const rows of tables) expect(new Set(rows).size).toBe(1);
    // The empty cells read as nothing: the row reads its two other cells, in order.
    const rowTexts = tree.filter((e) => e.role === 'TD').map((e) => e.text);
    expect(rowTexts.join('|')).toContain('Développement|10 000 EUR|||2 000 EUR|à confirmer');
  });
});
