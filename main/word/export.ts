import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import type { Block, ListItem, Run, TableCell as ModelCell } from '../../shared/model/blocks';
import { presentationOf, type AccountingReference, type Budget, type BudgetLine, type Convention, type Party } from '../../shared/model/convention';
import { budgetBreakdown, cellShowsTotal, linesOfYear, linesTotal, type BudgetBreakdown } from '../../shared/rules/budget';
import { formatAmount, formatDate, isValidIsoDate } from '../../shared/rules/format';
import {
  annexHeading, articleHeading, subArticleLabel, subArticleNumbers, withCurrentReferences,
} from '../../shared/rules/numbering';
import { amountInWords, integerInWords } from '../../shared/rules/words';
import { partyParagraphs as partyText } from '../../shared/rules/party-text';
import { signatureBlocks } from '../../shared/rules/signature-blocks';
import { ACCOUNTING_FIELDS } from '../../shared/rules/accounting-fields';

/*
 * Convention → .docx, laid out like the PDF (main/pdf/layout/document.ts): title, parties,
 * visas, formula, preamble, articles, « Fait à … », signature blocks, annexes. Word's own
 * styles carry the structure (Titre, Titre 1, Titre 2, Liste à puces, Liste numérotée) so that
 * a counterpart can review with tracked changes and the navigation pane, and so that the
 * import (import.ts) finds the articles again. Totals, amounts and dates come from
 * shared/rules, as in the PDF: nothing is retyped.
 */

/** Options of the export. */
export interface WordExportOptions {
  /** Marks every page « Projet » (a convention not finalized). */
  readonly draft: boolean;
}

/** The draft mark printed in the header of every page. */
export const DRAFT_MARK = 'Projet – document non finalisé, à ne pas signer';

