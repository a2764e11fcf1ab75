/**
 * PDF benchmark: Paraphe's renderer (layout + pdf-lib) against pdfkit laying out the same text
 * with its built-in line wrapping, the same Marianne faces and plain justified paragraphs, and
 * against Typst (@myriaddreamin/typst-ts-node-compiler, in this process) compiling the same
 * paragraphs, in the same run. Prints medians of wall time and of CPU time (this machine is
 * shared: CPU time is the steadier figure), their ratios, and peak memory. Both read the same
 * WOFF2 files; Paraphe parses them once per process, pdfkit once per document (its API takes
 * bytes); Typst's compiler is made once (its fonts loaded) and its caches emptied before each
 * compile, so that it does the whole work each time as Paraphe does.
 *
 * Typesetting quality: the number of justified lines whose spaces are stretched more than 50 %
 * beyond normal (« loose »), with total-fit breaking, with French hyphenation as well, and as
 * measured with the line-at-a-time breaker this replaced (figures recorded before the change).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dsfrFontDir, loadMarianne, metricsOf, renderConvention } from '../main/pdf/index';
import { layoutConvention, madeAt } from '../main/pdf/layout/document';
import { countLooseLines } from '../main/pdf/layout/quality';
import type { Block, ListItem } from '../shared/model/blocks';
import type { Convention } from '../shared/model/convention';
import { cellShowsTotal, linesTotal } from '../shared/rules/budget';
import { formatAmount } from '../shared/rules/format';
import { annexHeading, articleHeading } from '../shared/rules/numbering';
import { getTemplate } from '../shared/templates/index';
import { syntheticConvention } from '../test/fixtures/conventions';

/**
 * Loose lines with the breaker total fit replaced (even slack, line by line within a
 * paragraph's lines), measured on 3 December 2026 at commit d7217ff: that code is gone.
 */
const LOOSE_BEFORE: Readonly<Record<string, number>> = { 'exemple-camino-2020': 115, synthetic: 1805 };

const TYPST = '@myriaddreamin/typst-ts-node-compiler';

/** The part of Typst's Node compiler this benchmark uses. */
interface TypstCompiler {
  compile(args: { mainFileContent: string }): { result: { readonly numOfPages: number } | null; printErrors(): void };
  pdf(doc: NonNullable<ReturnType<TypstCompiler['compile']>['result']>): Uint8Array;
  evictCache(maxAge: number): void;
}

/** Typst's compiler, made once; undefined when the package is not installed. */
function typstCompiler(): TypstCompiler | undefined {
  try {
    const mod = createRequire(import.meta.url)(TYPST) as { NodeCompiler: { create(): TypstCompiler } };
    return mod.NodeCompiler.create();
  } catch {
    return undefined;
  }
}

