/**
 * What changed between the revision a signature covers and the document as it is now,
 * object by object, and whether each change is one a later signer is allowed to make.
 * Allowed: later signature dictionaries, filling empty signature fields (/V, /AP), new
 * signature fields and their widgets (not under a certification), the AcroForm's /Fields,
 * /SigFlags, /DR, /DA, the catalog's /AcroForm, /DSS and /Metadata, the Info dictionary and
 * the XMP packet (neither is drawn), and new objects
 * (they are only visible once something old points at them, and that is checked here).
 * Everything else is named: « page 2 modifiée », « contenu de la page 1 modifié », « objet 12 ».
 * Comparing resolved objects (not byte offsets) is what catches the shadow attacks: an update
 * holding only a new xref that re-points an object to other bytes still changes its value.
 */
import { PdfDict, PdfRef, PdfStream, sameValue, type PdfValue } from '../pdf/objects';
import type { PdfFile, XrefEntry } from '../pdf/file';

/** The changes after one signature, described in French. */
export interface ChangeReport {
  readonly allowed: string[];
  readonly disallowed: string[];
}

/** Context: which later signature dictionaries exist and the certification level in force. */
export interface ChangeContext {
  readonly laterSignatures: ReadonlySet<number>;
  /** DocMDP P of a certification signature at or before this one. */
  readonly certification?: number;
}

function sameEntry(a: XrefEntry | undefined, b: XrefEntry | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.type === 'offset' && b.type === 'offset') return a.offset === b.offset && a.gen === b.gen;
  if (a.type === 'compressed' && b.type === 'compressed') return a.stream === b.stream && a.index === b.index;
  return a.type === 'free' && b.type === 'free';
}

function safeGet(file: PdfFile, num: number): PdfValue | undefined {
  try {
    return file.get(num);
  } catch {
    return undefined;
  }
}

function asDict(v: PdfValue | undefined): PdfDict | undefined {
  return v instanceof PdfDict ? v : v instanceof PdfStream ? v.dict : undefined;
}

function changedKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.map.keys(), ...b.map.keys()]);
  return [...keys].filter((k) => !sameValue(a.get(k), b.get(k)));
}

const refNums = (v: PdfValue | undefined): number[] => (Array.isArray(v) ? v.filter((x): x is PdfRef => x instanceof PdfRef).map((r) => r.num) : []);

function isSigField(file: PdfFile, d: PdfDict | undefined): boolean {
  let cur = d;
  for (let i = 0; cur && i < 16; i++) {
    if (cur.name('FT') !== undefined) return cur.name('FT') === 'Sig';
    cur = file.dict(cur.get('Parent'));
  }
  return false;
}

