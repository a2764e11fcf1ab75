import { presentationOf, type Convention, type Party } from '../../../shared/model/convention';
import { annexHeading, articleHeading, referenceLabels, roleLabel } from '../../../shared/rules/numbering';
import { formatDate, isValidIsoDate } from '../../../shared/rules/format';
import { integerInWords } from '../../../shared/rules/words';
import { partyParagraphs } from '../../../shared/rules/party-text';
import { signatureBlocks } from '../../../shared/rules/signature-blocks';
import { blocMarqueFlowable } from './bloc-marque';
import { blockFlowables, bodyFlowables, heading, paragraph, paragraphSlots, plain, type BlockContext, type ComputedData } from './blocks';
import { LinesFlowable, paginate, tagSlots, type Flowable, type Slot } from './flow';
import {
  ANNEX_HEADING, ARTICLE_HEADING, BODY, CENTERED, FOOTER, GREY, INK, LEFT, PARAGRAPH_GAP, RULE,
  SIGNATURE_BOX_HEIGHT, SIGNATURE_GUTTER, SIGNATURE_TEXT, SUBTITLE, TITLE,
} from './style';
import { GlyphReport, breakLines, measure, placeLine, type StyledRun } from './text';
import { A4, columnWidth, shiftBox, structNode, type Box, type FontSet, type LayoutWarning, type Page, type PageFrame, type SignatureBox } from './types';

/** The result of laying out a convention: pages of boxes, ready to draw. */
export interface LaidOutDocument {
  readonly frame: PageFrame;
  readonly pages: readonly Page[];
  /** Signature boxes in signing order, with the page each sits on (0-based). */
  readonly signatures: ReadonlyArray<SignatureBox & { readonly page: number }>;
  readonly warnings: readonly LayoutWarning[];
}

/** Options of the layout. */
export interface LayoutOptions {
  /** A line printed at the top of every page (a draft's « Projet … » warning). */
  readonly banner?: string;
}

/** Lays out a whole convention: structure, pagination, then footers (« Page n / N »). */
export function layoutConvention(c: Convention, fonts: FontSet, frame: PageFrame = A4, opts: LayoutOptions = {}): LaidOutDocument {
  const glyphs = new GlyphReport();
  const base: BlockContext = { fonts, glyphs, where: 'titre', x: frame.left, width: columnWidth(frame), hyphenate: presentationOf(c).hyphenation };
  const items = conventionFlowables(c, base);
  const pages = paginate(items, frame);
  addFooters(pages, c.shortTitle.trim() || c.title, frame, { ...base, where: 'pied de page' });
  if (opts.banner) addBanner(pages, opts.banner, frame, { ...base, where: 'bandeau' });
  const signatures: Array<SignatureBox & { page: number }> = [];
  pages.forEach((p, i) => {
    for (const b of p.boxes) if (b.kind === 'signature') signatures.push({ ...b, page: i });
  });
  signatures.sort((a, b) => a.order - b.order);
  return { frame, pages, signatures, warnings: glyphs.warnings() };
}

const at = (ctx: BlockContext, where: string): BlockContext => ({ ...ctx, where });

