import { PDFName, PDFString, type PDFDict, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { LaidOutDocument } from './layout/document';
import type { StructNode } from './layout/types';
import { pdfText } from './pdf-strings';

/** The field name of the n-th signatory (1-based): the contract with main/signing/. */
export function signatureFieldName(order: number): string {
  return `signature-${order}`;
}

/** A signature field and where it is read in the structure (its block's element). */
export interface TaggedWidget {
  readonly ref: PDFRef;
  readonly dict: PDFDict;
  readonly page: PDFRef;
  readonly node: StructNode;
}

/**
 * One empty signature field per signatory, in signing order: a merged field and widget
 * (`/FT /Sig`, no `/V`) whose `/Rect` is the box drawn on the page, listed in the page's
 * `/Annots` and in `/AcroForm /Fields`. `/TU` and the private `/ParapheSignatory` say who
 * is expected to sign it. The widget carries an empty appearance (PDF/A wants one); signing
 * replaces it with the stamp. Each field's `/Lock` (FieldMDP) locks, once it is signed, every
 * field but those of the signatories still to come, so that other readers also refuse a
 * change to what the signature covers (the last signature locks them all). Returns the fields
 * with their blocks' structure elements, for the structure tree (tagging.ts).
 */
export function addSignatureFields(doc: PDFDocument, laid: LaidOutDocument, pageRefs: readonly PDFRef[]): TaggedWidget[] {
  const ctx = doc.context;
  const pages = doc.getPages();
  const h = laid.frame.height;
  const fields: PDFRef[] = [];
  const widgets: TaggedWidget[] = [];
  const orders = laid.signatures.map((s) => s.order);
  for (const s of laid.signatures) {
    const later = orders.filter((o) => o > s.order).sort((a, b) => a - b).map((o) => PDFString.of(signatureFieldName(o)));
    const pageRef = pageRefs[s.page];
    const page = pages[s.page];
    if (!pageRef || !page) continue;
    const appearance = ctx.register(ctx.formXObject([], { BBox: [0, 0, s.width, s.height] }));
    const who = [s.name, s.party].filter((x) => x !== '').join(', ');
    const field: PDFDict = ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of(signatureFieldName(s.order)),
      TU: pdfText(`Signature ${s.order} : ${who}`),
      Rect: [s.x, h - s.y - s.height, s.x + s.width, h - s.y],
      P: pageRef,
      F: 4,
      AP: { N: appearance },
      Lock: later.length > 0 ? { Type: 'SigFieldLock', Action: 'Exclude', Fields: later } : { Type: 'SigFieldLock', Action: 'All' },
      ParapheSignatory: {
        Order: s.order,
        Name: pdfText(s.name),
        Title: pdfText(s.title),
        Party: pdfText(s.party),
      },
    });
    const ref = ctx.register(field);
    page.node.addAnnot(ref);
    fields.push(ref);
    if (s.node) widgets.push({ ref, dict: field, page: pageRef, node: s.node });
  }
  if (fields.length > 0) doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: fields }));
  return widgets;
}