/** The same paragraphs as Typst markup: A4, the same margins and size, justified, French. */
export function typstMarkup(paragraphs: ReturnType<typeof plainParagraphs>): string {
  const esc = (t: string) => t.replace(/[\\#*_`$<>@=\-+/[\]~"']/g, (c) => `\\${c}`);
  const lines = ['#set page(paper: "a4", margin: (top: 62pt, bottom: 76pt, x: 70.87pt))', '#set text(lang: "fr", size: 10pt)', '#set par(justify: true, leading: 4pt, spacing: 6pt)', ''];
  for (const p of paragraphs) {
    if (p.newPage) lines.push('#pagebreak()');
    lines.push(p.bold ? `*${esc(p.text)}*` : esc(p.text), '');
  }
  return lines.join('\n');
}

/** The part of pdfkit's API this benchmark uses (pdfkit ships no types). */
interface PdfKitDoc {
  registerFont(name: string, src: Uint8Array): void;
  font(name: string): PdfKitDoc;
  fontSize(n: number): PdfKitDoc;
  text(t: string, opts?: Record<string, unknown>): PdfKitDoc;
  addPage(): PdfKitDoc;
  on(ev: 'data', fn: (chunk: Uint8Array) => void): void;
  on(ev: 'end' | 'pageAdded', fn: () => void): void;
  end(): void;
}
type PdfKitCtor = new (opts: Record<string, unknown>) => PdfKitDoc;

/** Every piece of text the convention prints, as plain paragraphs (headings flagged). */
export function plainParagraphs(c: Convention): Array<{ text: string; bold?: boolean; newPage?: boolean }> {
  const out: Array<{ text: string; bold?: boolean; newPage?: boolean }> = [];
  const items = (list: readonly ListItem[]): void => {
    for (const i of list) {
      out.push({ text: `• ${i.runs.map((r) => r.text).join('')}` });
      items(i.children ?? []);
    }
  };
  const blocks = (bs: readonly Block[]) => {
    for (const b of bs) {
      if (b.kind === 'paragraph') out.push({ text: b.runs.map((r) => r.text).join('') });
      else if (b.kind === 'heading') out.push({ text: b.runs.map((r) => r.text).join(''), bold: true });
      else if (b.kind === 'list') items(b.items);
      else if (b.kind === 'table') for (const row of [...(b.header ? [b.header] : []), ...b.rows]) for (const cell of row) for (const p of cell.paragraphs) out.push({ text: p.map((r) => r.text).join('') });
      else if (b.kind === 'budget-table') {
        for (const row of c.budget.rows) {
          out.push({ text: row.uo, bold: true });
          for (const col of [row.ae, row.cp]) {
            for (const l of col) out.push({ text: `${formatAmount(l.amountCents)}${l.note ? ` ${l.note}` : ''} ${l.label}` });
            if (cellShowsTotal(col)) out.push({ text: `soit un total de : ${formatAmount(linesTotal(col))}` });
          }
        }
      } else if (b.kind === 'accounting-references') {
        for (const r of c.accounting) out.push({ text: `Références Chorus : ${r.uo} ${r.domaineFonctionnel ?? ''} ${r.sousAction ?? ''} ${r.centreFinancier ?? ''} ${r.activite ?? ''} ${r.centreCout ?? ''}` });
      }
    }
  };
  out.push({ text: c.title, bold: true });
  for (const p of c.parties) {
    out.push({ text: p.entities.map((e) => e.name).join(', '), bold: true });
    out.push({ text: p.representatives.map((r) => `${r.name}, ${r.title}`).join(', ') });
  }
  for (const v of c.visas) out.push({ text: v.text });
  blocks(c.preamble);
  c.articles.forEach((a, i) => {
    out.push({ text: articleHeading(a, i), bold: true });
    blocks(a.body);
  });
  out.push({ text: madeAt(c) });
  for (const s of c.signatories) out.push({ text: `${s.name} — ${s.title}` });
  c.annexes.forEach((a, i) => {
    out.push({ text: annexHeading(a, i), bold: true, newPage: true });
    blocks(a.body);
  });
  return out;
}

/** pdfkit's rendering of the same text: its wrapping, justified, Marianne embedded as subsets. */
async function renderWithPdfkit(PDFKit: PdfKitCtor, paragraphs: ReturnType<typeof plainParagraphs>, regular: Uint8Array, bold: Uint8Array): Promise<{ bytes: number; pages: number }> {
  const doc = new PDFKit({ size: 'A4', margins: { top: 62, bottom: 76, left: 70.87, right: 70.87 }, bufferPages: false, compress: true, autoFirstPage: true });
  const chunks: Uint8Array[] = [];
  let pages = 1;
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.on('data', (c) => chunks.push(c));
  doc.on('pageAdded', () => {
    pages += 1;
  });
  doc.registerFont('R', regular);
  doc.registerFont('B', bold);
  doc.fontSize(10);
  for (const p of paragraphs) {
    if (p.newPage) doc.addPage();
    doc.font(p.bold ? 'B' : 'R').text(p.text, { align: 'justify', paragraphGap: 6, lineGap: 2 });
  }
  doc.end();
  await done;
  return { bytes: chunks.reduce((n, c) => n + c.length, 0), pages };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Times `fn` `runs` times after three warm-ups (the JIT settles); medians of wall and CPU time, and peak memory. */
async function measure(runs: number, fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number; peakRss: number; peakHeap: number }> {
  for (let i = 0; i < 3; i += 1) await fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  for (let i = 0; i < runs; i += 1) {
    const w = performance.now();
    const c = cpuMs();
    await fn();
    cpus.push(cpuMs() - c);
    walls.push(performance.now() - w);
    sample();
  }
  clearInterval(timer);
  return { wall: median(walls), cpu: median(cpus), peakRss, peakHeap };
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} Mo`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const require = createRequire(import.meta.url);
  const PDFKit = require('pdfkit') as PdfKitCtor;
  const dir = dsfrFontDir();
  const regular = new Uint8Array(readFileSync(join(dir, 'Marianne-Regular.woff2')));
  const bold = new Uint8Array(readFileSync(join(dir, 'Marianne-Bold.woff2')));
  // The same faces as WOFF (zlib, not Brotli): pdfkit parses its fonts for every document, and
  // Brotli in JavaScript is most of that cost; this variant shows pdfkit at its best.
  const regularWoff = new Uint8Array(readFileSync(join(dir, 'Marianne-Regular.woff')));
  const boldWoff = new Uint8Array(readFileSync(join(dir, 'Marianne-Bold.woff')));
  loadMarianne();

  const typst = typstCompiler();
  const cases: Array<[string, string, Convention, number]> = [
    ['exemple-camino-2020', 'exemple-camino-2020', getTemplate('exemple-camino-2020')!.build(), 15],
    ['synthetic', 'synthétique 200 articles / 300 lignes budgétaires', syntheticConvention(200, 300), 5],
  ];
  for (const [key, name, c, runs] of cases) {
    const paragraphs = plainParagraphs(c);
    let pages = 0;
    let size = 0;
    const ours = await measure(runs, async () => {
      const r = await renderConvention(c);
      pages = r.pageCount;
      size = r.bytes.length;
    });
    let kitPages = 0;
    let kitSize = 0;
    const kit = await measure(runs, async () => {
      const r = await renderWithPdfkit(PDFKit, paragraphs, regular, bold);
      kitPages = r.pages;
      kitSize = r.bytes;
    });
    const kitWoff = await measure(runs, () => renderWithPdfkit(PDFKit, paragraphs, regularWoff, boldWoff));
    const hyphenated: Convention = { ...c, presentation: { ...c.presentation, hyphenation: true } };
    let hyphPages = 0;
    const oursHyph = await measure(runs, async () => {
      hyphPages = (await renderConvention(hyphenated)).pageCount;
    });
    const markup = typstMarkup(paragraphs);
    let typstPages = 0;
    const typ = typst
      ? await measure(runs, async () => {
          typst.evictCache(0);
          const compiled = typst.compile({ mainFileContent: markup });
          if (!compiled.result) {
            compiled.printErrors();
            throw new Error('Typst n’a pas compilé le texte du banc d’essai');
          }
          typst.pdf(compiled.result);
          typstPages = compiled.result.numOfPages;
        })
      : undefined;
    console.log(`${name} (médiane de ${runs} rendus)`);
    const fonts = metricsOf(loadMarianne());
    const quality = (conv: Convention) => {
      const laid = layoutConvention(conv, fonts);
      const justified = laid.pages.reduce((n, p) => n + p.boxes.filter((b) => b.kind === 'text' && b.wordSpacing !== 0).length, 0);
      const shrunk = laid.pages.reduce((n, p) => n + p.boxes.filter((b) => b.kind === 'text' && b.wordSpacing < 0).length, 0);
      return { loose: countLooseLines(laid.pages, fonts), justified, shrunk };
    };
    const after = quality(c);
    const afterHyph = quality(hyphenated);
    console.log(`  lignes lâches (espaces étirées de plus de 50 %) : avant ${LOOSE_BEFORE[key] ?? '?'} (ligne à ligne) → ${after.loose} (paragraphe entier) sur ${after.justified} lignes justifiées (${after.shrunk} resserrées) ; avec césure : ${afterHyph.loose} sur ${afterHyph.justified}`);
    console.log(`  Paraphe : ${pages} pages, ${Math.round(size / 1024)} ko — ${ms(ours.wall)} (CPU ${ms(ours.cpu)}), pic RSS ${mb(ours.peakRss)}, pic tas ${mb(ours.peakHeap)}`);
    console.log(`  Paraphe avec césure : ${hyphPages} pages — ${ms(oursHyph.wall)} (CPU ${ms(oursHyph.cpu)})`);
    if (typ) {
      console.log(`  Typst   : ${typstPages} pages (paragraphes seulement, ses polices) — ${ms(typ.wall)} (CPU ${ms(typ.cpu)})`);
      console.log(`  rapport Paraphe / Typst : ${(ours.wall / typ.wall).toFixed(2)} (CPU ${(ours.cpu / typ.cpu).toFixed(2)}) ; avec césure ${(oursHyph.wall / typ.wall).toFixed(2)} (CPU ${(oursHyph.cpu / typ.cpu).toFixed(2)}) — objectif ≤ 1,00`);
    } else console.log(`  ${TYPST} n’est pas installé : pas de comparaison avec Typst.`);
    console.log(`  pdfkit  : ${kitPages} pages, ${Math.round(kitSize / 1024)} ko — ${ms(kit.wall)} (CPU ${ms(kit.cpu)}), pic RSS ${mb(kit.peakRss)}, pic tas ${mb(kit.peakHeap)}`);
    console.log(`  pdfkit, polices WOFF : ${ms(kitWoff.wall)} (CPU ${ms(kitWoff.cpu)})`);
    console.log(`  rapport Paraphe / pdfkit : ${(ours.wall / kit.wall).toFixed(2)} (CPU ${(ours.cpu / kit.cpu).toFixed(2)}) ; face à pdfkit en WOFF : ${(ours.wall / kitWoff.wall).toFixed(2)} (CPU ${(ours.cpu / kitWoff.cpu).toFixed(2)}) — objectif ≤ 1,00${pages >= 100 ? ` ; 100 pages en moins d'1 s : ${ours.wall < 1000 ? 'oui' : 'non'}` : ''}`);
  }
}