/** The convention, top to bottom, as flowables. */
export function conventionFlowables(c: Convention, ctx: BlockContext): Flowable[] {
  const out: Flowable[] = [];
  const data: ComputedData = { budget: c.budget, accounting: c.accounting, amountsInWords: presentationOf(c).amountsInWords, references: referenceLabels(c, 'print') };

  // The State's bloc-marque, when asked for.
  const bloc = presentationOf(c).blocMarque;
  if (bloc) out.push(blocMarqueFlowable(bloc.ministries, at(ctx, 'bloc-marque')));

  // Title, and for an avenant what it amends.
  out.push(heading(plain(c.title, 'bold'), TITLE, at(ctx, 'titre'), { spaceAfter: 8, keepWithNext: false, role: 'H1' }));
  if (c.kind === 'avenant' && c.avenant) {
    const base = c.avenant.base;
    const when = base.date && isValidIsoDate(base.date) ? ` du ${formatDate(base.date)}` : '';
    out.push(heading(plain(`Avenant n°${c.avenant.number} à la convention « ${base.title.trim()} »${when}`, 'italic'), SUBTITLE, at(ctx, 'titre'), { spaceAfter: 8, keepWithNext: false, role: 'P' }));
  }

  // Parties.
  const pctx = at(ctx, 'parties');
  c.parties.forEach((party, i) => {
    out.push(heading(plain(i === 0 ? 'Entre' : 'Et'), CENTERED, pctx, { spaceBefore: 10, spaceAfter: 6, role: 'P' }));
    out.push(...partyFlowables(party, pctx));
  });

  // Visas and the formula that opens the articles.
  const vctx = at(ctx, 'visas');
  if (c.visas.length > 0) out.push(new LinesFlowable([], { spaceBefore: 8 }));
  for (const v of c.visas) out.push(paragraph(plain(v.text), BODY, vctx));
  if (c.agreementFormula.trim()) out.push(paragraph(plain(c.agreementFormula.trim()), BODY, vctx, { spaceBefore: 4, keepWithNext: true }));

  // Preamble.
  if (c.preamble.length > 0) {
    const prctx = at(ctx, 'préambule');
    out.push(heading(plain('Préambule', 'bold'), ARTICLE_HEADING, prctx, { spaceBefore: 14, spaceAfter: 6 }));
    for (const b of c.preamble) out.push(...blockFlowables(b, data, prctx));
  }

  // Articles.
  c.articles.forEach((a, i) => {
    const actx = at(ctx, `article ${i + 1}`);
    out.push(heading(plain(articleHeading(a, i, presentationOf(c).firstArticle, 'print'), 'bold'), ARTICLE_HEADING, actx, { spaceBefore: 14, spaceAfter: 6 }));
    out.push(...bodyFlowables(a.body, data, actx, i));
  });

  // « Fait à … », then the signature boxes.
  const sctx = at(ctx, 'signatures');
  // No page holds the signatures alone: the last lines of text go with « Fait à … ».
  keepTailWithNext(out);
  out.push(paragraph(plain(madeAt(c)), LEFT, sctx, { spaceBefore: 16, spaceAfter: 10, keepWithNext: true }));
  out.push(...signatureRows(c, sctx));

  // Annexes, each on a new page.
  c.annexes.forEach((a, i) => {
    const actx = at(ctx, `annexe ${i + 1}`);
    if (i === 0) out.push(heading(plain('Annexes', 'bold'), ANNEX_HEADING, actx, { breakBefore: true, spaceAfter: 10, role: 'H1' }));
    out.push(heading(plain(annexHeading(a, i), 'bold'), ANNEX_HEADING, actx, { breakBefore: i > 0, spaceBefore: 6, spaceAfter: 10 }));
    for (const b of a.body) out.push(...blockFlowables(b, data, actx));
  });
  return out;
}

/**
 * Makes the last flowable travel with what follows. A paragraph long enough to be split
 * (orphans and widows kept) is cut before its last two lines so that only they move; a
 * shorter one, or anything else, moves whole.
 */
function keepTailWithNext(out: Flowable[]): void {
  const last = out[out.length - 1];
  if (!last || last.keepWithNext) return;
  if (last instanceof LinesFlowable && last.slots.length >= 4) {
    const headHeight = last.slots.slice(0, -2).reduce((h, s) => h + s.height, 0);
    const parts = last.split(headHeight, false);
    if (parts) {
      out.splice(out.length - 1, 1, parts[0], new KeptWithNext(parts[1]));
      return;
    }
  }
  out[out.length - 1] = new KeptWithNext(last);
}

/** A flowable that must share its page with the start of what follows. */
class KeptWithNext implements Flowable {
  readonly keepWithNext = true;
  constructor(private readonly inner: Flowable) {}
  get height(): number { return this.inner.height; }
  get spaceBefore(): number { return this.inner.spaceBefore; }
  get spaceAfter(): number { return this.inner.spaceAfter; }
  get breakBefore(): boolean { return this.inner.breakBefore; }
  get minHead(): number { return this.inner.minHead; }
  split(avail: number, force: boolean): [Flowable, Flowable] | null {
    const parts = this.inner.split(avail, force);
    return parts ? [parts[0], new KeptWithNext(parts[1])] : null;
  }
  render(top: number): Box[] {
    return this.inner.render(top);
  }
}

/** « Fait à Paris, en quatre originaux, le 26 mars 2020 » */
export function madeAt(c: Convention): string {
  const originals = c.originals === 1 ? 'en un original' : `en ${integerInWords(c.originals)} originaux`;
  // A draft may hold an impossible date (« 2021-02-30 »): shown as typed rather than failing.
  return `Fait à ${c.place.trim() || '…'}, ${originals}, le ${isValidIsoDate(c.date) ? formatDate(c.date) : c.date || '…'}`;
}

/** A party as in the seed: entities, address, representatives, « Ci-après dénommée … ». */
function partyFlowables(party: Party, ctx: BlockContext): Flowable[] {
  return partyParagraphs(party).map((p) =>
    paragraph(p.runs.map((r) => ({ text: r.text, style: r.bold ? 'bold' : 'regular' })), BODY, ctx, p.keepWithNext ? { keepWithNext: true } : {}),
  );
}

/**
 * Two signature blocks a row, in signing order, as French practice prints them: the mention
 * (« Pour le délégant, »), the entity when two blocks would otherwise read alike, the qualité,
 * the box (the field), then the name. The boxes of a row share one top edge. Rows are kept
 * together on one page when they fit there.
 */
