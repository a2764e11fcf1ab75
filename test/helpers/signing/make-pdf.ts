/**
 * Test PDFs with Paraphe's signature-field contract (see main/signing/README): one empty
 * `/FT /Sig` merged field+widget per signatory, `/T (signature-N)`, `/TU`, and
 * `/ParapheSignatory << /Order /Name /Title /Party >>`, until the real renderer is used.
 */
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';

/** A signatory box to place. */
export interface TestSignatory {
  readonly name: string;
  readonly title: string;
  readonly party: string;
}

/** The three signatories of the seed convention. */
export const SEED_SIGNATORIES: readonly TestSignatory[] = [
  { name: 'Brice HUET', title: 'Secrétaire général adjoint', party: 'le délégant' },
  { name: 'Patrick SOULÉ', title: 'L’adjoint à la Secrétaire générale', party: 'le délégant' },
  { name: 'Nadi BOU HANNA', title: 'Directeur interministériel du numérique', party: 'le délégataire' },
];

/** Builds a PDF of `pages` pages whose last page holds one box per signatory. */
export async function makeFieldsPdf(opts: {
  signatories?: readonly TestSignatory[];
  pages?: number;
  objectStreams?: boolean;
  padding?: number;
  /** Fields as another tool makes them: no /ParapheSignatory, free names (`Signature A`…). */
  foreign?: boolean;
} = {}): Promise<Buffer> {
  const signatories = opts.signatories ?? SEED_SIGNATORIES;
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = opts.pages ?? 1;
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Convention de délégation de gestion — page ${i + 1}`, { x: 50, y: 780, size: 14, font });
    for (let l = 0; l < 40; l++) page.drawText(`Article ${l + 1} : le délégataire assure les actes de gestion des crédits.`, { x: 50, y: 740 - l * 16, size: 9, font });
  }
  const last = doc.getPage(pages - 1);
  const fields = signatories.map((s, i) => {
    const x = 40 + (i % 3) * 180;
    const y = 60;
    const common = { FT: 'Sig', Type: 'Annot', Subtype: 'Widget', Rect: [x, y, x + 170, y + 70], P: last.ref, F: 4 };
    const field = opts.foreign
      ? doc.context.obj({ ...common, T: PDFString.of(`Signature ${String.fromCharCode(65 + i)}`) })
      : doc.context.obj({
          ...common,
          T: PDFString.of(`signature-${i + 1}`),
          TU: PDFHexString.fromText(`Signature ${i + 1} : ${s.name}, ${s.party}`),
          ParapheSignatory: { Order: i + 1, Name: PDFHexString.fromText(s.name), Title: PDFHexString.fromText(s.title), Party: PDFHexString.fromText(s.party) },
        });
    const ref = doc.context.register(field);
    last.node.addAnnot(ref);
    return ref;
  });
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: fields }));
  if (opts.padding) {
    // An incompressible stream to reach a target size (benchmarks).
    const bytes = new Uint8Array(opts.padding);
    for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(bytes.length, i + 65536)));
    const stream = doc.context.stream(bytes, {});
    doc.catalog.set(PDFName.of('ParaphePadding'), doc.context.register(stream));
  }
  return Buffer.from(await doc.save({ useObjectStreams: opts.objectStreams ?? false }));
}
