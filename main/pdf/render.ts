import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFContentStream, PDFDocument, type PDFFont } from 'pdf-lib';
import { UserError } from '../../shared/errors';
import { presentationOf, type Convention } from '../../shared/model/convention';
import type { Finding } from '../../shared/model/migrate';
import { isValidIsoDate } from '../../shared/rules/format';
import { printedText } from '../../shared/rules/glyphs';
import { hasErrors, validateConvention } from '../../shared/rules/validate';
import { canonicalJson } from '../storage/canonical';
import { applyArchival } from './archival';
import { drawPages, type DrawFonts } from './draw';
import { addStructureTree } from './tagging';
import { loadMarianne, metricsOf, repairCffHeader, sharedFontkit, type LoadedFamily } from './fonts';
import { layoutConvention, madeAt, type LaidOutDocument } from './layout/document';
import { loadHyphenation } from './layout/hyphenate';
import type { FontStyle } from './layout/types';
import { addSignatureFields } from './signature-fields';

/** Bumped when the output of the same convention changes on purpose (it feeds the file /ID). */
export const RENDERER_VERSION = 1;

export interface RenderOptions {
  /** ISO day written as the document's creation date; the convention's date when absent. */
  readonly date?: string;
  /**
   * Renders even when the validator finds errors (the wizard's preview of an unfinished
   * draft): every page then says in red that it is a draft not to be signed, and no signature
   * field is placed. Without it, errors refuse rendering.
   */
  readonly draft?: boolean;
  /**
   * Told where rendering stands: `layout` before the pages are known, then `draw` once per
   * page (`done` of `total`). The worker thread forwards it to the window (main/ipc/worker).
   */
  readonly onProgress?: (progress: RenderProgress) => void;
}

/** Where a rendering stands: laying out (pages not counted yet), then page `done` of `total` drawn. */
export interface RenderProgress {
  readonly phase: 'layout' | 'draw';
  readonly done: number;
  readonly total: number;
}

/** A rendered convention. */
export interface RenderResult {
  readonly bytes: Uint8Array;
  readonly pageCount: number;
  /** French, one a line: characters the font lacks, etc. */
  readonly warnings: string[];
}

const STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];

/** Six capital letters from a hash: the subset tag PDF asks for, reproducible. */
function subsetTag(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let tag = '';
  for (let i = 0; i < 6; i += 1) tag += String.fromCharCode(65 + (digest[i]! % 26));
  return tag;
}

/** Refuses what cannot be rendered: the validator's errors, with their findings in `details`. */
export function assertRenderable(c: Convention): void {
  refuseErrors(validateConvention(c));
}

function refuseErrors(findings: readonly Finding[]): void {
  if (hasErrors(findings)) {
    const n = findings.filter((f) => f.severity === 'error').length;
    throw new UserError(
      'invalid-convention',
      `La convention comporte ${n} erreur${n > 1 ? 's' : ''} : corrigez-${n > 1 ? 'les' : 'la'} avant de générer le PDF.`,
      findings,
    );
  }
}

/**
 * Renders a convention to PDF bytes: layout, drawing with embedded subset fonts, signature
 * fields, archival metadata. The same convention and date always give the same bytes.
 */