function signatureRows(c: Convention, ctx: BlockContext): Flowable[] {
  const out: Flowable[] = [];
  const colW = (ctx.width - SIGNATURE_GUTTER) / 2;
  const parties = new Map(c.parties.map((p) => [p.id, p]));
  const blocks = signatureBlocks(c);
  for (let i = 0; i < blocks.length; i += 2) {
    const row = blocks.slice(i, i + 2).map((b, j) => {
      const x = ctx.x + j * (colW + SIGNATURE_GUTTER);
      // One element per block (mention, qualité, then the name under the box), read in that order.
      const node = structNode('P');
      const lines = (texts: ReadonlyArray<StyledRun[]>) => tagSlots(texts.flatMap((runs) => paragraphSlots(runs, x, colW, SIGNATURE_TEXT, ctx)), node);
      return { b, x, node, above: lines(b.above.map((t) => plain(t))), below: lines([plain(b.name, 'bold')]) };
    });
    const boxTop = Math.max(...row.map((r) => r.above.reduce((h, s) => h + s.height, 0))) + 3;
    const boxes: Box[] = [];
    let height = 0;
    row.forEach(({ b, x, node, above, below }, j) => {
      const s = c.signatories[i + j]!;
      const party = parties.get(s.partyId);
      let y = 0;
      const put = (slots: readonly Slot[]) => {
        for (const slot of slots) {
          for (const box of slot.boxes) boxes.push(shiftBox(box, 0, y));
          y += slot.height;
        }
      };
      put(above);
      y = boxTop;
      boxes.push({ kind: 'rect', x, y, width: colW, height: SIGNATURE_BOX_HEIGHT, stroke: { width: 0.5, color: [0.7, 0.7, 0.72] } });
      boxes.push({
        kind: 'signature', x, y, width: colW, height: SIGNATURE_BOX_HEIGHT, order: i + j + 1,
        name: s.name.trim(), title: s.title.trim(), party: party ? partyLabel(party) : '', mention: b.mention, node,
      });
      y += SIGNATURE_BOX_HEIGHT + 3;
      put(below);
      height = Math.max(height, y);
    });
    const last = i + 2 >= blocks.length;
    out.push(new LinesFlowable([{ height, boxes }], { keepTogether: true, keepWithNext: !last, spaceBefore: i === 0 ? 0 : 14, spaceAfter: PARAGRAPH_GAP }));
  }
  return out;
}

/** The party as named in a signature's description: « le délégant ». */
function partyLabel(party: Party): string {
  return party.role === 'partie' ? (party.designations[0]?.trim() || roleLabel('partie')) : roleLabel(party.role);
}

/** Adds to each page a thin rule, the short title and « Page n / N ». */
export function addFooters(pages: Page[], shortTitle: string, frame: PageFrame, ctx: BlockContext): void {
  const n = pages.length;
  const top = frame.height - frame.bottom + 24;
  const width = columnWidth(frame);
  const style = { ...FOOTER, color: GREY };
  pages.forEach((page, i) => {
    const right = `Page ${i + 1} / ${n}`;
    const rightW = measure(right, 'regular', style.size, ctx.fonts);
    const title = ellipsize(shortTitle, width - rightW - 24, style.size, ctx);
    page.boxes.push({ kind: 'rule', x1: frame.left, y1: top, x2: frame.left + width, y2: top, width: 0.4, color: RULE });
    const base = top + 4 + style.size;
    const titleLine = breakLines(plain(title), Number.MAX_SAFE_INTEGER, style.size, ctx)[0];
    if (titleLine) page.boxes.push(placeLine(titleLine, frame.left, base, width, style));
    const pageLine = breakLines(plain(right), Number.MAX_SAFE_INTEGER, style.size, ctx)[0]!;
    page.boxes.push(placeLine(pageLine, frame.left, base, width, { ...style, align: 'right', color: INK }));
  });
}

/** The draft warning above the text column of every page, in red. */
function addBanner(pages: Page[], text: string, frame: PageFrame, ctx: BlockContext): void {
  const style = { size: 8.5, leading: 11, align: 'center' as const, color: [0.75, 0.1, 0.1] as const };
  const lines = breakLines(plain(text, 'bold'), columnWidth(frame), style.size, ctx);
  for (const page of pages) {
    lines.forEach((line, i) => page.boxes.push(placeLine(line, frame.left, frame.top - 26 + i * style.leading, columnWidth(frame), style)));
  }
}

/** Shortens a one-line text with « … » to fit `max` points. */
function ellipsize(text: string, max: number, size: number, ctx: BlockContext): string {
  if (measure(text, 'regular', size, ctx.fonts) <= max) return text;
  const chars = [...text];
  while (chars.length > 1 && measure(`${chars.join('').trimEnd()}…`, 'regular', size, ctx.fonts) > max) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