const FONT = 'Arial';
/** A4 with 2.5 cm margins, in twentieths of a point. */
const PAGE = { width: 11906, height: 16838, margin: 1418 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BULLETS = ['–', '•', '◦', '▪'];

/** « Article 1er : Objet » with the « er » in superscript, as French legal texts print it. */
function articleHeadingRuns(text: string): TextRun[] {
  const m = /^(Article 1)(er)(\b.*)$/s.exec(text);
  if (!m) return [new TextRun(text)];
  return [new TextRun(m[1]!), new TextRun({ text: m[2]!, superScript: true }), new TextRun(m[3]!)];
}

/** Runs of the model → docx text runs. */
function textRuns(runs: readonly Run[], extra: { bold?: boolean } = {}): TextRun[] {
  return runs.map((r) => new TextRun({ text: r.text, bold: r.bold || extra.bold, italics: r.italic }));
}

const para = (text: string, options: IParagraphOptions & { bold?: boolean; italics?: boolean } = {}): Paragraph => {
  const { bold, italics, ...rest } = options;
  return new Paragraph({ ...rest, children: [new TextRun({ text, bold, italics })] });
};

/** « Fait à Paris, en quatre originaux, le 26 mars 2020 » (as the PDF prints it). */
export function madeAtLine(c: Convention): string {
  const originals = c.originals === 1 ? 'en un original' : `en ${integerInWords(c.originals)} originaux`;
  return `Fait à ${c.place.trim() || '…'}, ${originals}, le ${isValidIsoDate(c.date) ? formatDate(c.date) : c.date || '…'}`;
}

/** Builds the .docx of a convention. */
export async function exportWord(convention: Convention, options: WordExportOptions): Promise<Buffer> {
  // References print their target's current number (« l'article 2 »), as in the PDF.
  const c = withCurrentReferences(convention);
  const firstArticle = presentationOf(c).firstArticle;
  let listInstance = 0;
  const body: Array<Paragraph | Table> = [];

  const list = (items: readonly ListItem[], ordered: boolean, level = 0, instance = (listInstance += 1)): Paragraph[] =>
    items.flatMap((item) => [
      new Paragraph({
        style: ordered ? 'ListNumber' : 'ListBullet',
        numbering: { reference: ordered ? 'numeros' : 'puces', level: Math.min(level, 8), instance },
        children: textRuns(item.runs),
      }),
      ...list(item.children ?? [], ordered, level + 1, instance),
    ]);

  /** Blocks of the preamble, an annex, or the article at `articleIndex` (whose numbered headings print « 3.1 »). */
  const blocks = (bs: readonly Block[], articleIndex?: number): Array<Paragraph | Table> => {
    const numbers = articleIndex === undefined ? [] : subArticleNumbers(bs);
    return bs.flatMap((b, i): Array<Paragraph | Table> => {
      switch (b.kind) {
        case 'paragraph':
          return [new Paragraph({ children: textRuns(b.runs) })];
        case 'heading': {
          const n = numbers[i];
          const number = n !== undefined && articleIndex !== undefined ? [new TextRun(`${subArticleLabel(articleIndex, n)}\u00a0`)] : [];
          return [new Paragraph({ style: 'Heading2', children: [...number, ...textRuns(b.runs)] })];
        }
        case 'list':
          return list(b.items, b.ordered === true);
        case 'table':
          return [freeTable(b.header, b.rows, b.widths)];
        case 'budget-table':
          return c.budget.rows.length ? [...budgetBlocks(c.budget, presentationOf(c).amountsInWords), new Paragraph({})] : [];
        case 'accounting-references': {
          const wanted = b.uos ? new Set(b.uos) : null;
          return c.accounting.filter((r) => !wanted || wanted.has(r.uo)).flatMap((r) => [accountingTable(r), new Paragraph({})]);
        }
      }
    });
  };

  // Title, and for an avenant what it amends.
  body.push(new Paragraph({ style: 'Title', children: [new TextRun(c.title)] }));
  if (c.kind === 'avenant' && c.avenant) {
    const base = c.avenant.base;
    const when = base.date && isValidIsoDate(base.date) ? ` du ${formatDate(base.date)}` : '';
    body.push(para(`Avenant n°${c.avenant.number} à la convention « ${base.title.trim()} »${when}`, { alignment: AlignmentType.CENTER, italics: true }));
  }
  // Parties.
  c.parties.forEach((p, i) => {
    body.push(para(i === 0 ? 'Entre' : 'Et', { alignment: AlignmentType.CENTER, spacing: { before: 200, after: 120 } }));
    body.push(...partyParagraphs(p));
  });
  // Visas and formula.
  for (const v of c.visas) body.push(para(v.text, { spacing: { before: 80 } }));
  if (c.agreementFormula.trim()) body.push(para(c.agreementFormula.trim(), { spacing: { before: 160 }, keepNext: true }));
  // Preamble and articles.
  if (c.preamble.length) {
    body.push(para('Préambule', { style: 'Heading1' }));
    body.push(...blocks(c.preamble));
  }
  c.articles.forEach((a, i) => {
    body.push(new Paragraph({ style: 'Heading1', children: articleHeadingRuns(articleHeading(a, i, firstArticle)) }));
    body.push(...blocks(a.body, i));
  });
  // « Fait à … » and the signature blocks.
  body.push(para(madeAtLine(c), { spacing: { before: 320, after: 200 }, keepNext: true }));
  if (c.signatories.length) body.push(signatureTable(c));
  // Annexes, each on a new page.
  c.annexes.forEach((a, i) => {
    if (i === 0) body.push(new Paragraph({ style: 'Heading1', pageBreakBefore: true, children: [new TextRun('Annexes')] }));
    body.push(new Paragraph({ style: 'Heading1', pageBreakBefore: i > 0, children: [new TextRun(annexHeading(a, i))] }));
    body.push(...blocks(a.body));
  });

  const header = options.draft
    ? new Header({ children: [para(DRAFT_MARK, { alignment: AlignmentType.CENTER, bold: true, run: { color: 'B01A1A' } } as IParagraphOptions)] })
    : undefined;
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.LEFT,
        tabStops: [{ type: 'right', position: TEXT_WIDTH }],
        children: [
          new TextRun({ text: c.shortTitle.trim() || c.title, size: 16, color: '555555' }),
          new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16 }),
        ],
      }),
    ],
  });

  const doc = new Document({
    creator: 'Paraphe',
    title: c.title,
    description: options.draft ? DRAFT_MARK : 'Convention',
    styles: {
      default: { document: { run: { font: FONT, size: 21, language: { value: 'fr-FR' } } as never, paragraph: { spacing: { after: 120 } } } },
      paragraphStyles: [
        { id: 'Title', name: 'Titre', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 30, bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } } },
        { id: 'Heading1', name: 'Titre 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 24, bold: true }, paragraph: { spacing: { before: 320, after: 120 }, keepNext: true, outlineLevel: 0 } },
        { id: 'Heading2', name: 'Titre 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 22, bold: true }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, outlineLevel: 1 } },
        { id: 'ListBullet', name: 'Liste à puces', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { after: 60 } } },
        { id: 'ListNumber', name: 'Liste numérotée', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { after: 60 } } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'puces',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.BULLET,
            text: BULLETS[level % BULLETS.length]!,
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } },
          })),
        },
        {
          reference: 'numeros',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: level % 2 === 0 ? LevelFormat.DECIMAL : LevelFormat.LOWER_LETTER,
            text: `%${level + 1}.`,
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        headers: header ? { default: header } : {},
        footers: { default: footer },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A party as in the PDF (shared/rules/party-text.ts): opening, entities in bold, addresses, representatives, designation. */
function partyParagraphs(party: Party): Paragraph[] {
  return partyText(party).map(
    (p) => new Paragraph({ children: p.runs.map((r) => new TextRun({ text: r.text, ...(r.bold ? { bold: true } : {}) })), ...(p.keepWithNext ? { keepNext: true } : {}) }),
  );
}

type Border = { style: (typeof BorderStyle)[keyof typeof BorderStyle]; size: number; color: string };
const THIN: Border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const NONE: Border = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const borders = (b: Border) => ({ top: b, bottom: b, left: b, right: b, insideHorizontal: b, insideVertical: b });

/** A table of fixed column widths (fractions of the text width). */
function table(rows: TableRow[], fractions: readonly number[], options: { width?: number; border?: Border } = {}): Table {
  const width = options.width ?? TEXT_WIDTH;
  const sum = fractions.reduce((a, b) => a + b, 0) || 1;
  const columnWidths = fractions.map((f) => Math.round((width * f) / sum));
  return new Table({
    rows,
    columnWidths,
    width: { size: width, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: borders(options.border ?? THIN),
  });
}

const cell = (paragraphs: Paragraph[], width?: number): TableCell =>
  new TableCell({ children: paragraphs.length ? paragraphs : [new Paragraph({})], ...(width ? { width: { size: width, type: WidthType.DXA } } : {}) });

/** A free table of the model. */
function freeTable(header: readonly ModelCell[] | undefined, rows: readonly (readonly ModelCell[])[], widths?: readonly number[]): Table {
  const cols = header?.length ?? rows[0]?.length ?? 1;
  const toCell = (c: ModelCell | undefined, bold = false) => cell((c?.paragraphs ?? []).map((p) => new Paragraph({ children: textRuns(p, { bold }) })));
  const trs: TableRow[] = [];
  if (header) trs.push(new TableRow({ tableHeader: true, children: header.map((c) => toCell(c, true)) }));
  for (const r of rows) trs.push(new TableRow({ children: Array.from({ length: cols }, (_, i) => toCell(r[i])) }));
  return table(trs, widths && widths.length === cols ? widths : Array.from({ length: cols }, () => 1));
}

/** One budget line: « **140 000 EUR (à rétablir)** au titre de … ». */
function budgetLine(line: BudgetLine, currency: string, size?: number): Paragraph {
  const amount = formatAmount(line.amountCents, currency) + (line.note?.trim() ? ` ${line.note.trim()}` : '');
  const runs = [new TextRun({ text: amount, bold: true, size })];
  if (line.label.trim()) runs.push(new TextRun({ text: ` ${line.label.trim()}`, size }));
  return new Paragraph({ children: runs, spacing: { after: 60 } });
}

/** « 220 000 EUR », with its words in parentheses when the convention writes amounts out. */
const totalText = (cents: number, currency: string, words: boolean) => (words ? `${formatAmount(cents, currency)} (${amountInWords(cents)})` : formatAmount(cents, currency));

/** A budget cell: its lines, then « soit un total de : … » (computed) when it has more than one; « — » for a year without lines. */
function budgetCell(lines: readonly BudgetLine[], currency: string, words = false, dash = false, size?: number): TableCell {
  if (dash && lines.length === 0) return cell([new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '—', size })] })]);
  const ps = lines.map((l) => budgetLine(l, currency, size));
  if (cellShowsTotal(lines)) {
    ps.push(new Paragraph({ children: [new TextRun({ text: 'soit un total de : ', size }), new TextRun({ text: totalText(linesTotal(lines), currency, words), bold: true, size })] }));
  }
  return cell(ps);
}

