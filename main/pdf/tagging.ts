import { PDFName, PDFNumber, type PDFDict, type PDFDocument, type PDFObject, type PDFRef } from 'pdf-lib';
import type { StructNode } from './layout/types';
import { pdfText } from './pdf-strings';
import type { TaggedWidget } from './signature-fields';

/*
 * The tagged PDF: the structure tree a screen reader follows (PDF 1.7, 14.7 and 14.8), as Word
 * writes one when it saves a PDF. The pages mark their content with MCIDs (draw.ts); here each
 * structure node met there becomes a /StructElem under one /Document element, in the order it is
 * first met, with its parent, its page and its marked content; the parent tree maps each page's
 * MCIDs back to their elements.
 */

/** One element being built: its dictionary, and its kids in reading order. */
interface Element {
  readonly ref: PDFRef;
  readonly dict: PDFDict;
  readonly kids: PDFObject[];
  /** The page of its first marked content (/Pg), for kids on the same page written as bare MCIDs. */
  page?: PDFRef;
}

/**
 * Adds the structure tree of the drawn pages to `doc` and marks the document as tagged. Each
 * signature field is a Form element read in its signature block, after its words.
 */
export function addStructureTree(doc: PDFDocument, pageRefs: readonly PDFRef[], marks: ReadonlyArray<readonly StructNode[]>, widgets: readonly TaggedWidget[] = []): void {
  const ctx = doc.context;
  const rootRef = ctx.nextRef();
  const documentElement = newElement('Document', rootRef);
  const elements = new Map<StructNode, Element>();

  function newElement(role: string, parent: PDFRef): Element {
    const dict = ctx.obj({ Type: 'StructElem', S: role, P: parent }) as PDFDict;
    return { ref: ctx.register(dict), dict, kids: [] };
  }
  /** The element of a node, made (with its ancestors) the first time it is met. */
  function elementOf(node: StructNode): Element {
    const known = elements.get(node);
    if (known) return known;
    const parent = node.parent ? elementOf(node.parent) : documentElement;
    const e = newElement(node.role, parent.ref);
    if (node.alt) e.dict.set(PDFName.of('Alt'), pdfText(node.alt));
    parent.kids.push(e.ref);
    elements.set(node, e);
    return e;
  }

  const nums: PDFObject[] = [];
  pageRefs.forEach((pageRef, i) => {
    const byMcid: PDFRef[] = [];
    (marks[i] ?? []).forEach((node, mcid) => {
      const e = elementOf(node);
      e.page ??= pageRef;
      // A bare MCID on the element's own page; a marked-content reference on a later one.
      e.kids.push(e.page === pageRef ? PDFNumber.of(mcid) : ctx.obj({ Type: 'MCR', Pg: pageRef, MCID: mcid }));
      byMcid.push(e.ref);
    });
    const page = doc.getPage(i).node;
    page.set(PDFName.of('StructParents'), PDFNumber.of(i));
    // Annotations (the signature fields) in structure order.
    page.set(PDFName.of('Tabs'), PDFName.of('S'));
    nums.push(PDFNumber.of(i), ctx.obj(byMcid));
  });

  // The fields: keys after the pages' in the parent tree, an object reference (OBJR) each.
  let key = pageRefs.length;
  for (const w of widgets) {
    const block = elementOf(w.node);
    const form = ctx.register(ctx.obj({ Type: 'StructElem', S: 'Form', P: block.ref, Pg: w.page, K: ctx.obj({ Type: 'OBJR', Obj: w.ref, Pg: w.page }) }));
    block.kids.push(form);
    w.dict.set(PDFName.of('StructParent'), PDFNumber.of(key));
    nums.push(PDFNumber.of(key), form);
    key += 1;
  }

  for (const e of [documentElement, ...elements.values()]) {
    if (e.page) e.dict.set(PDFName.of('Pg'), e.page);
    e.dict.set(PDFName.of('K'), e.kids.length === 1 ? e.kids[0]! : ctx.obj(e.kids));
  }
  const root = ctx.obj({
    Type: 'StructTreeRoot',
    K: documentElement.ref,
    ParentTree: ctx.register(ctx.obj({ Nums: nums })),
    ParentTreeNextKey: key,
  });
  ctx.assign(rootRef, root);
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  doc.catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
}