export async function renderConvention(c: Convention, opts: RenderOptions = {}, family: LoadedFamily = loadMarianne()): Promise<RenderResult> {
  const findings = validateConvention(c);
  if (!opts.draft) refuseErrors(findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (opts.date !== undefined && !isValidIsoDate(opts.date)) {
    throw new UserError('invalid-date', `La date « ${opts.date} » n'est pas valable : indiquez-la au format AAAA-MM-JJ (ex. 2020-03-26).`);
  }
  // A draft's own date may be impossible; its preview is then dated 1 January 2000.
  const date = opts.date ?? (isValidIsoDate(c.date) ? c.date : '2000-01-01');
  const banner = errors > 0
    ? `Projet : la convention comporte ${errors} erreur${errors > 1 ? 's' : ''} à corriger. Ce document n'est pas à signer.`
    : undefined;
  opts.onProgress?.({ phase: 'layout', done: 0, total: 0 });
  // The French patterns only for a convention that hyphenates.
  if (presentationOf(c).hyphenation) await loadHyphenation();
  const laid = layoutConvention(c, metricsOf(family), undefined, banner ? { banner } : {});
  const bytes = await drawDocument(c, laid, family, date, errors === 0, opts.onProgress);
  return { bytes, pageCount: laid.pages.length, warnings: laid.warnings.map((w) => w.message) };
}

/** Everything after layout: pdf-lib document, fonts, pages, fields, metadata, bytes. */
async function drawDocument(c: Convention, laid: LaidOutDocument, family: LoadedFamily, date: string, signable: boolean, onProgress?: RenderOptions['onProgress']): Promise<Uint8Array> {
  const seed = createHash('sha256').update(`${RENDERER_VERSION}\n${date}\n${canonicalJson(c)}`).digest('hex');
  const doc = await PDFDocument.create({ updateMetadata: false });
  nativeDeflate(doc);
  doc.registerFontkit(sharedFontkit(family) as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const pdf = {} as Record<FontStyle, PDFFont>;
  for (const s of STYLES) {
    const face = family[s];
    pdf[s] = await doc.embedFont(face.bytes, { subset: true, customName: `${subsetTag(seed + s)}+${face.postscriptName}` });
    repairCffHeader(pdf[s]);
  }
  const fonts: DrawFonts = {
    pdf,
    has: Object.fromEntries(STYLES.map((s) => [s, (cp: number) => family[s].metrics.has(cp)])) as DrawFonts['has'],
    advance: Object.fromEntries(STYLES.map((s) => [s, (cp: number) => family[s].metrics.advance(cp)])) as DrawFonts['advance'],
  };
  const total = laid.pages.length;
  const { refs: pageRefs, marks } = drawPages(doc, laid, fonts, onProgress && ((done) => onProgress({ phase: 'draw', done, total })));
  const widgets = signable ? addSignatureFields(doc, laid, pageRefs) : [];
  addStructureTree(doc, pageRefs, marks, widgets);
  applyArchival(doc, {
    // The title as the page prints it (« ﬁ » as « fi », « 1ᵉʳ » as « 1er », a missing character as « ? »).
    title: printedText(c.title, (cp) => family.bold.metrics.has(cp)),
    author: authorOf(c),
    subject: `${c.kind === 'avenant' ? 'Avenant' : 'Convention'} — ${madeAt(c)}`,
    keywords: c.budget.rows.map((r) => r.uo.trim()).filter((u) => u !== ''),
    date,
    id: seed.slice(0, 32),
    lang: 'fr-FR',
  });
  // A classic cross-reference table (no object streams): what incremental signing appends to
  // most simply, and what every PDF/A validator reads.
  return doc.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Number.POSITIVE_INFINITY, updateFieldAppearances: false });
}

/**
 * pdf-lib compresses the font subsets, their ToUnicode maps, the ICC profile and the
 * signature fields' appearance streams with pako, zlib ported to JavaScript: about 40 ms of a
 * fresh process's first render went to warming it up. Node's own zlib (which already
 * compresses the pages, draw.ts) does the same natively. The appearance streams (form
 * XObjects) keep pdf-lib's dictionary and operators, only compressed here.
 */
function nativeDeflate(doc: PDFDocument): void {
  const context = doc.context;
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
  context.formXObject = (operators, dict = {}) => {
    const plain = PDFContentStream.of(context.obj({}), operators, false).getUnencodedContents();
    const form = { BBox: context.obj([0, 0, 0, 0]), Matrix: context.obj([1, 0, 0, 1, 0, 0]), ...dict, Type: 'XObject', Subtype: 'Form' };
    return context.flateStream(plain, form) as unknown as PDFContentStream;
  };
}

/** The parties, by acronym when they have one: « MTES ; DINUM ». */
function authorOf(c: Convention): string {
  return c.parties
    .map((p) => p.entities.map((e) => e.acronym?.trim() || e.name.trim()).filter((s) => s !== '').join(', '))
    .filter((s) => s !== '')
    .join(' ; ');
}