const budgetHead = (...lines: string[]) => cell(lines.map((t) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: t, bold: true, size: SMALL })] })));
const boldCell = (t: string, size?: number) => cell([new Paragraph({ children: [new TextRun({ text: t, bold: true, size })] })]);
/** Tables with a column per year and per AE/CP are set at 8 pt, so that « 320 000 EUR » holds on one line. */
const SMALL = 16;

/** UO | AE | CP: the seed's table, or one year's (with its total row) of a budget over several years. */
function budgetTable(budget: Budget, words: boolean, year?: { year: number; totals: { ae: number; cp: number } }): Table {
  const pick = (lines: readonly BudgetLine[]) => (year ? linesOfYear(lines, year.year) : lines);
  const rows = [
    new TableRow({ tableHeader: true, children: ['', 'AE', 'CP'].map((h) => cell([new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: h, bold: true })] })])) }),
    ...budget.rows.map((row) => new TableRow({ cantSplit: true, children: [boldCell(row.uo), budgetCell(pick(row.ae), budget.currency, words, !!year), budgetCell(pick(row.cp), budget.currency, words, !!year)] })),
  ];
  if (year) rows.push(new TableRow({ cantSplit: true, children: [boldCell(`Total ${year.year}`), boldCell(formatAmount(year.totals.ae, budget.currency)), boldCell(formatAmount(year.totals.cp, budget.currency))] }));
  // The UO column fits « 0113-PEBC-ELAB » on one line (a narrower one breaks it at a hyphen).
  return table(rows, [0.3, 0.35, 0.35]);
}

