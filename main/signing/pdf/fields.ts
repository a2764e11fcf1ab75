/** Finds the signature fields of a PDF and what Paraphe's renderer says about each signatory. */
import { PdfDict, PdfName, PdfRef, PdfString, type PdfValue } from './objects';
import type { PdfFile } from './file';

/** The signatory a Paraphe field was placed for (`/ParapheSignatory`). */
export interface FieldSignatory {
  readonly order?: number;
  readonly name?: string;
  readonly title?: string;
  readonly party?: string;
}

/** One signature field, signed or empty. */
export interface SignatureField {
  readonly ref: PdfRef;
  readonly dict: PdfDict;
  /** Fully qualified name (`parent.child`). */
  readonly name: string;
  /** Signing order: from /ParapheSignatory /Order or a `signature-N` name; undefined elsewhere. */
  readonly order?: number;
  /** Position among the document's signature fields (1-based). */
  readonly position: number;
  readonly label?: string;
  readonly signatory?: FieldSignatory;
  /** The signature dictionary reference (/V), when signed. */
  readonly value?: PdfValue;
  readonly widget: { readonly ref: PdfRef; readonly dict: PdfDict };
  readonly rect: readonly [number, number, number, number];
  /** 1-based page number, when the widget is on a page. */
  readonly page?: number;
  readonly pageRef?: PdfRef;
}

const textOf = (v: PdfValue | undefined): string | undefined => (v instanceof PdfString ? v.text() : undefined);

/** All signature fields in the AcroForm, in document order. */
export function findSignatureFields(file: PdfFile): SignatureField[] {
  const acroForm = file.dict(file.catalog()?.get('AcroForm'));
  const listed = file.resolve(acroForm?.get('Fields'));
  const fields = Array.isArray(listed) ? listed : [];
  const pages = file.pages();
  const pageOfRef = new Map(pages.map((p, i) => [p.ref.num, i + 1]));
  const annotPage = new Map<number, number>();
  const pageIndexOfAnnot = (num: number): number | undefined => {
    if (annotPage.size === 0) {
      pages.forEach((p, i) => {
        const annots = file.resolve(p.dict.get('Annots'));
        if (Array.isArray(annots)) for (const a of annots) if (a instanceof PdfRef) annotPage.set(a.num, i + 1);
      });
    }
    return annotPage.get(num);
  };
  const out: SignatureField[] = [];
  const seen = new Set<number>();
  const walk = (ref: PdfValue, parentName: string, inheritedFt: string | undefined, depth: number) => {
    if (!(ref instanceof PdfRef) || seen.has(ref.num) || depth > 32) return;
    seen.add(ref.num);
    const d = file.dict(ref);
    if (!d) return;
    const t = textOf(d.get('T'));
    const name = t === undefined ? parentName : parentName ? `${parentName}.${t}` : t;
    const ft = d.name('FT') ?? inheritedFt;
    const kids = file.resolve(d.get('Kids'));
    const fieldKids = Array.isArray(kids) ? kids.filter((k) => file.dict(k)?.has('T')) : [];
    if (fieldKids.length > 0) {
      for (const k of fieldKids) walk(k, name, ft, depth + 1);
      return;
    }
    if (ft !== 'Sig') return;
    let widget = { ref, dict: d };
    if (d.name('Subtype') !== 'Widget' && Array.isArray(kids) && kids[0] instanceof PdfRef) {
      const w = file.dict(kids[0]);
      if (w) widget = { ref: kids[0], dict: w };
    }
    const r = file.resolve(widget.dict.get('Rect'));
    const nums = Array.isArray(r) ? r.map((x) => (typeof x === 'number' ? x : 0)) : [0, 0, 0, 0];
    const rect = [Math.min(nums[0]!, nums[2]!), Math.min(nums[1]!, nums[3]!), Math.max(nums[0]!, nums[2]!), Math.max(nums[1]!, nums[3]!)] as const;
    const p = widget.dict.get('P');
    const page = (p instanceof PdfRef ? pageOfRef.get(p.num) : undefined) ?? pageIndexOfAnnot(widget.ref.num);
    const ps = file.dict(d.get('ParapheSignatory'));
    const signatory: FieldSignatory | undefined = ps
      ? {
          order: typeof ps.get('Order') === 'number' ? (ps.get('Order') as number) : undefined,
          name: textOf(ps.get('Name')),
          title: textOf(ps.get('Title')),
          party: textOf(ps.get('Party')),
        }
      : undefined;
    const m = /^signature-(\d+)$/.exec(t ?? '');
    const v = d.get('V');
    out.push({
      ref,
      dict: d,
      name,
      order: signatory?.order ?? (m ? Number(m[1]) : undefined),
      position: out.length + 1,
      label: textOf(d.get('TU')),
      signatory,
      value: v === null ? undefined : v,
      widget,
      rect,
      page,
      pageRef: page ? pages[page - 1]!.ref : undefined,
    });
  };
  for (const f of fields) walk(f, '', undefined, 0);
  // Widgets missing from /Fields (poppler's `pdfsig -add-signature` leaves its field there
  // when the AcroForm is inline): viewers still show them, so they count as fields.
  for (const pg of pages) {
    const annots = file.resolve(pg.dict.get('Annots'));
    if (!Array.isArray(annots)) continue;
    for (const a of annots) {
      if (!(a instanceof PdfRef) || seen.has(a.num)) continue;
      const d = file.dict(a);
      if (d?.name('Subtype') === 'Widget' && d.name('FT') === 'Sig' && !d.has('Parent')) walk(a, '', undefined, 0);
    }
  }
  return out;
}

/** The DocMDP permission level of the document's certification signature, if any. */
export function certificationLevel(file: PdfFile): number | undefined {
  const perms = file.dict(file.catalog()?.get('Perms'));
  const sig = file.dict(perms?.get('DocMDP'));
  if (!sig) return undefined;
  return docMdpOf(file, sig) ?? 2;
}

/** P of a signature dictionary's DocMDP reference, or undefined when it does not certify. */
export function docMdpOf(file: PdfFile, sig: PdfDict): number | undefined {
  const refs = file.resolve(sig.get('Reference'));
  if (!Array.isArray(refs)) return undefined;
  for (const r of refs) {
    const d = file.dict(r);
    if (d?.get('TransformMethod') instanceof PdfName && d.name('TransformMethod') === 'DocMDP') {
      const params = file.dict(d.get('TransformParams'));
      const p = params?.get('P');
      return typeof p === 'number' ? p : 2;
    }
  }
  return undefined;
}