/** Compares the document state `old` (a signed revision) with `now`. */
export function analyzeChanges(old: PdfFile, now: PdfFile, ctx: ChangeContext): ChangeReport {
  const allowed: string[] = [];
  const disallowed: string[] = [];
  const certified = ctx.certification !== undefined;
  const p = ctx.certification;
  const lockAll = p === 1;

  // Names for objects the user can recognise.
  const pages = now.pages();
  const pageNo = new Map<number, number>();
  const contentOf = new Map<number, number>();
  const oldAnnotsArray = new Map<number, number>();
  pages.forEach((pg, i) => {
    pageNo.set(pg.ref.num, i + 1);
    const c = pg.dict.get('Contents');
    for (const n of c instanceof PdfRef ? [c.num] : refNums(now.resolve(c))) contentOf.set(n, i + 1);
  });
  for (const [i, pg] of old.pages().entries()) {
    if (!pageNo.has(pg.ref.num)) pageNo.set(pg.ref.num, i + 1);
    const a = pg.dict.get('Annots');
    if (a instanceof PdfRef) oldAnnotsArray.set(a.num, i + 1);
    const c = pg.dict.get('Contents');
    for (const n of c instanceof PdfRef ? [c.num] : refNums(old.resolve(c))) if (!contentOf.has(n)) contentOf.set(n, i + 1);
  }
  const label = (num: number) => {
    if (pageNo.has(num)) return `page ${pageNo.get(num)} (objet ${num})`;
    if (contentOf.has(num)) return `contenu de la page ${contentOf.get(num)} (objet ${num})`;
    return `objet ${num}`;
  };

  const oldRoot = old.trailer.get('Root');
  const newRoot = now.trailer.get('Root');
  const rootNum = oldRoot instanceof PdfRef ? oldRoot.num : -1;
  if (!(newRoot instanceof PdfRef) || newRoot.num !== rootNum) {
    disallowed.push('le catalogue du document a été remplacé');
    return { allowed, disallowed };
  }
  const infoNum = (() => {
    const i = now.trailer.get('Info');
    return i instanceof PdfRef ? i.num : -1;
  })();
  const oldCatalog = old.catalog();
  const newCatalog = now.catalog();
  const acroRef = (c: PdfDict | undefined) => {
    const a = c?.get('AcroForm');
    return a instanceof PdfRef ? a.num : -1;
  };
  const acroNums = new Set([acroRef(oldCatalog), acroRef(newCatalog)]);
  const metadataNums = new Set([oldCatalog?.get('Metadata'), newCatalog?.get('Metadata')].filter((m): m is PdfRef => m instanceof PdfRef).map((m) => m.num));
  const fieldsArrayNums = new Set<number>();
  for (const [f, c] of [[old, oldCatalog], [now, newCatalog]] as const) {
    const fl = f.dict(c?.get('AcroForm'))?.get('Fields');
    if (fl instanceof PdfRef) fieldsArrayNums.add(fl.num);
  }

  /** Added entries of a field or annotation list: each must be a (new) signature field. */
  const checkAdded = (oldList: number[], newList: number[], where: string): void => {
    const missing = oldList.filter((n) => !newList.includes(n));
    if (missing.length) disallowed.push(`${where} : élément(s) retiré(s) (objet ${missing.join(', ')})`);
    for (const n of newList.filter((x) => !oldList.includes(x))) {
      const d = now.dict(new PdfRef(n, 0));
      if (!isSigField(now, d)) disallowed.push(`${where} : ajout de l’objet ${n}, qui n’est pas un champ de signature`);
      else if (certified && (p ?? 2) < 3) disallowed.push(`${where} : nouveau champ de signature (objet ${n}) alors que la certification n’autorise que le remplissage des champs existants`);
      else allowed.push(`nouveau champ de signature (objet ${n})`);
    }
  };

  const compareAcroForm = (a: PdfDict | undefined, b: PdfDict | undefined) => {
    if (!b) {
      if (a) disallowed.push('formulaire (AcroForm) supprimé');
      return;
    }
    const base = a ?? new PdfDict();
    for (const k of changedKeys(base, b)) {
      if (k === 'Fields') checkAdded(refNums(old.resolve(base.get('Fields'))), refNums(now.resolve(b.get('Fields'))), 'liste des champs du formulaire');
      else if (k === 'SigFlags' || k === 'DR' || k === 'DA') allowed.push(`formulaire : /${k}`);
      else disallowed.push(`formulaire (AcroForm) : /${k} modifié`);
    }
  };

  // Numbers the signed revision already pointed at: defining one of them later (a dangling
  // reference prepared before signing) changes what the signed objects show.
  let referencedBefore: Set<number> | undefined;
  const wasReferenced = (num: number): boolean => {
    if (!referencedBefore) {
      referencedBefore = new Set();
      const seen = referencedBefore;
      const walk = (v: PdfValue | undefined): void => {
        if (v instanceof PdfRef) seen.add(v.num);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v instanceof PdfDict) for (const x of v.map.values()) walk(x);
        else if (v instanceof PdfStream) walk(v.dict);
      };
      for (const n of old.entries.keys()) walk(safeGet(old, n));
      walk(old.trailer);
    }
    return referencedBefore.has(num);
  };

  const nums = new Set([...old.entries.keys(), ...now.entries.keys()]);
  for (const num of nums) {
    const eo = old.entries.get(num);
    const en = now.entries.get(num);
    if (sameEntry(eo, en) && (en?.type !== 'compressed' || sameEntry(old.entries.get(en.stream), now.entries.get(en.stream)))) continue;
    const vo = safeGet(old, num);
    const vn = safeGet(now, num);
    if (sameValue(vo, vn)) continue;
    if (lockAll) {
      disallowed.push(`${label(num)} : la certification du document interdit toute modification`);
      continue;
    }
    const dn = asDict(vn);
    const dO = asDict(vo);
    const containerNow = dn?.name('Type') === 'XRef' || dn?.name('Type') === 'ObjStm';
    if (vn === undefined) {
      if (vo !== undefined) disallowed.push(`${label(num)} supprimé`);
      continue;
    }
    if (vo === undefined) {
      // A new object: harmless until something old points at it (checked below), except
      // signature dictionaries that no later signature accounts for.
      const isSigDict = dn !== undefined && (dn.name('Type') === 'Sig' || dn.name('Type') === 'DocTimeStamp' || (dn.has('ByteRange') && dn.has('Contents')));
      if (wasReferenced(num)) disallowed.push(`${label(num)} : objet désigné par la révision signée mais absent de celle-ci, ajouté ensuite`);
      else if (isSigDict) {
        if (ctx.laterSignatures.has(num)) allowed.push(`signature ultérieure (objet ${num})`);
        else disallowed.push(`dictionnaire de signature ajouté sans signature valide (objet ${num})`);
      }
      continue;
    }
    if (containerNow && (dO?.name('Type') === 'XRef' || dO?.name('Type') === 'ObjStm')) continue;
    if (num === rootNum && dO && dn) {
      for (const k of changedKeys(dO, dn)) {
        if (k === 'AcroForm') compareAcroForm(old.dict(dO.get('AcroForm')), now.dict(dn.get('AcroForm')));
        else if (k === 'DSS') allowed.push('catalogue : /DSS (données de validation)');
        else if (k === 'Metadata') allowed.push('catalogue : /Metadata (métadonnées XMP)');
        else disallowed.push(`catalogue : /${k} modifié`);
      }
      continue;
    }
    if (acroNums.has(num) && dO && dn) {
      compareAcroForm(dO, dn);
      continue;
    }
    if (fieldsArrayNums.has(num)) {
      checkAdded(refNums(vo), refNums(vn), 'liste des champs du formulaire');
      continue;
    }
    if (oldAnnotsArray.has(num)) {
      checkAdded(refNums(vo), refNums(vn), `annotations de la page ${oldAnnotsArray.get(num)}`);
      continue;
    }
    if (num === infoNum || metadataNums.has(num)) {
      // Neither the Info dictionary nor the XMP packet is drawn on any page.
      allowed.push(num === infoNum ? 'métadonnées du document (Info)' : 'métadonnées XMP du document');
      continue;
    }
    if (dO && dn && pageNo.has(num) && dO.name('Type') === 'Page') {
      for (const k of changedKeys(dO, dn)) {
        if (k === 'Annots') checkAdded(refNums(old.resolve(dO.get('Annots'))), refNums(now.resolve(dn.get('Annots'))), `annotations de la page ${pageNo.get(num)}`);
        else disallowed.push(`${label(num)} : /${k} modifié`);
      }
      continue;
    }
    if (dO && dn && isSigField(old, dO) && !(vo instanceof PdfStream)) {
      const wasSigned = dO.get('V') !== undefined && dO.get('V') !== null;
      const keys = changedKeys(dO, dn);
      const v = dn.get('V');
      const fillsWithLater = !wasSigned && v instanceof PdfRef && ctx.laterSignatures.has(v.num);
      const onlyAppearance = keys.every((k) => k === 'AP' || k === 'AS' || k === 'MK');
      if (fillsWithLater && keys.every((k) => k === 'V' || k === 'AP' || k === 'AS' || k === 'MK')) allowed.push(`champ de signature rempli par une signature ultérieure (objet ${num})`);
      else if (!wasSigned && onlyAppearance && dn.name('Subtype') === 'Widget') allowed.push(`apparence d’un champ de signature (objet ${num})`);
      else disallowed.push(`champ de signature (objet ${num}) : ${wasSigned ? 'champ déjà signé modifié' : `/${keys.join(', /')} modifié`}`);
      continue;
    }
    disallowed.push(`${label(num)} modifié`);
  }
  return { allowed: [...new Set(allowed)], disallowed: [...new Set(disallowed)] };
}