/**
 * UO | « 2021 AE » | « 2021 CP » | … | « Total AE » | « Total CP », a last row of the years'
 * totals and the grand total: the lines in each year's cells (`lines`), or the totals alone.
 */
function yearColumnsTable(budget: Budget, t: BudgetBreakdown, words: boolean, lines: boolean): Table {
  const money = (cents: number) => boldCell(formatAmount(cents, budget.currency), SMALL);
  const header = [budgetHead(''), ...t.years.flatMap((y) => [budgetHead(String(y), 'AE'), budgetHead(String(y), 'CP')]), budgetHead('Total', 'AE'), budgetHead('Total', 'CP')];
  const yearCell = (i: number, k: number, col: 'ae' | 'cp') => {
    if (lines) return budgetCell(linesOfYear(budget.rows[i]![col], t.years[k]!), budget.currency, words, true, SMALL);
    const cents = t.rows[i]!.byYear[k]![col];
    return cents === 0 ? budgetCell([], budget.currency, false, true, SMALL) : money(cents);
  };
  const rows = [
    new TableRow({ tableHeader: true, children: header }),
    ...budget.rows.map((row, i) => new TableRow({
      cantSplit: true,
      children: [boldCell(row.uo, SMALL), ...t.years.flatMap((_, k) => [yearCell(i, k, 'ae'), yearCell(i, k, 'cp')]), money(t.rows[i]!.total.ae), money(t.rows[i]!.total.cp)],
    })),
    new TableRow({ cantSplit: true, children: [boldCell('Total', SMALL), ...t.byYear.flatMap((y) => [money(y.ae), money(y.cp)]), money(t.total.ae), money(t.total.cp)] }),
  ];
  const fractions = [1.45, ...t.years.flatMap(() => [1, 1]), 1, 1];
  const sum = fractions.reduce((a, b) => a + b, 0);
  // Narrow cell margins: many columns share the width.
  return new Table({
    rows,
    columnWidths: fractions.map((f) => Math.round((TEXT_WIDTH * f) / sum)),
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: borders(THIN),
    margins: { left: 45, right: 45 },
  });
}

/**
 * The budget as in the PDF (main/pdf/layout/budget-table.ts): one table for one year; over
 * several, AE and CP columns per year or one table per year then a summary; totals in words
 * when the convention asks for them.
 */
function budgetBlocks(budget: Budget, words: boolean): Array<Paragraph | Table> {
  const t = budgetBreakdown(budget);
  const out: Array<Paragraph | Table> = [];
  if (t.years.length === 0) out.push(budgetTable(budget, words));
  else if (budget.layout === 'tables') {
    t.years.forEach((year, k) => {
      out.push(para(`Année ${year}`, { bold: true, keepNext: true, spacing: { before: 160, after: 60 } }));
      out.push(budgetTable(budget, words, { year, totals: t.byYear[k]! }));
    });
    out.push(para('Récapitulatif pluriannuel', { bold: true, keepNext: true, spacing: { before: 160, after: 60 } }));
    out.push(yearColumnsTable(budget, t, words, false));
  } else out.push(yearColumnsTable(budget, t, words, true));
  if (words) {
    const sentence = (lead: string, totals: { ae: number; cp: number }, end: string) => new Paragraph({
      spacing: { before: 120 },
      children: [
        new TextRun(lead), new TextRun({ text: totalText(totals.ae, budget.currency, true), bold: true }),
        new TextRun(" en autorisations d'engagement et de "), new TextRun({ text: totalText(totals.cp, budget.currency, true), bold: true }),
        new TextRun(` en crédits de paiement${end}`),
      ],
    });
    t.years.forEach((y, k) => out.push(sentence(`Pour ${y}, un total de `, t.byYear[k]!, ' ;')));
    out.push(sentence(t.years.length > 0 ? 'Soit un total général de ' : 'Soit un total de ', t.total, '.'));
  }
  return out;
}

/** The Chorus references of one UO, a two-column table as in the PDF. */
function accountingTable(ref: AccountingReference): Table {
  const rows = [new TableRow({ tableHeader: true, children: [cell([para('Références Chorus :', { bold: true })]), cell([para(ref.uo, { bold: true })])] })];
  for (const [key, label] of ACCOUNTING_FIELDS) {
    const value = ref[key];
    if (typeof value === 'string') rows.push(new TableRow({ children: [cell([para(label)]), cell([para(value)])] }));
  }
  for (const e of ref.extra) rows.push(new TableRow({ children: [cell([para(e.label)]), cell([para(e.value)])] }));
  return table(rows, [0.5, 0.5], { width: Math.round(TEXT_WIDTH * 0.62) });
}

/** Two signature blocks a row, in signing order: mention, qualité, room to sign, name. */
function signatureTable(c: Convention): Table {
  const blocks = signatureBlocks(c);
  const block = (i: number): TableCell => {
    const s = c.signatories[i];
    if (!s) return cell([]);
    // As the PDF prints it: mention, entity when two blocks read alike, qualité, room to sign, name.
    const text = blocks[i]!;
    const ps: Paragraph[] = text.above.map((line) => para(line));
    ps.push(new Paragraph({ children: [new TextRun({ text: '', break: 3 })] }));
    ps.push(para(text.name, { bold: true }));
    return cell(ps);
  };
  const rows: TableRow[] = [];
  for (let i = 0; i < c.signatories.length; i += 2) rows.push(new TableRow({ cantSplit: true, children: [block(i), block(i + 1)] }));
  return table(rows, [0.5, 0.5], { border: NONE });
}

/** A page break paragraph (kept for callers composing documents). */
export const pageBreak = (): Paragraph => new Paragraph({ children: [new PageBreak()] });
